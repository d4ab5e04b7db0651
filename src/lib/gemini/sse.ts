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
import { GeminiError } from './errors.ts';

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

/** Options for {@link createSseParser}. */
export interface SseParserOptions {
  /**
   * The most characters one event (or one stray non-SSE body) may hold before the reader
   * gives up with a `bad-response`: a runaway body must not eat the tab's memory.
   */
  maxEvent?: number;
}

/** 32 MB: image-output models send events of several MB; nothing real comes near this. */
export const MAX_EVENT = 32 * 1024 * 1024;

/**
 * Make a parser. Chunk boundaries may fall anywhere, even between `\r` and `\n`. It is
 * linear: each piece is scanned once, and an unfinished line is kept as a list of pieces
 * joined once when its end arrives, so a single huge event sent in small pieces never makes
 * it rescan (or re-copy) what it already holds.
 */
export function createSseParser(options: SseParserOptions = {}): SseParser {
  const maxEvent = options.maxEvent ?? MAX_EVENT;
  /** The unfinished line, in the pieces it arrived in. */
  let pending: string[] = [];
  /** A `\r` that ended the last piece: half of `\r\n`, or a line end of its own. */
  let heldCr = false;
  let pendingLength = 0;
  /** Characters held for the current event: its data lines and stray text. */
  let held = 0;
  let data: string[] = [];
  let stray = '';

  function check(size: number): void {
    if (size > maxEvent) {
      throw new GeminiError('bad-response', {
        apiMessage: `One event of the reply is too large (over ${Math.round(maxEvent / 1024 / 1024)} MB).`,
      });
    }
  }

  function line(text: string, out: SseMessage[], final: boolean): void {
    if (text === '') {
      if (data.length) out.push({ kind: 'data', data: data.join('\n'), final });
      data = [];
      held = stray.length;
      return;
    }
    if (text.startsWith(':') || FIELD.test(text)) return;
    if (text.startsWith('data:')) {
      const value = text.slice(5);
      data.push(value.startsWith(' ') ? value.slice(1) : value);
      held += value.length;
      check(held);
      return;
    }
    // Not SSE: collect it until it forms a whole JSON value (an error body, usually).
    stray += text + '\n';
    held += text.length + 1;
    check(held);
    // Try to parse only where a JSON value can end: a one-line value, or a closing bracket
    // at the start of a line (pretty-printed). Otherwise `end()` delivers it.
    const closes = /^[}\]]\s*$/.test(text) || (/^[{[]/.test(text) && /[}\]]\s*$/.test(text));
    if (closes && parsesAsJson(stray)) {
      out.push({ kind: 'raw', text: stray, final });
      held -= stray.length;
      stray = '';
    }
  }

  /** The unfinished line plus `tail`, as one string; the pending pieces are consumed. */
  function take(tail: string): string {
    if (!pending.length) return tail;
    pending.push(tail);
    const whole = pending.join('');
    pending = [];
    pendingLength = 0;
    return whole;
  }

  function scan(text: string, out: SseMessage[]): void {
    const eol = /\r\n|\r|\n/g;
    let start = 0;
    for (let m = eol.exec(text); m; m = eol.exec(text)) {
      if (m[0] === '\r' && m.index === text.length - 1) {
        // It may be half of `\r\n` still on its way: decide when the next piece comes.
        heldCr = true;
        line(take(text.slice(start, m.index)), out, false);
        return;
      }
      line(take(text.slice(start, m.index)), out, false);
      start = m.index + m[0].length;
    }
    const rest = text.slice(start);
    if (rest) {
      pending.push(rest);
      pendingLength += rest.length;
      check(held + pendingLength);
    }
  }

  return {
    feed(text) {
      const out: SseMessage[] = [];
      if (heldCr) {
        heldCr = false;
        // The held `\r` already ended its line; a `\n` right after it belongs to it.
        if (text.startsWith('\n')) text = text.slice(1);
      }
      scan(text, out);
      return out;
    },
    end() {
      const out: SseMessage[] = [];
      heldCr = false;
      if (pending.length) line(take(''), out, true);
      // The last event may have no blank line after it: deliver it anyway.
      line('', out, true);
      if (stray.trim()) out.push({ kind: 'raw', text: stray, final: true });
      stray = '';
      held = 0;
      return out;
    },
  };
}
