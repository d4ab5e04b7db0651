/**
 * Byte builders for image-header tests: just enough of each format's header to be recognised,
 * written out by hand so each test shows what it feeds in. No Node imports: the browser tests
 * use them too.
 */
/** Concatenate byte arrays and numbers (each number one byte) and Latin-1 strings. */
export function bytes(
  ...parts: (number | string | Uint8Array | number[])[]
): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else if (typeof p === 'string') for (const c of p) out.push(c.charCodeAt(0));
    else out.push(...p);
  }
  return new Uint8Array(out);
}

/** Big-endian 32-bit. */
export const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
/** Big-endian 16-bit. */
export const be16 = (n: number) => [(n >>> 8) & 255, n & 255];
/** Little-endian 32-bit. */
export const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
/** Little-endian 16-bit. */
export const le16 = (n: number) => [n & 255, (n >>> 8) & 255];
/** Little-endian 24-bit. */
export const le24 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255];

/** An ISO-BMFF file start: `ftyp` box with major and compatible brands, then a `meta` box
 * holding one `ispe` property of the given size. */
export function isobmff(major: string, compatible: string[], width = 4032, height = 3024) {
  const ftypSize = 16 + 4 * compatible.length;
  const ispe = bytes(be32(20), 'ispe', be32(0), be32(width), be32(height));
  return bytes(
    be32(ftypSize),
    'ftyp',
    major,
    be32(0),
    ...compatible,
    be32(8 + ispe.length),
    'meta',
    ispe,
  );
}

/** A GIF header with logical screen size, plus a trailer byte. */
export function gif(width: number, height: number): Uint8Array<ArrayBuffer> {
  return bytes('GIF89a', le16(width), le16(height), 0, 0, 0, 0x3b);
}

/**
 * A 24-bit BMP: file header + BITMAPINFOHEADER, then `pixels` (bottom-up rows, each padded to
 * 4 bytes). With no pixels it is a header declaring a file of exactly these bytes.
 */
export function bmp(width: number, height: number, pixels: number[] = []): Uint8Array<ArrayBuffer> {
  return bytes(
    'BM',
    le32(54 + pixels.length),
    le32(0),
    le32(54),
    le32(40),
    le32(width),
    le32(height),
    le16(1),
    le16(24),
    le32(0),
    le32(pixels.length),
    le32(0),
    le32(0),
    le32(0),
    le32(0),
    pixels,
  );
}

/** A WebP with an extended (VP8X) header; `alpha` sets the alpha flag. */
export function webpVp8x(width: number, height: number, alpha: boolean): Uint8Array<ArrayBuffer> {
  const body = bytes(
    'WEBP',
    'VP8X',
    le32(10),
    alpha ? 0x10 : 0,
    0,
    0,
    0,
    le24(width - 1),
    le24(height - 1),
  );
  return bytes('RIFF', le32(body.length), body);
}

/**
 * An EXIF APP1 segment with IFD0 entries: Orientation, and optionally a GPSInfo pointer to a
 * GPS IFD holding a latitude reference. The TIFF data is big-endian (`MM`, as most cameras
 * write) unless `order` is `II` (little-endian, as many phones write).
 */
export function exifApp1(
  orientation: number,
  withGps: boolean,
  order: 'MM' | 'II' = 'MM',
): Uint8Array<ArrayBuffer> {
  const [w16, w32] = order === 'MM' ? [be16, be32] : [le16, le32];
  const entries = withGps ? 2 : 1;
  const ifd0 = 8;
  const gpsIfd = ifd0 + 2 + entries * 12 + 4;
  const tiff = bytes(
    order,
    w16(42),
    w32(ifd0),
    w16(entries),
    w16(0x0112),
    w16(3),
    w32(1),
    // A SHORT value sits in the first two bytes of the 4-byte value field, in either order.
    w16(orientation),
    0,
    0,
    ...(withGps ? [bytes(w16(0x8825), w16(4), w32(1), w32(gpsIfd))] : []),
    w32(0),
    ...(withGps ? [bytes(w16(1), w16(1), w16(2), w32(2), 'N', 0, 0, 0, w32(0))] : []),
  );
  const payload = bytes('Exif', 0, 0, tiff);
  return bytes(0xff, 0xe1, be16(payload.length + 2), payload);
}

/** `jpeg` with `segment` inserted right after the start-of-image marker. */
export function insertAfterSoi(jpeg: Uint8Array, segment: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes(jpeg.subarray(0, 2), segment, jpeg.subarray(2));
}

/**
 * A pixel bomb made from a real JPEG: its frame header declares `width`×`height`, and one
 * stray byte sits just before that header. libjpeg (and so the browser) skips the stray byte
 * with a warning and decodes at the declared size; a strict reader loses the size.
 */
export function jpegBomb(jpeg: Uint8Array, width: number, height: number) {
  let i = 2;
  while (i + 4 <= jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1];
    if (marker >= 0xc0 && marker <= 0xc2) {
      const out = bytes(jpeg.subarray(0, i), 0x00, jpeg.subarray(i));
      const sof = i + 1; // the stray byte moved the frame header one on
      out.set(be16(height), sof + 5);
      out.set(be16(width), sof + 7);
      return out;
    }
    i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
  }
  throw new Error('no frame header found');
}
