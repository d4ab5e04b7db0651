/** Largest image the reveal tools accept: 100 megapixels (400 MB of RGBA). */
export const MAX_PIXELS = 100_000_000;

/**
 * Thrown when an image has more pixels than {@link MAX_PIXELS}. The message is written for
 * the person, so the UI can show it as it is.
 */
export class ImageTooLargeError extends Error {
  override name = 'ImageTooLargeError';

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    super(
      `This image is ${width} × ${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); ` +
        `the most Glimpse can reveal is ${MAX_PIXELS / 1e6} megapixels.`,
    );
  }
}

/** Throw {@link ImageTooLargeError} before anything allocates a buffer for a huge image. */
export function checkImageSize(width: number, height: number): void {
  if (width * height > MAX_PIXELS) throw new ImageTooLargeError(width, height);
}
