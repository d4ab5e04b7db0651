/**
 * The cost of the picture "Read text" reads last on a noisy image, the noise smoothed along
 * the strokes (src/lib/reveal/stroke-pictures.ts), at 12 MP, as a ratio to reveal.bench.ts's
 * baseline (the naive per-pixel threshold) measured in the same run, to Auto reveal of the
 * same image, and to the grey noise picture before it (which does the same pass over the
 * source, then Auto's square smoothing instead of the line along the strokes). It is made only
 * when Read text gets past every other picture.
 */
import { cpus, loadavg } from 'node:os';
import { autoReveal } from '../../src/lib/reveal/auto-reveal.ts';
import { noiseReadingPictures } from '../../src/lib/reveal/noise-pictures.ts';
import { strokeReadingPicture } from '../../src/lib/reveal/stroke-pictures.ts';
import { noisyHeading as noisy } from './noisy-heading.ts';
import { medianCpuMs, naiveThreshold } from './reveal.bench.ts';

export default async function bench(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
  // Text filling much of the image, and a heading in the middle: after one pass over the
  // image, the picture's work grows with the box round the text.
  for (const scale of [40, 20]) {
    const image = noisy(scale);
    const baseline = medianCpuMs(() => naiveThreshold(image), 7, 2);
    const found = autoReveal(image);
    const made = strokeReadingPicture(image, found);
    const size = made ? `${made.width} × ${made.height}` : 'none';
    const auto = medianCpuMs(() => autoReveal(image), 3, 1);
    const grey = medianCpuMs(() => noiseReadingPictures(image, found), 5, 1);
    const stroke = medianCpuMs(() => strokeReadingPicture(image, found), 5, 1);
    console.log(
      `text ${scale * 7} px tall, red +10 under σ 7 (baseline ${baseline.toFixed(1)} ms CPU): ` +
        `Auto ${(auto / baseline).toFixed(2)} ×; stroke picture (${size}) ` +
        `${(stroke / baseline).toFixed(2)} × = ${(stroke / auto).toFixed(2)} × Auto = ` +
        `${(stroke / grey).toFixed(2)} × the grey noise picture`,
    );
  }
}
