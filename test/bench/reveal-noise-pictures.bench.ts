/**
 * The cost of the pictures "Read text" reads after Auto's mask on a noisy image
 * (src/lib/reveal/noise-pictures.ts) at 12 MP, as a ratio to reveal.bench.ts's baseline (the
 * naive per-pixel threshold) measured in the same run, and to Auto reveal of the same image.
 * They are made only when Read text gets past Auto's mask; the goal is well under Auto's cost.
 */
import { cpus, loadavg } from 'node:os';
import { autoReveal } from '../../src/lib/reveal/auto-reveal.ts';
import { noiseReadingPictures } from '../../src/lib/reveal/noise-pictures.ts';
import { noisyHeading as noisy } from './noisy-heading.ts';
import { medianCpuMs, naiveThreshold } from './reveal.bench.ts';

export default async function bench(): Promise<void> {
  console.log(`machine: ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}`);
  // Text filling much of the image, and a heading in the middle: after one pass over the
  // image, the pictures' work grows with the box round the text.
  for (const scale of [40, 20]) {
    const image = noisy(scale);
    const baseline = medianCpuMs(() => naiveThreshold(image), 7, 2);
    const found = autoReveal(image);
    const made = noiseReadingPictures(image, found);
    const sizes = made.map((p) => `${p.width} × ${p.height}`).join(', ') || 'none';
    const auto = medianCpuMs(() => autoReveal(image), 3, 1);
    const pictures = medianCpuMs(() => noiseReadingPictures(image, found), 5, 1);
    console.log(
      `text ${scale * 7} px tall, red +10 under σ 7 (baseline ${baseline.toFixed(1)} ms CPU): ` +
        `Auto ${(auto / baseline).toFixed(2)} ×; noise pictures (${sizes}) ` +
        `${(pictures / baseline).toFixed(2)} × = ${(pictures / auto).toFixed(2)} × Auto`,
    );
  }
}
