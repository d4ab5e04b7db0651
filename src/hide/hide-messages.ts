import { MAX_SIDE, MIN_SIDE } from '../lib/hide/options.ts';

/**
 * What Hide's fields say when what was typed cannot be used (the picture keeps the last value
 * that could). Short: a number field's message stands in a column as narrow as the field.
 */
export const hideFieldMessages = {
  colour: 'Write a colour as #RRGGBB, e.g. #7ED957.',
  fontSizePt: 'Use a number from 1 to 400.',
  textAlpha: 'Use a whole number from 1 to 255.',
  width: `Use a whole number from ${MIN_SIDE} to ${MAX_SIDE}.`,
  height: `Use a whole number from ${MIN_SIDE} to ${MAX_SIDE}.`,
  contrast: 'Use a ΔE from 0 to 100.',
  /** Not a fault: the picture is what it says, and Download still gives it. */
  messageEmpty: 'The message is empty: the picture is only the background.',
} as const;
