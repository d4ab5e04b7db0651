import { INTAKE_LIMITS, INTAKE_MESSAGES } from '../image/intake.ts';

/** Largest image the reveal tools accept: the intake's limit (100 megapixels, 400 MB of RGBA). */
export const MAX_PIXELS = INTAKE_LIMITS.maxPixels;

/**
 * Thrown when an image has more pixels than {@link MAX_PIXELS}. The message is the intake's
 * own, written for the person, so the UI can show it as it is.
 */
export class ImageTooLargeError extends Error {
  override name = 'ImageTooLargeError';

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(INTAKE_MESSAGES.tooManyPixels({ width, height }, INTAKE_LIMITS));
  }
}

/** Throw {@link ImageTooLargeError} before anything allocates a buffer for a huge image. */
export function checkImageSize(width: number, height: number): void {
  if (width * height > MAX_PIXELS) throw new ImageTooLargeError(width, height);
}
