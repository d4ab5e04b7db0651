/** The look-up views on small handmade buffers, table-driven: what a person would check by eye. */
import { describe, expect, it } from 'vitest';
import {
  ImageTooLargeError,
  MAX_PIXELS,
  bitPlane,
  channelValues,
  checkImageSize,
  colourMap,
  downsample,
  equalise,
  histogram,
  levelWindow,
  mostCommonColour,
  renderView,
  rgbaHistograms,
  threshold,
  type Channel,
  type Pixels,
  type Rgba,
} from '../../../src/lib/reveal/index.ts';

/** A one-row image of the given colours. */
function row(...colours: Rgba[]): Pixels {
  const data = new Uint8ClampedArray(colours.length * 4);
  colours.forEach((c, i) => data.set(c, i * 4));
  return { width: colours.length, height: 1, data };
}

/** The grey level of each output pixel (checking that outputs are opaque greys). */
function greys(p: Pixels): number[] {
  const out: number[] = [];
  for (let i = 0; i < p.data.length; i += 4) {
    expect(p.data[i]).toBe(p.data[i + 1]);
    expect(p.data[i]).toBe(p.data[i + 2]);
    expect(p.data[i + 3]).toBe(255);
    out.push(p.data[i]);
  }
  return out;
}

const sample = row(
  [121, 0, 0, 255],
  [120, 255, 255, 255],
  [0, 130, 0, 255],
  [0, 0, 200, 100],
  [255, 255, 255, 255],
);

describe('threshold', () => {
  it.each<[string, Partial<Parameters<typeof threshold>[1]>, number[]]>([
    ['lesson defaults: red > 120 → black', {}, [0, 255, 255, 255, 0]],
    ['invert swaps black and white', { invert: true }, [255, 0, 0, 0, 255]],
    ['green > 128', { channel: 'green', threshold: 128 }, [255, 0, 0, 255, 0]],
    ['blue > 150', { channel: 'blue', threshold: 150 }, [255, 0, 255, 0, 0]],
    ['alpha > 200', { channel: 'alpha', threshold: 200 }, [0, 0, 0, 255, 0]],
    // BT.601 luminance: 121·0.3 ≈ 36; (120,255,255) ≈ 214; 130·0.59 ≈ 76; 200·0.11 ≈ 23.
    ['luminance > 50', { channel: 'luminance', threshold: 50 }, [255, 0, 0, 255, 0]],
    [
      // (120, 255, 255) is 135 from white; the others are over 250 away.
      'distance from white > 140',
      { channel: 'distance', threshold: 140, background: [255, 255, 255, 255] },
      [0, 255, 0, 0, 255],
    ],
  ])('%s', (_name, options, expected) => {
    expect(greys(threshold(sample, options))).toEqual(expected);
  });

  it('writes into a reused buffer when given one', () => {
    const output = new Uint8ClampedArray(sample.data.length);
    const result = threshold(sample, {}, undefined, output);
    expect(result.data).toBe(output);
    expect(greys(result)).toEqual([0, 255, 255, 255, 0]);
  });

  it('stops when the signal is aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => threshold(sample, {}, controller.signal)).toThrow('stop');
  });
});

describe('channel values and histograms', () => {
  it.each<[Channel, number[]]>([
    ['red', [121, 120, 0, 0, 255]],
    ['green', [0, 255, 130, 0, 255]],
    ['blue', [0, 255, 0, 200, 255]],
    ['alpha', [255, 255, 255, 100, 255]],
    ['luminance', [36, 214, 76, 23, 255]],
  ])('%s', (channel, expected) => {
    expect([...channelValues(sample, channel)]).toEqual(expected);
    const counts = histogram(sample, channel);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
    for (const v of expected) expect(counts[v]).toBe(expected.filter((e) => e === v).length);
  });

  it('measures distance from the most common colour when no background is given', () => {
    const image = row([10, 10, 10, 255], [10, 10, 10, 255], [13, 14, 10, 255], [10, 10, 10, 250]);
    expect(mostCommonColour(image)).toEqual([10, 10, 10, 255]);
    expect([...channelValues(image, 'distance')]).toEqual([0, 0, 5, 5]);
  });

  it('counts all four channels in one pass', () => {
    const h = rgbaHistograms(sample);
    expect(h.red[0]).toBe(2);
    expect(h.green[255]).toBe(2);
    expect(h.blue[200]).toBe(1);
    expect(h.alpha[255]).toBe(4);
  });
});

describe('level window', () => {
  it.each<[string, Parameters<typeof levelWindow>[1], number[]]>([
    // Window 116–124 on red: 115 → black, 120 → mid grey, 125 → white.
    ['centre 120, width 8', { centre: 120, width: 8 }, [0, 128, 255]],
    ['inverted', { centre: 120, width: 8, invert: true }, [255, 127, 0]],
    ['width 1: the centre level alone is grey', { centre: 120, width: 1 }, [0, 128, 255]],
  ])('%s', (_name, options, expected) => {
    const image = row([115, 0, 0, 255], [120, 0, 0, 255], [125, 0, 0, 255]);
    expect(greys(levelWindow(image, options))).toEqual(expected);
  });
});

describe('bit plane', () => {
  it.each<[number, number[]]>([
    [0, [0, 255, 0, 255]],
    [1, [0, 0, 255, 255]],
    [7, [0, 0, 0, 0]],
  ])('bit %i of red: set → white', (bit, expected) => {
    const image = row([0, 0, 0, 255], [1, 0, 0, 255], [2, 0, 0, 255], [3, 0, 0, 255]);
    expect(greys(bitPlane(image, { bit }))).toEqual(expected);
  });

  it('shows a one-level difference in bit 0', () => {
    const image = row([126, 0, 0, 255], [127, 0, 0, 255]);
    const [a, b] = greys(bitPlane(image, { channel: 'red', bit: 0 }));
    expect(a).not.toBe(b);
  });
});

describe('random colour map', () => {
  const image = row([100, 100, 100, 255], [101, 100, 100, 255], [100, 100, 101, 255]);

  it('gives neighbouring levels different colours, the same for the same seed', () => {
    const a = colourMap(image, { seed: 42 });
    const b = colourMap(image, { seed: 42 });
    expect([...a.data]).toEqual([...b.data]);
    const pixel = (p: Pixels, i: number) => [...p.data.subarray(i * 4, i * 4 + 4)];
    expect(pixel(a, 1)).not.toEqual(pixel(a, 0));
    expect(pixel(a, 2)).not.toEqual(pixel(a, 0));
    expect(a.data[3]).toBe(255);
  });

  it('changes with the seed (re-roll)', () => {
    expect([...colourMap(image, { seed: 1 }).data]).not.toEqual([
      ...colourMap(image, { seed: 2 }).data,
    ]);
  });

  it('can colour one channel, so an alpha-only difference shows', () => {
    const alphaOnly = row([50, 50, 50, 255], [50, 50, 50, 254]);
    const mapped = colourMap(alphaOnly, { channel: 'alpha', seed: 3 });
    expect([...mapped.data.subarray(0, 4)]).not.toEqual([...mapped.data.subarray(4, 8)]);
  });
});

describe('equalise', () => {
  it('spreads two close levels to black and white', () => {
    const image = row([126, 0, 0, 255], [126, 0, 0, 255], [115, 0, 0, 255]);
    expect(greys(equalise(image))).toEqual([255, 255, 0]);
  });

  it('leaves a one-level image black rather than dividing by zero', () => {
    expect(greys(equalise(row([9, 9, 9, 255], [9, 9, 9, 255])))).toEqual([0, 0]);
  });
});

describe('renderView', () => {
  it.each([
    ['threshold', { mode: 'threshold' } as const, threshold(sample)],
    [
      'level-window',
      { mode: 'level-window', centre: 100, width: 50 } as const,
      levelWindow(sample, { centre: 100, width: 50 }),
    ],
    ['bit-plane', { mode: 'bit-plane', bit: 3 } as const, bitPlane(sample, { bit: 3 })],
    ['colour-map', { mode: 'colour-map', seed: 5 } as const, colourMap(sample, { seed: 5 })],
    [
      'equalise',
      { mode: 'equalise', channel: 'blue' } as const,
      equalise(sample, { channel: 'blue' }),
    ],
  ])('%s goes to its view', (_name, view, expected) => {
    expect([...renderView(sample, view).data]).toEqual([...expected.data]);
  });

  it('original returns the image itself', () => {
    expect(renderView(sample, { mode: 'original' })).toBe(sample);
  });
});

describe('downsample', () => {
  // 6 × 4 image whose red is its x and green its y: easy to see which pixel was kept.
  const grid: Pixels = {
    width: 6,
    height: 4,
    data: Uint8ClampedArray.from({ length: 96 }, (_, i) => {
      const p = i >> 2;
      return [p % 6, Math.floor(p / 6), 7, 255][i & 3];
    }),
  };

  it('keeps small images as they are', () => {
    expect(downsample(grid, 6)).toBe(grid);
  });

  it('nearest keeps exact levels, one pixel per block', () => {
    const small = downsample(grid, 3);
    expect([small.width, small.height]).toEqual([3, 2]);
    const reds = [...small.data].filter((_, i) => i % 4 === 0);
    const greens = [...small.data].filter((_, i) => i % 4 === 1);
    expect(reds).toEqual([1, 3, 5, 1, 3, 5]);
    expect(greens).toEqual([1, 1, 1, 3, 3, 3]);
  });

  it('box averages each block', () => {
    const small = downsample(grid, 3, { method: 'box' });
    // Block (0,0) covers x 0–1, y 0–1: mean red 0.5 → 1 (rounded), mean green 0.5 → 1.
    expect([...small.data.subarray(0, 4)]).toEqual([1, 1, 7, 255]);
    expect(Math.max(small.width, small.height)).toBeLessThanOrEqual(3);
  });
});

describe('size guard', () => {
  it('accepts 100 megapixels and refuses more, with a message for the person', () => {
    expect(() => checkImageSize(10_000, 10_000)).not.toThrow();
    expect(MAX_PIXELS).toBe(100_000_000);
    try {
      checkImageSize(12_000, 9_000);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ImageTooLargeError);
      expect((err as ImageTooLargeError).name).toBe('ImageTooLargeError');
      expect((err as Error).message).toMatch(/12000 × 9000 pixels \(108 megapixels\)/);
      expect((err as Error).message).toMatch(/100 megapixels/);
    }
  });

  it('refuses before allocating: a fake 101-megapixel image with no data is rejected', () => {
    const huge = { width: 10_100, height: 10_000, data: new Uint8ClampedArray(0) };
    expect(() => threshold(huge)).toThrow(ImageTooLargeError);
  });
});
