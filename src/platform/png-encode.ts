/**
 * Pixels to PNG bytes, written here rather than by a canvas (whose premultiplied store shifts
 * translucent colours). No DOM: the reveal worker encodes with it too, so a big picture's
 * encoding does not hold up the page.
 */
import type { Pixels } from '../lib/reveal/types.ts';

/** Encode pixels as an RGBA PNG whose decoded values are exactly the pixels given. */
export async function encodePng(pixels: Pixels): Promise<Blob> {
  // Written here rather than by a canvas, whose premultiplied store shifts translucent colours.
  const { width, height, data } = pixels;
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  // Filter "up" on every row after the first: the difference to the row above is mostly 0
  // in a mask or a flat background, which deflate packs tightly.
  for (let y = 0; y < height; y++) {
    const at = y * (stride + 1);
    const row = data.subarray(y * stride, (y + 1) * stride);
    if (y === 0) {
      raw.set(row, 1);
      continue;
    }
    raw[at] = 2;
    const up = data.subarray((y - 1) * stride, y * stride);
    for (let x = 0; x < stride; x++) raw[at + 1 + x] = row[x] - up[x];
  }
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter set, not interlaced
  const zlib = new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'));
  const idat = new Uint8Array(await new Response(zlib).arrayBuffer());
  const signature = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Blob([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND')], {
    type: 'image/png',
  });
}

let crcTable: Uint32Array | undefined;

function pngChunk(type: string, body = new Uint8Array()): Uint8Array<ArrayBuffer> {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });
  const out = new Uint8Array(12 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  let c = 0xffffffff;
  for (let i = 4; i < 8 + body.length; i++) c = crcTable[(c ^ out[i]) & 0xff] ^ (c >>> 8);
  dv.setUint32(8 + body.length, (c ^ 0xffffffff) >>> 0);
  return out;
}
