/**
 * The BMP decoder on bad input, in bulk: seeded truncations, bit flips, lying header fields
 * and huge sizes made from the gallery of valid BMPs (bmp-cases.ts). Every file must end in
 * pixels or a plain ImageError (never a RangeError or TypeError), and no file may make the
 * decoder allocate more than the pixel limit allows, nor more than its own bytes can fill.
 *
 * GLIMPSE_FUZZ_SEED and GLIMPSE_BMP_FUZZ_COUNT choose the corpus (default seed 1, 3,000
 * files: well under a second, so `npm test` runs it every time).
 */
import { describe, expect, it } from 'vitest';
import { decodeBmp, type BmpImage } from '../../../src/lib/image/bmp.ts';
import { ImageError } from '../../../src/lib/image/errors.ts';
import { INTAKE_LIMITS, type IntakeLimits } from '../../../src/lib/image/intake.ts';
import { bmpCases } from './bmp-cases.ts';
import { bmp24, random } from './fuzz-corpus.ts';

const SEED = Number(process.env.GLIMPSE_FUZZ_SEED || 1);
const COUNT = Number(process.env.GLIMPSE_BMP_FUZZ_COUNT || 3000);
/** A file takes well under a millisecond; a larger count gets the time it needs. */
const TIMEOUT = 5000 + COUNT;

type Rng = () => number;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];

/** Header fields worth lying in: offset and width in bytes. */
const FIELDS = [
  [2, 4], // file size
  [10, 4], // pixel offset
  [14, 4], // header size
  [18, 4], // width (core: width and height)
  [22, 4], // height
  [26, 2], // planes
  [28, 2], // bits a pixel
  [30, 4], // compression
  [34, 4], // image size
  [46, 4], // colours used
  [54, 4], // red mask (or first colours)
  [58, 4], // green mask
  [62, 4], // blue mask
  [66, 4], // alpha mask
] as const;
const VALUES = [
  0, 1, 2, 3, 4, 5, 6, 8, 12, 15, 16, 24, 32, 40, 52, 56, 64, 108, 124, 255, 256, 0xffff, 0x10000,
  0x7fffffff, 0x80000000, 0xffffffff, 0xff000000, 0x00ff0000, 0xf800, 0x7e0,
];

const MUTATIONS = ['truncation', 'bit-flips', 'field', 'fields', 'huge-size'] as const;

/** One mutated file: what was done, and the bytes. */
interface Mutant {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

function setField(out: Uint8Array, rng: Rng): void {
  const [at, size] = pick(rng, FIELDS);
  const value = rng() < 0.7 ? pick(rng, VALUES) : Math.floor(rng() * 2 ** 32);
  for (let i = 0; i < size && at + i < out.length; i++) out[at + i] = (value >>> (i * 8)) & 255;
}

/** `count` mutants of `bases`, the same ones for the same seed. */
function mutants(bases: [string, Uint8Array][], seed: number, count: number): Mutant[] {
  const rng = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const mutation = MUTATIONS[i % MUTATIONS.length];
    const [base, src] = pick(rng, bases);
    let out = src.slice();
    switch (mutation) {
      case 'truncation':
        out = out.slice(0, int(rng, 0, out.length - 1));
        break;
      case 'bit-flips': {
        // Half the time in the headers, masks and colour table, where the sizes live.
        const span = rng() < 0.5 ? Math.min(140, out.length) : out.length;
        for (let k = int(rng, 1, 16); k > 0; k--) out[int(rng, 0, span - 1)] ^= 1 << int(rng, 0, 7);
        break;
      }
      case 'field':
        setField(out, rng);
        break;
      case 'fields':
        for (let k = int(rng, 2, 5); k > 0; k--) setField(out, rng);
        break;
      case 'huge-size': {
        const dv = new DataView(out.buffer);
        const w = int(rng, 10_000, 1 << 20);
        const h = int(rng, Math.ceil(100_000_001 / w), 1 << 20);
        dv.setInt32(18, rng() < 0.3 ? -w : w, true);
        dv.setInt32(22, rng() < 0.3 ? -h : h, true);
        break;
      }
    }
    return { name: `bmp-fuzz-${i}-${mutation} of ${base}`, bytes: out };
  });
}

/**
 * Run `decode` while counting the bytes of every typed array it makes; the largest one is
 * what a lying header could make it allocate.
 */
function measured(decode: () => BmpImage): { image?: BmpImage; error?: unknown; largest: number } {
  const globals = globalThis as unknown as Record<'Uint8Array' | 'Uint8ClampedArray', object>;
  const real = { Uint8Array: globals.Uint8Array, Uint8ClampedArray: globals.Uint8ClampedArray };
  let largest = 0;
  const spy = (ctor: object) =>
    new Proxy(ctor, {
      construct(target, args: unknown[], newTarget) {
        const [first] = args;
        const length =
          typeof first === 'number'
            ? first
            : first && typeof first === 'object' && 'length' in first
              ? Number(first.length)
              : 0;
        largest = Math.max(largest, length);
        return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget);
      },
    });
  globals.Uint8Array = spy(real.Uint8Array);
  globals.Uint8ClampedArray = spy(real.Uint8ClampedArray);
  try {
    return { image: decode(), largest };
  } catch (error) {
    return { error, largest };
  } finally {
    Object.assign(globals, real);
  }
}

const bases = (): [string, Uint8Array][] => [...bmpCases(), ['bmp24 12×6', bmp24(12, 6)]];

function check(file: Mutant, limits: IntakeLimits, most: number): void {
  const { image, error, largest } = measured(() => decodeBmp(file.bytes, limits));
  if (error !== undefined) {
    expect(error, `${file.name}: ${String(error)}`).toBeInstanceOf(ImageError);
  } else {
    const { width, height, data } = image!;
    expect(width * height, file.name).toBeLessThanOrEqual(limits.maxPixels);
    expect(data.length, file.name).toBe(width * height * 4);
  }
  expect(largest, `${file.name} allocated ${largest} bytes`).toBeLessThanOrEqual(most);
}

describe(`decodeBmp on ${COUNT} mutated files (seed ${SEED})`, () => {
  const files = mutants(bases(), SEED, COUNT);

  it('sees what a decode allocates (the measure itself works)', () => {
    expect(measured(() => decodeBmp(bmp24(40, 30))).largest).toBe(40 * 30 * 4);
  });

  it(
    'mutates: most files are refused, and some still decode',
    () => {
      const refused = files.filter((f) => measured(() => decodeBmp(f.bytes)).error).length;
      expect(refused).toBeGreaterThan(COUNT / 3);
      expect(refused).toBeLessThan(COUNT);
    },
    TIMEOUT,
  );

  it(
    'ends every file in pixels or an ImageError, allocating no more than its bytes can fill',
    () => {
      // A pixel takes at least one bit of the file: RGBA is at most 32 bytes a file byte, and
      // the colour table of 256 entries is 1 KB.
      for (const file of files) check(file, INTAKE_LIMITS, Math.max(1024, file.bytes.length * 32));
    },
    TIMEOUT,
  );

  it(
    'holds to a small pixel limit: no allocation past 4 bytes a pixel allowed',
    () => {
      const limits = { ...INTAKE_LIMITS, maxPixels: 64 };
      for (const file of files) check(file, limits, Math.max(1024, limits.maxPixels * 4));
    },
    TIMEOUT,
  );
});
