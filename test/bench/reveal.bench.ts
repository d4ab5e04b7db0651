/**
 * Reveal speed on a 12-megapixel (4000 × 3000) image: the full-resolution threshold and Auto
 * reveal (clean, and under noise, which adds the smoothing pass), each against a naive
 * per-pixel baseline written here, as the lesson's numpy line would be written in plain JS.
 * Goals from issue 3: threshold ≤ 25 ms, Auto ≤ 250 ms.
 */
import { cpus, loadavg } from 'node:os';
import { autoReveal, threshold, type Pixels } from '../../src/lib/reveal/index.ts';
import { addNoise, drawText, flat, paint } from '../lib/reveal/corpus.ts';
import { figure, medianMs } from './measure.ts';

/**
 * Median CPU time of this process over `runs` calls (after `warmup`), in milliseconds. On a
 * shared machine wall time includes waiting for a core; CPU time is the work itself.
 */
function medianCpuMs(fn: () => unknown, runs = 5, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** `np.where(image[:, :, 0] > 120, 0, 1)` shown in grey: one branch and four writes a pixel. */
function naiveThreshold(pixels: Pixels): Pixels {
  const { width, height, data } = pixels;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    const v = data[i] > 120 ? 0 : 255;
    out[i] = v;
    out[i + 1] = v;
    out[i + 2] = v;
    out[i + 3] = 255;
  }
  return { width, height, data: out };
}

export default async function bench(): Promise<void> {
  const width = 4000;
  const height = 3000;
  const text = drawText(['HIDDEN TEXT', 'GLIMPSE'], 40, width, height);
  const clean = paint(text, flat([126, 217, 87, 255]), flat([115, 217, 85, 255]));
  // Other work on the machine slows every figure alike; the ratios to the baseline hold better.
  const load = loadavg()[0].toFixed(1);
  console.log(`image: ${width} × ${height} = ${((width * height) / 1e6).toFixed(0)} MP`);
  console.log(`machine: ${cpus().length} cores, load average ${load} when starting`);
  const baseline = await medianMs(() => naiveThreshold(clean));
  const baselineCpu = medianCpuMs(() => naiveThreshold(clean), 7, 2);
  console.log(
    `naive per-pixel threshold (baseline, fresh output buffer): ${baseline.toFixed(1)} ms wall, ${baselineCpu.toFixed(1)} ms CPU`,
  );
  // The UI keeps one output buffer per image and redraws into it; a fresh 48 MB buffer costs
  // tens of milliseconds of page faults by itself, so both figures are shown.
  const output = new Uint8ClampedArray(width * height * 4);
  const reused = () => threshold(clean, {}, undefined, output);
  console.log(
    figure(
      'threshold red > 120, full resolution, reused buffer',
      await medianMs(reused),
      baseline,
      25,
    ),
  );
  console.log(figure('  same, CPU time', medianCpuMs(reused, 7, 2), baselineCpu, 25));
  const fresh = await medianMs(() => threshold(clean));
  console.log(figure('threshold red > 120, full resolution, fresh buffer', fresh, baseline));
  const auto = () => autoReveal(clean, { output });
  console.log(
    figure('Auto reveal, lesson colours, reused buffer', await medianMs(auto, 5, 1), baseline, 250),
  );
  console.log(figure('  same, CPU time', medianCpuMs(auto), baselineCpu, 250));
  const noisy = addNoise(
    paint(text, flat([100, 100, 100, 255]), flat([100, 100, 105, 255])),
    2,
    'gaussian',
  );
  const autoNoisy = () => autoReveal(noisy, { output });
  console.log(
    figure(
      'Auto reveal, blue +5 under noise σ 2 (adds smoothing), reused buffer',
      await medianMs(autoNoisy, 5, 1),
      baseline,
      250,
    ),
  );
  console.log(figure('  same, CPU time', medianCpuMs(autoNoisy), baselineCpu, 250));
  const autoFresh = await medianMs(() => autoReveal(clean), 5, 1);
  console.log(figure('Auto reveal, lesson colours, fresh buffer', autoFresh, baseline));
}
