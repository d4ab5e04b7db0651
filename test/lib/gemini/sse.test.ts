import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../../../src/lib/gemini/sse.ts';

/** Feed text in the given pieces and return every message. */
function parse(pieces: string[]): SseMessage[] {
  const p = createSseParser();
  return [...pieces.flatMap((t) => p.feed(t)), ...p.end()];
}
const datas = (ms: SseMessage[]) => ms.filter((m) => m.kind === 'data').map((m) => m.data);

describe('SSE reader', () => {
  it.each([
    ['\\r\\n\\r\\n framing', 'data: {"a":1}\r\n\r\ndata: {"a":2}\r\n\r\n'],
    ['\\n\\n framing', 'data: {"a":1}\n\ndata: {"a":2}\n\n'],
    ['\\r\\r framing', 'data: {"a":1}\r\rdata: {"a":2}\r\r'],
    ['no blank line after the last event', 'data: {"a":1}\r\n\r\ndata: {"a":2}'],
    ['a lone \\r\\n after the last event', 'data: {"a":1}\n\ndata: {"a":2}\r\n'],
    [
      'comments and other fields',
      ': keep-alive\nevent: message\nid: 7\ndata: {"a":1}\n\nretry: 10\ndata:{"a":2}\n\n',
    ],
  ])('reads both events with %s', (_name, body) => {
    expect(datas(parse([body]))).toEqual(['{"a":1}', '{"a":2}']);
  });

  it('gives the same events whatever the chunk boundaries, even between \\r and \\n', () => {
    const body = 'data: {"t":"x"}\r\n\r\ndata: {"t":"y"}\r\n\r\ndata: {"t":"z"}';
    const whole = datas(parse([body]));
    for (let size = 1; size <= body.length; size++) {
      const pieces = body.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [];
      expect(datas(parse(pieces)), `pieces of ${size}`).toEqual(whole);
    }
    expect(whole).toEqual(['{"t":"x"}', '{"t":"y"}', '{"t":"z"}']);
  });

  it('keeps a multi-line event whole when a piece ends between \\r and \\n', () => {
    const body = 'data: {"a":\r\ndata: 1}\r\n\r\n';
    for (let at = 0; at <= body.length; at++) {
      expect(datas(parse([body.slice(0, at), body.slice(at)])), `split at ${at}`).toEqual([
        '{"a":\n1}',
      ]);
    }
  });

  it('joins multi-line data with \\n', () => {
    expect(datas(parse(['data: {"a":\ndata: 1}\n\n']))).toEqual(['{"a":\n1}']);
  });

  it('delivers a pretty-printed bare JSON body (not SSE) as one raw message', () => {
    const body = '{\n  "error": {\n    "code": 400,\n    "message": "x"\n  }\n}\n';
    const ms = parse([body.slice(0, 9), body.slice(9)]);
    expect(ms).toEqual([{ kind: 'raw', text: body, final: false }]);
    expect(JSON.parse((ms[0] as { text: string }).text)).toEqual({
      error: { code: 400, message: 'x' },
    });
  });

  it('delivers a bare error JSON that follows events, after them', () => {
    const ms = parse(['data: {"a":1}\r\n\r\n{"error": {"code": 503}}\n']);
    expect(ms.map((m) => m.kind)).toEqual(['data', 'raw']);
  });

  it('marks only the last, unterminated event as final (so a cut-off one can be told apart)', () => {
    const ms = parse(['data: {"a":1}\n\ndata: {"a":']);
    expect(ms).toEqual([
      { kind: 'data', data: '{"a":1}', final: false },
      { kind: 'data', data: '{"a":', final: true },
    ]);
  });

  it('yields nothing for an empty body', () => {
    expect(parse([''])).toEqual([]);
  });
});
