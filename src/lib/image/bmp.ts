/**
 * BMP decoded in JavaScript, for browsers that add noise to what a canvas hands back (Brave,
 * Firefox resisting fingerprinting): the file's own values, so one-level differences survive.
 * Reads the headers Windows and most tools write (BITMAPCOREHEADER, BITMAPINFOHEADER and its
 * V2–V5 extensions), 1-, 4- and 8-bit palettes, 16-bit (5-5-5 or bit fields), 24-bit and
 * 32-bit (bit fields with or without alpha), stored bottom-up or top-down. Compressed kinds
 * (RLE, embedded JPEG/PNG) and OS/2 2.x headers are refused with {@link BmpUnsupportedError},
 * so a caller can fall back to the browser's decoder.
 *
 * A hostile header must not cost memory: the declared size is held to the intake's pixel
 * limit, and the file must hold every row it declares, before the pixels are allocated.
 * Where files are ambiguous the choices follow Chromium's decoder, so a BMP reads the same
 * with or without the canvas (test/browser checks that).
 */
import { ImageError } from './errors.ts';
import { INTAKE_LIMITS, INTAKE_MESSAGES, checkPixels, type IntakeLimits } from './intake.ts';

/** Straight RGBA, rows top to bottom: the same shape as ImageData and Reveal's `Pixels`. */
export interface BmpImage {
  width: number;
  height: number;
  data: Uint8ClampedArray<ArrayBuffer>;
}

/** Every sentence the BMP decoder shows a person. */
export const BMP_MESSAGES = {
  unsupported: (how: string) =>
    `This BMP file is ${how}, which Glimpse cannot read exactly in this browser. Save it as PNG to read its exact pixels.`,
} as const;

/** A valid BMP of a kind this decoder does not read (RLE, JPEG or PNG inside, OS/2 2.x). */
export class BmpUnsupportedError extends ImageError {
  override name = 'BmpUnsupportedError';
  constructor(how: string) {
    super('undecodable', BMP_MESSAGES.unsupported(how));
  }
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

const FILE_HEADER = 14;
const CORE_HEADER = 12;
/** BITMAPINFOHEADER and its extensions: V2 adds RGB masks, V3 alpha, V4 colour space, V5 ICC. */
const INFO_HEADERS = new Set([40, 52, 56, 108, 124]);

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;
const COMPRESSED: Record<number, string> = {
  1: 'compressed with RLE8',
  2: 'compressed with RLE4',
  4: 'a JPEG inside a BMP',
  5: 'a PNG inside a BMP',
};

/** What the headers say, checked. */
interface Layout {
  width: number;
  height: number;
  topDown: boolean;
  bpp: number;
  /** Red, green, blue, alpha masks for 16- and 32-bit pixels (alpha 0: opaque). */
  masks: [number, number, number, number];
  palette: Uint8Array;
  pixelStart: number;
  stride: number;
}

/**
 * Decode a BMP to straight RGBA exactly as stored. Throws `ImageError`: `too-many-pixels`
 * over the limit, `truncated` when rows are missing, `undecodable` for a damaged file, and
 * {@link BmpUnsupportedError} for kinds it does not read. Never anything else.
 */
export function decodeBmp(bytes: Uint8Array, limits: IntakeLimits = INTAKE_LIMITS): BmpImage {
  const layout = readLayout(bytes, limits);
  const { width, height } = layout;
  const data = new Uint8ClampedArray(width * height * 4);
  const readers = layout.masks.map(channelReader);
  for (let row = 0; row < height; row++) {
    const y = layout.topDown ? row : height - 1 - row;
    const at = layout.pixelStart + row * layout.stride;
    decodeRow(bytes, layout, readers, at, data, y * width * 4);
  }
  return { width, height, data };
}

function damaged(): ImageError {
  return new ImageError('undecodable', INTAKE_MESSAGES.undecodable('bmp'));
}

function truncated(): ImageError {
  return new ImageError('truncated', INTAKE_MESSAGES.truncated('bmp'));
}

function readLayout(b: Uint8Array, limits: IntakeLimits): Layout {
  if (b.length < FILE_HEADER + 4) throw truncated();
  if (b[0] !== 0x42 || b[1] !== 0x4d) throw damaged(); // "BM"
  const headerSize = u32(b, FILE_HEADER);
  const core = headerSize === CORE_HEADER;
  if (headerSize === 16 || headerSize === 64) throw new BmpUnsupportedError('in the OS/2 format');
  if (!core && !INFO_HEADERS.has(headerSize)) throw damaged();
  const headerEnd = FILE_HEADER + headerSize;
  if (b.length < headerEnd) throw truncated();

  const width = core ? u16(b, 18) : u32(b, 18) | 0;
  const signedHeight = core ? u16(b, 20) : u32(b, 22) | 0;
  const bpp = u16(b, core ? 24 : 28);
  const compression = core ? BI_RGB : u32(b, 30);
  if (COMPRESSED[compression]) throw new BmpUnsupportedError(COMPRESSED[compression]);
  if (width <= 0 || signedHeight === 0) throw damaged();
  // Over the limit before anything is allocated for it (abs: -2^31 stays huge).
  checkPixels(width, signedHeight, limits);
  const height = Math.abs(signedHeight);

  const bitfields = compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS;
  if (compression !== BI_RGB && !bitfields) throw damaged();
  if (bitfields && bpp !== 16 && bpp !== 32) throw damaged();
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) throw damaged();

  // BITMAPINFOHEADER keeps bit field masks just after itself; V2 and later inside.
  let tableStart = headerEnd;
  let masks: Layout['masks'] = [0, 0, 0, 0];
  if (bitfields) {
    const count = compression === BI_ALPHABITFIELDS || headerSize >= 56 ? 4 : 3;
    const at = headerSize === 40 ? headerEnd : FILE_HEADER + 40;
    if (headerSize === 40) tableStart += count * 4;
    if (b.length < at + count * 4) throw truncated();
    masks = [u32(b, at), u32(b, at + 4), u32(b, at + 8), count === 4 ? u32(b, at + 12) : 0];
    checkMasks(masks, bpp);
  } else if (bpp === 16) {
    masks = [0x7c00, 0x03e0, 0x001f, 0];
  } else if (bpp === 32) {
    masks = [0xff0000, 0xff00, 0xff, 0];
  }

  // The colour table holds the colours used (0: all 1 << bpp); a larger count means nothing.
  const entry = core ? 3 : 4;
  const used = core ? 0 : u32(b, 46);
  const colours = bpp > 8 ? 0 : used === 0 || used > 1 << bpp ? 1 << bpp : used;
  const tableEnd = tableStart + colours * entry;
  if (tableEnd > b.length) throw truncated();
  const palette = bpp > 8 ? new Uint8Array(0) : readPalette(b, tableStart, entry, colours, bpp);

  // Offset 0 is a writer's slip; the pixels then follow the colour table.
  const pixelStart = u32(b, 10) || tableEnd;
  const stride = Math.floor((width * bpp + 31) / 32) * 4;
  // Every row must be there, padding and all (as Chromium wants), before a byte is allocated.
  if (pixelStart + stride * height > b.length) throw truncated();
  return { width, height, topDown: signedHeight < 0, bpp, masks, palette, pixelStart, stride };
}

/** Masks must be contiguous runs of bits that do not overlap (as Chromium requires). */
function checkMasks(masks: Layout['masks'], bpp: number): void {
  let seen = 0;
  for (let i = 0; i < 4; i++) {
    // Bits beyond the pixel's width mean nothing: some writers set them.
    const mask = bpp === 16 ? masks[i] & 0xffff : masks[i];
    masks[i] = mask;
    if (mask & seen) throw damaged();
    seen |= mask;
    const low = mask >>> trailingZeros(mask);
    if (mask && (low & (low + 1)) !== 0) throw damaged();
  }
}

/** The colour table as RGBA, always 1 << bpp entries: those past its end are opaque black. */
function readPalette(
  b: Uint8Array,
  at: number,
  entry: number,
  colours: number,
  bpp: number,
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array((1 << bpp) * 4);
  for (let i = 0; i < colours; i++) {
    const from = at + i * entry;
    out.set([b[from + 2], b[from + 1], b[from], 255], i * 4);
  }
  for (let i = colours; i < 1 << bpp; i++) out[i * 4 + 3] = 255;
  return out;
}

/** One stored row into its place in `out`; `readers` turn 16/32-bit pixels into levels. */
function decodeRow(
  b: Uint8Array,
  layout: Layout,
  readers: ((pixel: number) => number)[],
  at: number,
  out: Uint8ClampedArray,
  to: number,
): void {
  const { width, bpp, palette, masks } = layout;
  if (bpp <= 8) {
    const perByte = 8 / bpp;
    const mask = (1 << bpp) - 1;
    for (let x = 0; x < width; x++) {
      const byte = b[at + Math.floor(x / perByte)];
      const index = ((byte >> (8 - bpp - (x % perByte) * bpp)) & mask) * 4;
      const o = to + x * 4;
      out[o] = palette[index];
      out[o + 1] = palette[index + 1];
      out[o + 2] = palette[index + 2];
      out[o + 3] = 255;
    }
    return;
  }
  // The usual 32-bit layout, BGRA in bytes: copied without unpacking each pixel.
  const bgra = masks[0] === 0xff0000 && masks[1] === 0xff00 && masks[2] === 0xff;
  const alpha = masks[3] === 0xff000000;
  if (bpp === 32 && bgra && (alpha || masks[3] === 0)) {
    for (let x = 0; x < width; x++, at += 4, to += 4) {
      out[to] = b[at + 2];
      out[to + 1] = b[at + 1];
      out[to + 2] = b[at];
      out[to + 3] = alpha ? b[at + 3] : 255;
    }
    return;
  }
  if (bpp === 24) {
    for (let x = 0; x < width; x++, at += 3, to += 4) {
      out[to] = b[at + 2];
      out[to + 1] = b[at + 1];
      out[to + 2] = b[at];
      out[to + 3] = 255;
    }
    return;
  }
  const [r, g, bl, a] = readers;
  for (let x = 0; x < width; x++, to += 4) {
    const pixel = bpp === 16 ? u16(b, at + x * 2) : u32(b, at + x * 4);
    out[to] = r(pixel);
    out[to + 1] = g(pixel);
    out[to + 2] = bl(pixel);
    out[to + 3] = masks[3] ? a(pixel) : 255;
  }
}

function trailingZeros(n: number): number {
  return n === 0 ? 0 : 31 - Math.clz32(n & -n);
}

/**
 * A function from a pixel to one channel's 8-bit level. Fields wider than 8 bits keep their
 * top 8; narrower ones stretch to 0–255 with rounding, as Chromium does.
 */
function channelReader(mask: number): (pixel: number) => number {
  if (mask === 0) return () => 0;
  const shift = trailingZeros(mask);
  const bits = 32 - Math.clz32(mask >>> shift);
  if (bits >= 8) return (pixel) => ((pixel & mask) >>> shift) >>> (bits - 8);
  const max = (1 << bits) - 1;
  const table = Uint8Array.from({ length: max + 1 }, (_, v) => Math.round((v * 255) / max));
  return (pixel) => table[((pixel & mask) >>> shift) & max];
}
