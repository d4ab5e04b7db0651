/**
 * Where the JPEG settling may change the mask (src/lib/reveal/jpeg-restore.ts markedNear): every
 * whole 16 × 16 macroblock that holds text in the mask as cut, or touches one that does (its
 * eight neighbours). markedNear was rewritten for speed on 12 MP masks; these check it still
 * marks exactly that, against the definition written out plainly.
 */
import { describe, expect, it } from 'vitest';
import { markedNear } from '../../../src/lib/reveal/jpeg-restore.ts';
import { BLACK, WHITE } from '../../../src/lib/reveal/words.ts';

/** A white mask `width` × `height` with black pixels at `inks` (x, y). */
function mask(width: number, height: number, inks: [number, number][]): Uint32Array {
  const out = new Uint32Array(width * height).fill(WHITE);
  for (const [x, y] of inks) out[y * width + x] = BLACK;
  return out;
}

/** The macroblocks (x, y) markedNear marks, sorted by row then column. */
function marks(out: Uint32Array, width: number, height: number): string[] {
  const near = markedNear(out, width, height);
  const mw = width >> 4;
  return [...near.keys()].filter((n) => near[n]).map((n) => `${n % mw},${Math.floor(n / mw)}`);
}

/** The same, by the definition: any black pixel in a whole macroblock at most one away. */
function byDefinition(out: Uint32Array, width: number, height: number): string[] {
  const [mw, mh] = [width >> 4, height >> 4];
  const inked = (mx: number, my: number) => {
    for (let y = my * 16; y < my * 16 + 16; y++)
      for (let x = mx * 16; x < mx * 16 + 16; x++) if (out[y * width + x] === BLACK) return true;
    return false;
  };
  const found: string[] = [];
  for (let my = 0; my < mh; my++) {
    for (let mx = 0; mx < mw; mx++) {
      let near = false;
      for (let y = Math.max(0, my - 1); y <= Math.min(mh - 1, my + 1); y++)
        for (let x = Math.max(0, mx - 1); x <= Math.min(mw - 1, mx + 1); x++) near ||= inked(x, y);
      if (near) found.push(`${mx},${my}`);
    }
  }
  return found;
}

describe('markedNear: the macroblocks the JPEG settling may touch', () => {
  // 5 × 4 whole macroblocks, with a strip JPEG padded at the right (7 px) and bottom (5 px).
  const [width, height] = [87, 69];

  it('a mark in the middle: its macroblock and the eight around it', () => {
    const out = mask(width, height, [[36, 40]]);
    expect(marks(out, width, height), 'marked around (36, 40)').toEqual(
      ['1,1', '2,1', '3,1', '1,2', '2,2', '3,2', '1,3', '2,3', '3,3'].sort(byRow),
    );
  });

  it('a mark at an edge: no macroblock wraps onto the next row or the row above', () => {
    // The last pixel of the top right macroblock, and the first of the bottom left one.
    const out = mask(width, height, [
      [79, 15],
      [0, 48],
    ]);
    expect(marks(out, width, height), 'marked around (79, 15) and (0, 48)').toEqual(
      ['3,0', '4,0', '3,1', '4,1', '0,2', '1,2', '0,3', '1,3'].sort(byRow),
    );
  });

  it('marks in the padded strips at the right and bottom mark nothing', () => {
    const out = mask(width, height, [
      [80, 3],
      [86, 40],
      [10, 64],
      [86, 68],
    ]);
    expect(marks(out, width, height), 'marked for marks outside whole macroblocks').toEqual([]);
  });

  it('matches the definition on scattered marks', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      const inks = Array.from({ length: 1 + next(4) }, (): [number, number] => [
        next(width),
        next(height),
      ]);
      const out = mask(width, height, inks);
      expect(marks(out, width, height), `marked around ${JSON.stringify(inks)}`).toEqual(
        byDefinition(out, width, height),
      );
    }
  });
});

/** Macroblock names ("x,y") in row order, then by column, as markedNear's indices run. */
function byRow(a: string, b: string): number {
  const [ax, ay] = a.split(',').map(Number);
  const [bx, by] = b.split(',').map(Number);
  return ay - by || ax - bx;
}
