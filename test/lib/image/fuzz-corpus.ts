/**
 * A seeded generator of mutated image files for the intake fuzz test: bit flips, truncations,
 * spliced headers, huge declared sizes, EXIF loops, zero-length chunks, wrong extensions and
 * plain junk, made from a few small valid images. The same seed and count always give the
 * same files, so a failure names a file that can be made again. No Node imports: the browser
 * test runs it.
 */
import { be16, be32, bmp, bytes, le32 } from './bytes.ts';

/** A valid image to mutate. */
export interface FuzzBase {
  kind: 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp';
  bytes: Uint8Array;
}

/** One generated file. */
export interface FuzzFile {
  name: string;
  type: string;
  bytes: Uint8Array<ArrayBuffer>;
  /** Which mutation made it, for the failure message. */
  mutation: Mutation;
}

/** The mutations, applied in turn so that each gets its share of any count. */
export const MUTATIONS = [
  'bit-flips',
  'truncation',
  'spliced-headers',
  'huge-size',
  'exif-loop',
  'zero-length-chunk',
  'wrong-extension',
  'junk',
] as const;

/** A mutation's name. */
export type Mutation = (typeof MUTATIONS)[number];

/** mulberry32: small, fast, and the same everywhere for a seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

const EXT: Record<FuzzBase['kind'], [string, string]> = {
  png: ['png', 'image/png'],
  jpeg: ['jpg', 'image/jpeg'],
  webp: ['webp', 'image/webp'],
  gif: ['gif', 'image/gif'],
  bmp: ['bmp', 'image/bmp'],
};

/** `count` files from `bases`, the same ones for the same seed. */
export function fuzzCorpus(bases: FuzzBase[], seed: number, count: number): FuzzFile[] {
  const rng = random(seed);
  const files: FuzzFile[] = [];
  for (let i = 0; i < count; i++) {
    const mutation = MUTATIONS[i % MUTATIONS.length];
    const base = pick(rng, bases);
    let [ext, type] = EXT[base.kind];
    let out: Uint8Array<ArrayBuffer>;
    switch (mutation) {
      case 'bit-flips':
        out = bitFlips(base.bytes, rng);
        break;
      case 'truncation':
        out = base.bytes.slice(0, int(rng, 0, base.bytes.length - 1));
        break;
      case 'spliced-headers':
        out = splice(base.bytes, pick(rng, bases).bytes, rng);
        break;
      case 'huge-size':
        out = hugeSize(base, rng);
        break;
      case 'exif-loop':
        out = exifLoop(base, rng);
        break;
      case 'zero-length-chunk':
        out = zeroLengthChunk(base, rng);
        break;
      case 'wrong-extension': {
        out = base.bytes.slice();
        const other = pick(
          rng,
          Object.values(EXT).filter(([e]) => e !== ext),
        );
        [ext, type] = rng() < 0.5 ? other : ['txt', 'text/plain'];
        break;
      }
      case 'junk':
        out = junk(rng);
        break;
    }
    const name = `fuzz-${String(i).padStart(4, '0')}-${mutation}-${base.kind}.${ext}`;
    files.push({ name, type, bytes: out, mutation });
  }
  return files;
}

function bitFlips(src: Uint8Array, rng: Rng): Uint8Array<ArrayBuffer> {
  const out = src.slice();
  const flips = int(rng, 1, 16);
  // Half the time in the first 256 bytes, where headers and sizes live.
  const span = rng() < 0.5 ? Math.min(256, out.length) : out.length;
  for (let k = 0; k < flips; k++) out[int(rng, 0, span - 1)] ^= 1 << int(rng, 0, 7);
  return out;
}

function splice(a: Uint8Array, b: Uint8Array, rng: Rng): Uint8Array<ArrayBuffer> {
  return bytes(a.subarray(0, int(rng, 1, a.length)), b.subarray(int(rng, 0, b.length - 1)));
}

/** A size over the 100-megapixel limit, as the format can store it. */
function hugeSide(rng: Rng, max: number): [number, number] {
  const w = int(rng, Math.min(max, 16_383), max);
  const h = int(rng, Math.ceil(100_000_001 / w), max);
  return rng() < 0.5 ? [w, h] : [h, w];
}

function hugeSize(base: FuzzBase, rng: Rng): Uint8Array<ArrayBuffer> {
  const out = base.bytes.slice();
  const dv = new DataView(out.buffer);
  switch (base.kind) {
    case 'png': {
      const [w, h] = hugeSide(rng, rng() < 0.2 ? 0x7fffffff : 65_535);
      dv.setUint32(16, w);
      dv.setUint32(20, h);
      return out;
    }
    case 'gif': {
      const [w, h] = hugeSide(rng, 65_535);
      dv.setUint16(6, w, true);
      dv.setUint16(8, h, true);
      return out;
    }
    case 'bmp': {
      const [w, h] = hugeSide(rng, 1 << 20);
      dv.setInt32(18, rng() < 0.3 ? -w : w, true);
      dv.setInt32(22, rng() < 0.3 ? -h : h, true);
      return out;
    }
    case 'webp': {
      // Lossy WebP ('VP8 ') keeps 14-bit sides at byte 26.
      const [w, h] = hugeSide(rng, 16_384);
      const chunk = String.fromCharCode(...out.subarray(12, 16));
      if (chunk === 'VP8 ') {
        dv.setUint16(26, w & 0x3fff, true);
        dv.setUint16(28, h & 0x3fff, true);
      } else if (chunk === 'VP8L') {
        const bits = dv.getUint32(21, true);
        dv.setUint32(21, ((bits & 0xf0000000) | ((h - 1) << 14) | (w - 1)) >>> 0, true);
      } else if (chunk === 'VP8X') {
        out.set([(w - 1) & 255, ((w - 1) >> 8) & 255, (w - 1) >> 16], 24);
        out.set([(h - 1) & 255, ((h - 1) >> 8) & 255, (h - 1) >> 16], 27);
      }
      return out;
    }
    case 'jpeg': {
      const [w, h] = hugeSide(rng, 65_535);
      const sof = findJpegSof(out);
      if (sof < 0) return out;
      dv.setUint16(sof + 5, h);
      dv.setUint16(sof + 7, w);
      // Half of them with stray bytes before the frame header, which libjpeg skips.
      if (rng() < 0.5) {
        return bytes(out.subarray(0, sof), junkBytes(rng, int(rng, 1, 3), 0xfe), out.subarray(sof));
      }
      return out;
    }
  }
}

function findJpegSof(b: Uint8Array): number {
  let i = 2;
  while (i + 4 <= b.length && b[i] === 0xff) {
    if (b[i + 1] >= 0xc0 && b[i + 1] <= 0xc2) return i;
    i += 2 + ((b[i + 2] << 8) | b[i + 3]);
  }
  return -1;
}

/**
 * A TIFF block whose IFD0 points back at itself three ways: its next-IFD offset, and the EXIF
 * and GPS sub-IFD pointers. A reader that follows offsets without a guard never ends.
 */
function loopingTiff(rng: Rng): Uint8Array<ArrayBuffer> {
  const entry = (tag: number, type: number, value: number) => [
    ...be16(tag),
    ...be16(type),
    ...be32(1),
    ...(type === 3 ? [...be16(value), 0, 0] : be32(value)),
  ];
  return bytes(
    'MM',
    be16(42),
    be32(8),
    be16(3),
    entry(0x0112, 3, int(rng, 0, 20)), // orientation, sometimes out of range
    entry(0x8769, 4, 8), // EXIF IFD → IFD0
    entry(0x8825, 4, 8), // GPS IFD → IFD0
    be32(8), // next IFD → IFD0
  );
}

function exifLoop(base: FuzzBase, rng: Rng): Uint8Array<ArrayBuffer> {
  const tiff = loopingTiff(rng);
  if (base.kind === 'jpeg') {
    const payload = bytes('Exif', 0, 0, tiff);
    return bytes(
      base.bytes.subarray(0, 2),
      0xff,
      0xe1,
      be16(payload.length + 2),
      payload,
      base.bytes.subarray(2),
    );
  }
  if (base.kind === 'png') return pngInsert(base.bytes, 33, pngChunk('eXIf', tiff));
  if (base.kind === 'webp') return webpAppend(base.bytes, 'EXIF', tiff);
  return bytes(base.bytes, tiff); // GIF, BMP: after the image, where nothing should read it
}

function zeroLengthChunk(base: FuzzBase, rng: Rng): Uint8Array<ArrayBuffer> {
  const b = base.bytes;
  switch (base.kind) {
    case 'png': {
      const type = pick(rng, ['IDAT', 'tEXt', 'IEND', 'zzZz', 'PLTE', 'tRNS']);
      const at = pick(rng, pngChunkStarts(b));
      return pngInsert(b, at, pngChunk(type, new Uint8Array()));
    }
    case 'jpeg': {
      // A segment whose length is 0 or 2 (nothing after the length), before the frame.
      const sof = Math.max(2, findJpegSof(b));
      const marker = pick(rng, [0xe5, 0xfe, 0xdb, 0xc4]);
      return bytes(b.subarray(0, sof), 0xff, marker, be16(rng() < 0.5 ? 0 : 2), b.subarray(sof));
    }
    case 'webp':
      return webpAppend(b, pick(rng, ['ALPH', 'ICCP', 'VP8 ', 'ANMF']), new Uint8Array());
    case 'gif': {
      // An empty extension block before the image descriptor.
      const at = 13 + (b[10] & 0x80 ? 3 << ((b[10] & 7) + 1) : 0);
      return bytes(b.subarray(0, at), 0x21, 0xfe, 0, b.subarray(at));
    }
    case 'bmp': {
      const out = b.slice();
      new DataView(out.buffer).setUint32(34, 0, true); // image size 0
      if (rng() < 0.5) new DataView(out.buffer).setUint32(10, 0, true); // pixel offset 0
      return out;
    }
  }
}

function junk(rng: Rng): Uint8Array<ArrayBuffer> {
  const magic = pick(rng, [
    [],
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    [0xff, 0xd8, 0xff],
    [...'GIF89a'].map((c) => c.charCodeAt(0)),
    [...'RIFF'].map((c) => c.charCodeAt(0)),
    [...'BM'].map((c) => c.charCodeAt(0)),
  ]);
  const length = rng() < 0.05 ? 0 : int(rng, 0, 2000);
  return bytes(magic, junkBytes(rng, length));
}

function junkBytes(rng: Rng, length: number, max = 255): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length }, () => int(rng, 0, max));
}

function pngChunkStarts(b: Uint8Array): number[] {
  const starts: number[] = [];
  for (let i = 8; i + 8 <= b.length;) {
    starts.push(i);
    i += 12 + (((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0);
  }
  return starts.length ? starts : [8];
}

function pngInsert(b: Uint8Array, at: number, chunk: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes(b.subarray(0, at), chunk, b.subarray(at));
}

let crcTable: Uint32Array | undefined;

/** A PNG chunk with a correct CRC, so decoders look past the checksum. */
function pngChunk(type: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n >>> 0;
  });
  const typed = bytes(type, body);
  let c = 0xffffffff;
  for (const v of typed) c = crcTable[(c ^ v) & 0xff] ^ (c >>> 8);
  return bytes(be32(body.length), typed, be32((c ^ 0xffffffff) >>> 0));
}

/** A RIFF chunk appended to a WebP, with the RIFF size kept right. */
function webpAppend(b: Uint8Array, type: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = bytes(b, type, le32(body.length), body, body.length & 1 ? [0] : []);
  new DataView(out.buffer).setUint32(4, out.length - 8, true);
  return out;
}

/** A 24-bit BMP of `width`×`height`: red left half, blue right half (rows bottom-up). */
export function bmp24(width: number, height: number): Uint8Array<ArrayBuffer> {
  const stride = (width * 3 + 3) & ~3;
  const pixels: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.push(...(x < width / 2 ? [0, 0, 255] : [255, 0, 0]));
    for (let p = width * 3; p < stride; p++) pixels.push(0);
  }
  return bmp(width, height, pixels);
}
