/**
 * The PNG file format without its compression, shared by the two test codecs: `png.ts`
 * (Node, synchronous zlib) and `reveal-png.ts` (Node and Chromium, compression streams).
 * Reads 8-bit, non-interlaced grey, grey+alpha, RGB, RGBA and palette images into straight
 * RGBA; writes 8-bit RGBA with filter 0 on every row. Plain Uint8Array, no Buffer, so it runs
 * in the browser too.
 */
import type { Pixels } from '../../src/lib/reveal/types.ts';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/** Bytes per pixel of each colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** What a decoder needs from a PNG's chunks; `idat` is still deflated. */
export interface PngParts {
  width: number;
  height: number;
  colourType: number;
  idat: Uint8Array;
  palette?: Uint8Array;
  transparency?: Uint8Array;
}

/** Read the chunks of a PNG file. Throws on anything the decoder does not support. */
export function parsePng(file: Uint8Array): PngParts {
  if (SIGNATURE.some((b, i) => file[i] !== b)) throw new Error('Not a PNG file');
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const parts: PngParts = { width: 0, height: 0, colourType: 0, idat: new Uint8Array() };
  let bitDepth = 0;
  let interlace = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < file.length;) {
    const length = dv.getUint32(at);
    const type = String.fromCharCode(...file.subarray(at + 4, at + 8));
    const body = file.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      parts.width = dv.getUint32(at + 8);
      parts.height = dv.getUint32(at + 12);
      bitDepth = body[8];
      parts.colourType = body[9];
      interlace = body[12];
    } else if (type === 'PLTE') parts.palette = body;
    else if (type === 'tRNS') parts.transparency = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (bitDepth !== 8 || interlace !== 0) {
    throw new Error(`Unsupported PNG: bit depth ${bitDepth}, interlace ${interlace}`);
  }
  if (!CHANNELS[parts.colourType]) {
    throw new Error(`Unsupported PNG colour type ${parts.colourType}`);
  }
  parts.idat = concat(idat);
  return parts;
}

/** Undo the row filters of the inflated image data and expand it to straight RGBA. */
export function pixelsFromRaw(parts: PngParts, raw: Uint8Array): Pixels {
  const { width, height, colourType, palette, transparency } = parts;
  const bpp = CHANNELS[colourType];
  const stride = width * bpp;
  const rows = new Uint8Array(stride * height);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp] : 0;
      const b = prev[i];
      const c = i >= bpp ? prev[i - bpp] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`Bad PNG filter ${filter}`);
      out[i] = v & 255;
    }
    prev = out;
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * bpp;
    const d = i * 4;
    if (colourType === 0 || colourType === 4) {
      data[d] = data[d + 1] = data[d + 2] = rows[s];
      data[d + 3] = colourType === 4 ? rows[s + 1] : 255;
    } else if (colourType === 2 || colourType === 6) {
      data[d] = rows[s];
      data[d + 1] = rows[s + 1];
      data[d + 2] = rows[s + 2];
      data[d + 3] = colourType === 6 ? rows[s + 3] : 255;
    } else {
      const k = rows[s];
      if (!palette) throw new Error('Palette PNG without PLTE');
      data[d] = palette[k * 3];
      data[d + 1] = palette[k * 3 + 1];
      data[d + 2] = palette[k * 3 + 2];
      data[d + 3] = transparency && k < transparency.length ? transparency[k] : 255;
    }
  }
  return { width, height, data };
}

/** The image data to deflate: each RGBA row behind a filter byte 0. */
export function rawRows(pixels: Pixels): Uint8Array {
  const { width, height, data } = pixels;
  const raw = new Uint8Array((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return raw;
}

/** A whole 8-bit RGBA PNG file around its deflated image data. */
export function assemblePng(width: number, height: number, idat: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, width);
  dv.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return concat([
    new Uint8Array(SIGNATURE),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array()),
  ]);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  dv.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
