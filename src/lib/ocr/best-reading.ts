/**
 * "Read text"'s choice among candidate pictures, in one place so the app (src/platform/ocr.ts,
 * src/reveal/reveal-text.ts) and the reading check in Node (test/lib/reveal/ocr-node.ts) apply
 * the same rule: read the candidates in order, stop once one reads confidently enough, and
 * keep the most confident reading that found any text.
 */

/** Confidence (0–100) at which a reading is taken without reading the further candidates. */
export const OCR_ENOUGH = 90;

/** What the reader made of one picture: the text (trimmed) and its mean word confidence. */
export interface Reading {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
}

/** Whether `reading` ends the read: it found text with at least `enough` confidence. */
export function readsEnough(reading: Reading, enough = OCR_ENOUGH): boolean {
  return reading.text !== '' && reading.confidence >= enough;
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
  return best ?? { text: '', confidence: 0 };
}
