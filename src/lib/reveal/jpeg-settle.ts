/**
 * Auto reveal's step for JPEG inputs: when the image's blocks show a quantisation lattice,
 * settle the cut mask against it (jpeg-restore.ts). Other images are left as they are.
 */
import type { BackgroundModel } from './background-model.ts';
import { restoreMask } from './jpeg-restore.ts';
import { estimateTables, type JpegTables } from './jpeg-tables.ts';
import type { Pixels } from './types.ts';

/**
 * Settle `mask` (black text on white) in place when `pixels` look JPEG-coded. The text's
 * colour is the background plus twice the cut along the axis: the cut sits halfway between
 * the background (0) and the text's level. Returns the tables read (null: not JPEG-coded).
 */
export function settleJpegMask(
  pixels: Pixels,
  model: BackgroundModel,
  axis: Float64Array,
  cut: number,
  mask: Pixels,
  signal?: AbortSignal,
): JpegTables | null {
  const tables = estimateTables(pixels);
  if (!tables || !(cut > 0)) return tables;
  const level = 2 * cut;
  restoreMask(
    pixels,
    tables,
    {
      model,
      difference: [axis[0] * level, axis[1] * level, axis[2] * level],
    },
    mask,
    signal,
  );
  return tables;
}
