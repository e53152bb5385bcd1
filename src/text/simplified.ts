// Traditional → Simplified Chinese for what people type (opencc-js, the JavaScript port of
// OpenCC; the only file that imports it). The documents are in Simplified characters; a question
// typed in Traditional ones (港澳台 users, a Traditional input method) must find the same clauses,
// match the same patterns and extract the same facts. Simplified text passes through unchanged.
import { Converter } from 'opencc-js/t2cn';

const convert = Converter({ from: 't', to: 'cn' });

export function toSimplified(text: string): string {
  return convert(text);
}
