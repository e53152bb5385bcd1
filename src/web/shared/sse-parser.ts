// Incremental parser for server-sent event frames (text/event-stream), fed chunk by chunk from
// fetch + ReadableStream (EventSource cannot POST). Follows the WHATWG parsing rules we rely on:
// CR, LF or CRLF line ends (possibly split across chunks), `event:`/`data:` fields, comments.

export interface SseFrame {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds decoded text; returns the frames completed by it. */
  push(text: string): SseFrame[];
  /** Ends the stream; an unterminated last frame is discarded, as the spec requires. */
  end(): SseFrame[];
}

export function createSseParser(): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  let hasData = false;

  function line(l: string, out: SseFrame[]): void {
    if (l === '') {
      if (hasData) out.push({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      hasData = false;
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const field = colon === -1 ? l : l.slice(0, colon);
    let value = colon === -1 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') {
      data.push(value);
      hasData = true;
    }
  }

  return {
    push(text) {
      buffer += text;
      const out: SseFrame[] = [];
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== '\n' && c !== '\r') continue;
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (c === '\r' && i === buffer.length - 1) break;
        line(buffer.slice(start, i), out);
        if (c === '\r' && buffer[i + 1] === '\n') i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    end() {
      const out: SseFrame[] = [];
      if (buffer.endsWith('\r')) {
        line(buffer.slice(0, -1), out);
        buffer = '';
      }
      buffer = '';
      event = '';
      data = [];
      hasData = false;
      return out;
    },
  };
}
