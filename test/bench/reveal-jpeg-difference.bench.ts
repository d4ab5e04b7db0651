/**
 * The cost of the enlarged difference picture "Read text" reads for JPEG-coded text 20 px
 * tall or more (src/lib/reveal/jpeg-difference.ts, through jpegReadingPictures) at 12 MP, as a
 * ratio to reveal.bench.ts's baseline (the naive per-pixel threshold) measured in the same
 * run, and to Auto reveal of the same image. It is made only when Read text gets past Auto's
 * mask and the lesson's rule; its work grows with the box round the text, enlarged 1.5–3×.
 */
import { cpus, loadavg } from 'node:os';
import { autoReveal } from '../../src/lib/reveal/auto-reveal.ts';
import { jpegReadingPictures } from '../../src/lib/reveal/jpeg-pictures.ts';
import type { Pixels } from '../../src/lib/reveal/types.ts';
import { drawText, flat, paint } from '../lib/reveal/corpus.ts';
import { jpegRoundTrip } from '../lib/reveal/jpeg.ts';
import { medianCpuMs, naiveThreshold } from './reveal.bench.ts';

/** 12 MP, `lines` of text 12 levels down in green, capitals `7 × scale` px tall, JPEG 80. */
function jpegText(lines: string[], scale: number): Pixels {
  const text = drawText(lines, scale, 4000, 3000);
  return jpegRoundTrip(paint(text, flat([90, 140, 200, 255]), flat([90, 128, 200, 255])), 80);
}

export default async function bench(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
  // A heading in the middle, and text over much of the image.
  const cases = [
    { name: 'two lines', lines: ['HIDDEN TEXT', 'GLIMPSE'], scale: 4 },
    {
      name: 'twenty lines',
      lines: Array.from({ length: 20 }, () => 'QUICK BROWN FOX JUMPS OVER'),
      scale: 8,
    },
  ];
  for (const { name, lines, scale } of cases) {
    const image = jpegText(lines, scale);
    const baseline = medianCpuMs(() => naiveThreshold(image), 7, 2);
    const found = autoReveal(image);
    const made = jpegReadingPictures(image, found);
    const sizes = made.map((p) => `${p.width} × ${p.height}`).join(', ') || 'none';
    const auto = medianCpuMs(() => autoReveal(image), 3, 1);
    const picture = medianCpuMs(() => jpegReadingPictures(image, found), 3, 1);
    console.log(
      `${name}, ${scale * 7} px, green −12, JPEG 80 (baseline ${baseline.toFixed(1)} ms CPU): ` +
        `Auto ${(auto / baseline).toFixed(2)} ×; difference picture (${sizes}) ` +
        `${(picture / baseline).toFixed(2)} × = ${(picture / auto).toFixed(2)} × Auto`,
    );
  }
}
