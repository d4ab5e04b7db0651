/**
 * Every sentence Auto reveal says to a person, in one table: wording is reviewed here, not
 * hunted through the algorithm. (`words.ts` is about 32-bit pixel words, not these.)
 */
export const autoRevealMessages = {
  /** The image is one colour, or its background model explains every pixel. */
  nothing: 'No hidden text found: the image has no difference from its background.',
  /** Differences exist but none stands out from the noise; `difference` from {@link describeLevels}. */
  unclear: (difference: string) =>
    `No clear hidden text found; the strongest difference from the background is ${difference}.`,
  /** Text stands clearly out. */
  found: (difference: string) => `Text differs from the background by ${difference}.`,
  /** Text is there but close to the noise: the mask is the best cut, and says so. */
  weak: (difference: string) =>
    `Weak hidden text: it differs from the background by ${difference}, close to the noise, so some strokes may be missing or speckled.`,
  gradient: 'The background is a gradient, so it was measured locally.',
  smoothed: (side: number) =>
    `The image is noisy, so it was smoothed over ${side} × ${side} pixels before the cut.`,
  specks: 'Isolated dots (salt-and-pepper noise) were left out.',
  /** A difference that rounds to nothing in every channel. */
  underOneLevel: 'less than one level',
  /** "11 in red". */
  inChannel: (levels: number, channel: string) => `${levels} in ${channel}`,
  /** Joins the last two parts of a list: "11 in red and 2 in blue". */
  and: ' and ',
  /** Joins the other parts of a list. */
  comma: ', ',
} as const;
