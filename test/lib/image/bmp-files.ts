/**
 * BMP files of every layout the decoder reads (and a few it refuses), written byte by byte
 * from a spec so a test shows what it feeds in. No Node imports: the browser tests use them.
 */
import { bytes, le16, le32 } from './bytes.ts';

/** What to write. Pixel values are stored as given, rows listed top to bottom. */
export interface BmpSpec {
  width: number;
  height: number;
  bpp: 1 | 4 | 8 | 16 | 24 | 32;
  /** 12 (core), 40 (info, the default), 52, 56, 108 (V4) or 124 (V5). */
  header?: 12 | 40 | 52 | 56 | 108 | 124;
  /** 0 plain (the default), 1 RLE8, 2 RLE4, 3 bit fields, 6 alpha bit fields. */
  compression?: number;
  /** Red, green, blue (and alpha) masks: after a 40-byte header, or inside a larger one. */
  masks?: number[];
  /** Colour table as [r, g, b]; `used` writes a colour count into the header. */
  palette?: [number, number, number][];
  used?: number;
  /** Rows stored top row first (negative height). */
  topDown?: boolean;
  /** Per pixel, top row first: a palette index, a packed 16/32-bit value, or 0xRRGGBB. */
  pixels: number[];
  /** The stored pixel data as given instead (RLE, for one), `pixels` unused. */
  data?: Uint8Array;
}

/** The BMP file a spec describes. */
export function bmpFile(spec: BmpSpec): Uint8Array<ArrayBuffer> {
  const { width, height, bpp } = spec;
  const header = spec.header ?? 40;
  const core = header === 12;
  const compression = spec.compression ?? 0;
  const masks = spec.masks ?? [];
  const afterHeader = header === 40 ? masks.map((m) => le32(m)) : [];
  const inHeader = header === 52 ? [0, 1, 2] : [0, 1, 2, 3];
  const table = (spec.palette ?? []).flatMap(([r, g, b]) => (core ? [b, g, r] : [b, g, r, 0]));
  const rows = spec.data ?? packRows(spec);
  const offset = 14 + header + afterHeader.length * 4 + table.length;
  const dib = core
    ? bytes(le32(12), le16(width), le16(height), le16(1), le16(bpp))
    : bytes(
        le32(header),
        le32(width),
        le32(spec.topDown ? -height : height),
        le16(1),
        le16(bpp),
        le32(compression),
        le32(rows.length),
        le32(2835),
        le32(2835),
        le32(spec.used ?? 0),
        le32(0),
        // V2 and later hold the masks themselves (V2: RGB, V3 and later: RGBA).
        ...(header > 40 ? inHeader.map((i) => le32(masks[i] ?? 0)) : []),
        new Uint8Array(header > 40 ? header - 40 - inHeader.length * 4 : 0),
      );
  const head = bytes('BM', le32(offset + rows.length), le32(0), le32(offset), dib);
  // Joined by hand: a big image's rows are too many bytes to spread into arguments.
  const out = new Uint8Array(head.length + afterHeader.length * 4 + table.length + rows.length);
  out.set(head);
  out.set(afterHeader.flat(), head.length);
  out.set(table, head.length + afterHeader.length * 4);
  out.set(rows, offset);
  return out;
}

function packRows(spec: BmpSpec): Uint8Array {
  const { width, height, bpp, pixels } = spec;
  const stride = Math.floor((width * bpp + 31) / 32) * 4;
  const out = new Uint8Array(stride * height);
  for (let r = 0; r < height; r++) {
    const y = spec.topDown ? r : height - 1 - r;
    const row = out.subarray(r * stride, (r + 1) * stride);
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x];
      if (bpp <= 8) row[(x * bpp) >> 3] |= v << (8 - bpp - ((x * bpp) & 7));
      else if (bpp === 16) row.set(le16(v), x * 2);
      else if (bpp === 24) row.set([v & 255, (v >> 8) & 255, (v >> 16) & 255], x * 3);
      else row.set(le32(v), x * 4);
    }
  }
  return out;
}
