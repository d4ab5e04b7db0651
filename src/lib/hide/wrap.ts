/** Width of a piece of text in pixels, as the drawing surface measures it. */
export type MeasureText = (text: string) => number;

/**
 * Break a message into lines no wider than `maxWidth`: the person's own line breaks are kept,
 * words move to the next line when they do not fit, and a word wider than a whole line is cut
 * between characters (a URL or a long word must still show, not overflow the image).
 * DOM-free: the caller passes a measure function (a canvas's `measureText` in the page, a
 * fixed-width stand-in in tests).
 */
export function wrapLines(message: string, maxWidth: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  for (const paragraph of message.replace(/\r\n?/g, '\n').split('\n')) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w !== '');
    if (words.length === 0) {
      lines.push('');
      continue;
    }
    let line = '';
    for (const word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      if (measure(word) <= maxWidth) {
        line = word;
        continue;
      }
      const pieces = breakWord(word, maxWidth, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1)!;
    }
    lines.push(line);
  }
  return lines;
}

/** Cut one word into pieces that each fit, at least one character a piece. */
function breakWord(word: string, maxWidth: number, measure: MeasureText): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece !== '' && measure(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  pieces.push(piece);
  return pieces;
}
