/**
 * The image the Read text picture benches share (noise-pictures, stroke-pictures): 12 MP, text
 * 10 levels up in red with capitals `7 × scale` px tall, under Gaussian noise σ 7.
 */
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { addNoise, drawText, flat, paint } from '../lib/reveal/corpus.ts';

/** The noisy heading at `scale` (capitals `7 × scale` px tall). */
export function noisyHeading(scale: number): Pixels {
  const text = drawText(['HIDDEN TEXT', 'GLIMPSE'], scale, 4000, 3000);
  const clean = paint(text, flat([120, 160, 90, 255]), flat([130, 160, 90, 255]));
  return addNoise(clean, 7, 'gaussian', 3);
}
