/**
 * A forgiving reader for the streaming endpoint's body. It is written here instead of using
 * the SDK's because the SDK's parser drops a last event that lacks a blank line after it and
 * turns an error JSON after events into an unhandled promise rejection (see docs/gemini.md).
 *
 * What it accepts: `data: {json}` events framed by `\r\n\r\n`, `\n\n` or `\r\r`; a last event
 * with no blank line (or a lone `\r\n`) after it; `:` comments and other SSE fields (ignored);
 * and a bare JSON body (an error object, possibly pretty-printed over many lines) that is not
 * SSE at all, before or after events.
 */

/** One message found in the body. */
export type SseMessage =
  /** The data of one SSE event (its `data:` lines joined by `\n`). */
  | { kind: 'data'; data: string; final: boolean }
  /** Text outside any SSE event (e.g. a bare error JSON), once it parses as JSON or ends. */
  | { kind: 'raw'; text: string; final: boolean };

/** An incremental parser: feed decoded text as it arrives, then call `end()`. */
export interface SseParser {
  feed(text: string): SseMessage[];
  end(): SseMessage[];
}

const FIELD = /^(event|id|retry)(:|$)/;

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Make a parser. Chunk boundaries may fall anywhere, even between `\r` and `\n`. */
export function createSseParser(): SseParser {
  let buffer = '';
  let data: string[] = [];
  let stray = '';

  function line(text: string, out: SseMessage[], final: boolean): void {
    if (text === '') {
      if (data.length) out.push({ kind: 'data', data: data.join('\n'), final });
      data = [];
      return;
    }
    if (text.startsWith(':') || FIELD.test(text)) return;
    if (text.startsWith('data:')) {
      const value = text.slice(5);
      data.push(value.startsWith(' ') ? value.slice(1) : value);
      return;
    }
    // Not SSE: collect it until it forms a whole JSON value (an error body, usually).
    stray += text + '\n';
    // Try to parse only where a JSON value can end: a one-line value, or a closing bracket
    // at the start of a line (pretty-printed). Otherwise `end()` delivers it.
    const closes = /^[}\]]\s*$/.test(text) || (/^[{[]/.test(text) && /[}\]]\s*$/.test(text));
    if (closes && parsesAsJson(stray)) {
      out.push({ kind: 'raw', text: stray, final });
      stray = '';
    }
  }

  function drain(out: SseMessage[], atEnd: boolean, from = 0): void {
    // Walk the buffer with a regex index and cut it once, so a big chunk of many lines is
    // not copied once per line.
    const eol = /\r\n|\r|\n/g;
    let start = 0;
    eol.lastIndex = from;
    for (let m = eol.exec(buffer); m; m = eol.exec(buffer)) {
      // A `\r` at the very end may be half of `\r\n` still on its way: wait for more.
      if (m[0] === '\r' && m.index === buffer.length - 1 && !atEnd) break;
      line(buffer.slice(start, m.index), out, false);
      start = m.index + m[0].length;
    }
    buffer = buffer.slice(start);
  }

  return {
    feed(text) {
      const out: SseMessage[] = [];
      // What was buffered holds no line end (bar a trailing `\r`): scan only the new text.
      const from = Math.max(0, buffer.length - 1);
      buffer += text;
      drain(out, false, from);
      return out;
    },
    end() {
      const out: SseMessage[] = [];
      drain(out, true);
      if (buffer) line(buffer, out, true);
      buffer = '';
      // The last event may have no blank line after it: deliver it anyway.
      line('', out, true);
      if (stray.trim()) out.push({ kind: 'raw', text: stray, final: true });
      stray = '';
      return out;
    },
  };
}
