// SSE frame parsing as the widget does it: fed arbitrary chunks of the stream.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseFrame } from '../../src/web/shared/sse-parser.js';

function parseAll(chunks: string[]): SseFrame[] {
  const p = createSseParser();
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
}

const STREAM =
  'event: token\ndata: {"text":"根据第11条"}\n\n' +
  ': keep-alive comment\n\n' +
  'event: citation\r\ndata: {"ref":"11","label":"第11条"}\r\n\r\n' +
  'event: done\rdata: {"answer":"a\\nb"}\r\r';

const EXPECTED: SseFrame[] = [
  { event: 'token', data: '{"text":"根据第11条"}' },
  { event: 'citation', data: '{"ref":"11","label":"第11条"}' },
  { event: 'done', data: '{"answer":"a\\nb"}' },
];

describe('createSseParser', () => {
  it('parses event and data fields with LF, CRLF and CR line ends, skipping comments', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same frames however the stream is split into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: STREAM.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(STREAM.slice(last, p));
          last = p;
        }
        chunks.push(STREAM.slice(last));
        expect(parseAll(chunks)).toEqual(EXPECTED);
      }),
    );
  });

  it('handles a CRLF split between chunks as one line end', () => {
    expect(parseAll(['data: x\r', '\n\r', '\n'])).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('joins multi-line data with newlines and strips one leading space only', () => {
    expect(parseAll(['data:  two spaces\ndata:none\n\n'])).toEqual([{ event: 'message', data: ' two spaces\nnone' }]);
  });

  it('drops an unterminated last frame and frames without data', () => {
    expect(parseAll(['event: ping\n\n', 'event: token\ndata: {"text":"半"}\n'])).toEqual([]);
  });

  it('resets the event name after each frame', () => {
    expect(parseAll(['event: token\ndata: 1\n\ndata: 2\n\n'])).toEqual([
      { event: 'token', data: '1' },
      { event: 'message', data: '2' },
    ]);
  });
});
