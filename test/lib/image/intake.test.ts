/**
 * The one intake's rules, in Node: the byte limit before reading, format and size from the
 * first 64 KB, the pixel limit (pixel bombs included), truncation, and one wording per case.
 */
import { describe, expect, it } from 'vitest';
import { ImageError } from '../../../src/lib/image/errors.ts';
import { readImageSize } from '../../../src/lib/image/header.ts';
import {
  INTAKE_LIMITS,
  checkFileBytes,
  checkPixels,
  inspectHead,
} from '../../../src/lib/image/intake.ts';
import { readImageFile } from '../../../src/platform/image-decoder.ts';
import { bytes, be16, jpegBomb } from './bytes.ts';
import { fixture } from './fixtures.ts';

const cat = () => fixture('gemini/generative-ai-js/cat.jpeg');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError);
    return (error as ImageError).code;
  }
  return undefined;
}

/** A Blob that records which byte ranges were read. */
class CountingBlob extends Blob {
  readonly reads: [number, number][];
  constructor(
    parts: BlobPart[],
    private readonly from = 0,
    log: [number, number][] = [],
  ) {
    super(parts);
    this.reads = log;
  }
  override slice(start = 0, end = this.size): Blob {
    return new CountingBlob([super.slice(start, end)], this.from + start, this.reads);
  }
  override arrayBuffer(): Promise<ArrayBuffer> {
    this.reads.push([this.from, this.from + this.size]);
    return super.arrayBuffer();
  }
  override bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return this.arrayBuffer().then((b) => new Uint8Array(b));
  }
}

describe('pixel bombs', () => {
  it('reads the declared size of a JPEG with a stray byte before its frame header', () => {
    const bomb = jpegBomb(cat(), 20000, 20000);
    expect(readImageSize(bomb, 'jpeg')).toEqual({ width: 20000, height: 20000 });
  });

  it('skips fill bytes and length-less markers the way libjpeg does', () => {
    const sof = [0xff, 0xc0, ...be16(17), 8, ...be16(300), ...be16(400), 3];
    const jpeg = bytes(0xff, 0xd8, 0xff, 0xff, 0xff, 0xd0, 'junk', sof);
    expect(readImageSize(jpeg, 'jpeg')).toEqual({ width: 400, height: 300 });
  });

  it('refuses the bomb from its first bytes, in megapixels a person can read', () => {
    const bomb = jpegBomb(cat(), 20000, 20000);
    expect(() => inspectHead(bomb.subarray(0, INTAKE_LIMITS.headBytes), false)).toThrow(
      /20000 × 20000 pixels \(400 megapixels\); Glimpse reads images up to 100 megapixels/,
    );
  });

  it('refuses a JPEG whose size cannot be read at all, rather than let the browser guess', () => {
    // A frame header cut away: markers, then a scan, and no size anywhere.
    const noFrame = bytes(0xff, 0xd8, 0xff, 0xe0, ...be16(4), 0, 0, 0xff, 0xda, ...be16(2), 1, 2);
    expect(inspectHead(noFrame, false)).toBeUndefined();
    expect(codeOf(() => inspectHead(noFrame, true))).toBe('unknown-size');
  });

  it('still sends HEIC without a size on, since the browser never decodes it', () => {
    const heic = bytes(be16(0), be16(24), 'ftyp', 'heic', [0, 0, 0, 0], 'mif1', 'heic');
    expect(inspectHead(heic, true)).toEqual({
      format: { kind: 'heic', mimeType: 'image/heic' },
      size: null,
    });
  });

  it('does not let a negative BMP width pass as a small image', () => {
    expect(codeOf(() => checkPixels(-20000, 20000))).toBe('too-many-pixels');
    expect(codeOf(() => checkPixels(10_000, 10_000))).toBeUndefined();
  });
});

describe('byte limit', () => {
  it('refuses an empty file and one over the limit by their size alone', () => {
    expect(codeOf(() => checkFileBytes(0))).toBe('empty');
    expect(codeOf(() => checkFileBytes(INTAKE_LIMITS.maxFileBytes))).toBeUndefined();
    expect(codeOf(() => checkFileBytes(INTAKE_LIMITS.maxFileBytes + 1))).toBe('too-many-bytes');
  });

  it('reads nothing of a file over the limit', async () => {
    const blob = new CountingBlob([cat()]);
    const limits = { ...INTAKE_LIMITS, maxFileBytes: 1000 };
    await expect(readImageFile(blob, undefined, limits)).rejects.toMatchObject({
      code: 'too-many-bytes',
      message: expect.stringMatching(/Glimpse reads image files up to/),
    });
    expect(blob.reads).toEqual([]);
  });

  it('reads only the first 64 KB of a pixel bomb padded to 1 MB', async () => {
    const bomb = jpegBomb(cat(), 20000, 20000);
    const padded = new Uint8Array(1_000_000);
    padded.set(bomb);
    const blob = new CountingBlob([padded]);
    await expect(readImageFile(blob)).rejects.toMatchObject({ code: 'too-many-pixels' });
    expect(blob.reads).toEqual([[0, INTAKE_LIMITS.headBytes]]);
  });

  it('reads the whole of a good file once its head has passed, and checks its end', async () => {
    const good = cat();
    const blob = new CountingBlob([good, new Uint8Array(70_000)]); // a motion photo's tail
    const file = await readImageFile(blob);
    expect(file.size).toEqual({ width: 256, height: 256 });
    expect(blob.reads).toEqual([
      [0, INTAKE_LIMITS.headBytes],
      [0, good.length + 70_000],
    ]);
    const cut = new CountingBlob([good.subarray(0, good.length - 100)]);
    await expect(readImageFile(cut)).rejects.toMatchObject({
      code: 'truncated',
      message: expect.stringMatching(/This JPEG file is incomplete/),
    });
  });
});
