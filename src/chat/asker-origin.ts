// Where the asker says they are from ("我是温州人", "我们都是湖南人"), as the alternatives read it (pure).
import type { Place } from './region-scope.js';

/** "我是温州人", "我们都是湖南人", "本人是广东人": the place before 人 in a self-description. */
const FROM = /(?:我|我们|本人|俺|咱)(?:都|也)?(?:是|属于)?([\p{Script=Han}]{2,8}?)人(?![员才士口数])/gu;
/** Division codes of Hong Kong, Macau and Taiwan: not the mainland. */
const NOT_MAINLAND = /^(81|82|71)/u;

/** True when the asker says they are from a place on the mainland ("我是温州人"). */
export function fromMainland(message: string, placesIn: (text: string) => Place[]): boolean {
  for (const m of message.matchAll(FROM)) {
    const places = placesIn(m[1]!);
    if (places.length && places.every((p) => !NOT_MAINLAND.test(p.code))) return true;
  }
  return false;
}
