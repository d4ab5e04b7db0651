/**
 * "Read text"'s choice among candidate pictures, in one place so the app (src/platform/ocr.ts,
 * src/reveal/reveal-text.ts) and the reading check in Node (test/lib/reveal/ocr-node.ts) apply
 * the same rule: read the candidates in order, stop once one reads confidently enough (its
 * mean and its least sure word), and keep the most confident reading that found any text.
 */

/** Confidence (0–100) at which a reading is taken without reading the further candidates. */
export const OCR_ENOUGH = 90;

/**
 * How far under the bar (`enough`, {@link OCR_ENOUGH} by default) a reading's least sure word
 * may be and the reading still end the read: 85 at the default bar. A reading whose mean
 * clears the bar can hold one misread word ("SECRET MESSAGE MERE": mean 91, MERE 84); a word
 * under it sends the reader on to the further pictures. Measured on the reading check's 24
 * tuning draws per family: one more Arimo draw read as the phrase, no family lower in either
 * glyph set (words down to 80–84 gained nothing; 85–88 gained the same, and 85 reads the
 * fewest further pictures). The lesson's least sure word ("vectorize") reads at 88, so its
 * mask is still read alone.
 */
export const OCR_WORD_SLACK = 5;

/** What the reader made of one picture: the text (trimmed) and how sure it was. */
export interface Reading {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  /** Confidence of its least sure word, 0–100 (the mean when the reader gave no words). */
  lowest: number;
}

/**
 * The part of tesseract.js's result for one picture that a {@link Reading} is made of: its
 * `recognize` output with `blocks: true` (tesseract.js 7 leaves the words out by default).
 */
export interface RecognizedPage {
  text: string;
  confidence: number;
  blocks:
    | readonly {
        paragraphs: readonly { lines: readonly { words: readonly { confidence: number }[] }[] }[];
      }[]
    | null;
}

/** The reading of one recognised picture: its trimmed text, mean and lowest word confidence. */
export function readingOf(page: RecognizedPage): Reading {
  let lowest = Infinity;
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        for (const word of line.words) lowest = Math.min(lowest, word.confidence);
      }
    }
  }
  const text = page.text.trim();
  return {
    text,
    confidence: page.confidence,
    lowest: lowest === Infinity ? page.confidence : lowest,
  };
}

/**
 * Whether `reading` ends the read: it found text with a mean of at least `enough`, and none of
 * its words is more than {@link OCR_WORD_SLACK} under that.
 */
export function readsEnough(reading: Reading, enough = OCR_ENOUGH): boolean {
  return (
    reading.text !== '' && reading.confidence >= enough && reading.lowest >= enough - OCR_WORD_SLACK
  );
}

/**
 * The most confident reading that found any text (the earliest of equals, so the picture on
 * screen wins a tie), or an empty reading of confidence 0 when none did.
 */
export function bestReading<R extends Reading>(readings: readonly R[]): R | Reading {
  let best: R | undefined;
  for (const r of readings) {
    if (r.text !== '' && (!best || r.confidence > best.confidence)) best = r;
  }
  return best ?? { text: '', confidence: 0, lowest: 0 };
}
