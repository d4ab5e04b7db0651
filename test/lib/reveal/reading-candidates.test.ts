/**
 * Read text's candidates are made one at a time, only when the reader asks for the next: with
 * a stand-in for the Reveal view that notes each picture it is asked to make, and a reader that
 * notes each picture it reads.
 */
import { describe, expect, it } from 'vitest';
import {
  readingCandidates,
  type CandidateSource,
  type ReadingPictureKind,
} from '../../../src/lib/reveal/reading-candidates.ts';
import type { Pixels } from '../../../src/lib/reveal/types.ts';

/** A 2 × 1 picture with a grey level, so pictures can be told apart. */
const grey = (level: number): Pixels => ({
  width: 2,
  height: 1,
  data: new Uint8ClampedArray([level, level, level, 255, level, level, level, 255]),
});

interface Stand {
  source: CandidateSource;
  log: string[];
  image: { current: boolean };
}

/**
 * The view as a stand-in: the picture on screen (grey 10), Auto's mask (grey 20) and the
 * further pictures given; each request is noted in `log`.
 */
function stand(
  further: Partial<Record<ReadingPictureKind, Pixels | Error>>,
  showingAuto = false,
): Stand {
  const log: string[] = [];
  const image = { current: true };
  const source: CandidateSource = {
    shown: () => {
      log.push('make shown');
      return Promise.resolve(grey(10));
    },
    showingAuto,
    autoMask: () => {
      log.push('make mask');
      return Promise.resolve(grey(20));
    },
    picture: (kind) => {
      log.push(`make ${kind}`);
      const p = further[kind];
      return p instanceof Error ? Promise.reject(p) : Promise.resolve(p);
    },
    current: () => image.current,
  };
  return { source, log, image };
}

/** Read candidates as the reader does, up to `max` of them, noting each read and what is left. */
async function read(
  { source, log }: Stand,
  max = Infinity,
  signal = new AbortController().signal,
): Promise<{ levels: number[]; left: number[] }> {
  const candidates = readingCandidates(source, signal);
  const levels: number[] = [];
  const left: number[] = [];
  for await (const p of candidates) {
    levels.push(p.data[0]);
    left.push(candidates.left());
    log.push(`read ${p.data[0]}`);
    if (levels.length >= max) break;
  }
  return { levels, left };
}

describe("Read text's candidates", () => {
  it('makes nothing more when the picture on screen reads confidently', async () => {
    const s = stand({ lesson: grey(30), noise: grey(40), jpeg: grey(50) });
    expect((await read(s, 1)).levels).toEqual([10]);
    expect(s.log).toEqual(['make shown', 'read 10']);
  });

  it("makes no further picture when Auto's mask reads confidently", async () => {
    const s = stand({ lesson: grey(30), noise: grey(40), jpeg: grey(50) });
    expect((await read(s, 2)).levels).toEqual([10, 20]);
    expect(s.log).toEqual(['make shown', 'read 10', 'make mask', 'read 20']);
  });

  it('makes each further picture only once the one before has been read, in order', async () => {
    // No grey picture under noise; the picture along the strokes comes last.
    const s = stand({ lesson: grey(30), jpeg: grey(50), stroke: grey(60) });
    const { levels, left } = await read(s);
    expect(levels).toEqual([10, 20, 30, 50, 60]);
    expect(s.log).toEqual([
      'make shown',
      'read 10',
      'make mask',
      'read 20',
      'make lesson',
      'read 30',
      'make noise',
      'make jpeg',
      'read 50',
      'make stroke',
      'read 60',
    ]);
    // At most how many more can come, as each is read: it only ever shrinks.
    expect(left).toEqual([5, 4, 3, 1, 0]);
  });

  it("leaves out Auto's mask when it is on screen, and a picture that is the one on screen", async () => {
    const s = stand({ lesson: grey(10), noise: grey(40) }, true);
    const { levels, left } = await read(s);
    expect(levels).toEqual([10, 40]);
    expect(s.log).not.toContain('make mask');
    expect(left).toEqual([4, 2]);
  });

  it('skips a picture that fails to be made, and reads the next', async () => {
    const s = stand({ lesson: new Error('worker crashed'), noise: grey(40) });
    expect((await read(s)).levels).toEqual([10, 20, 40]);
  });

  it('makes nothing more once the read is stopped, or another image is opened', async () => {
    const stopped = stand({ lesson: grey(30), noise: grey(40), jpeg: grey(50) });
    const controller = new AbortController();
    const candidates = readingCandidates(stopped.source, controller.signal);
    const levels: number[] = [];
    for await (const p of candidates) {
      levels.push(p.data[0]);
      if (levels.length === 2) controller.abort();
    }
    expect(levels).toEqual([10, 20]);
    expect(stopped.log).toEqual(['make shown', 'make mask']);
    expect(candidates.left()).toBe(0);

    const changed = stand({ lesson: grey(30), noise: grey(40), jpeg: grey(50) });
    const seen: number[] = [];
    for await (const p of readingCandidates(changed.source, new AbortController().signal)) {
      seen.push(p.data[0]);
      changed.image.current = false;
    }
    expect(seen).toEqual([10]);
    expect(changed.log).toEqual(['make shown']);
  });

  it("skips Auto's mask when it fails to be found, and reads the further pictures", async () => {
    const s = stand({ lesson: grey(30) });
    s.source.autoMask = () => {
      s.log.push('make mask');
      return Promise.reject(new Error('worker crashed'));
    };
    expect((await read(s)).levels).toEqual([10, 30]);
  });

  it('reads no picture that was still being made when another image was opened', async () => {
    // The image changes while each stage in turn is being made: what that stage made belongs
    // to the old image, so it is not read, and nothing after it is made.
    for (const stage of ['shown', 'mask', 'lesson'] as const) {
      const s = stand({ lesson: grey(30), noise: grey(40), jpeg: grey(50) });
      const { shown, autoMask, picture } = s.source;
      const opensAnother =
        <A extends unknown[]>(name: string, make: (...a: A) => Promise<Pixels | undefined>) =>
        (...a: A) => {
          const made = make(...a);
          if (name === stage || a[0] === stage) s.image.current = false;
          return made;
        };
      s.source.shown = opensAnother('shown', shown);
      s.source.autoMask = opensAnother('mask', autoMask);
      s.source.picture = opensAnother('picture', picture);
      const levels = (await read(s)).levels;
      const before = { shown: [], mask: [10], lesson: [10, 20] }[stage];
      expect(levels, `image changed while making ${stage}`).toEqual(before);
      expect(s.log.at(-1), `image changed while making ${stage}`).toBe(`make ${stage}`);
    }
  });

  it('reads no picture that was still being made when the read was stopped', async () => {
    for (const stage of ['mask', 'lesson'] as const) {
      const s = stand({ lesson: grey(30), noise: grey(40), jpeg: grey(50) });
      const controller = new AbortController();
      const { autoMask, picture } = s.source;
      s.source.autoMask = (signal) => {
        if (stage === 'mask') controller.abort();
        return autoMask(signal);
      };
      s.source.picture = (kind, signal) => {
        if (kind === stage) controller.abort();
        return picture(kind, signal);
      };
      const levels = (await read(s, Infinity, controller.signal)).levels;
      expect(levels, `stopped while making ${stage}`).toEqual(stage === 'mask' ? [10] : [10, 20]);
    }
  });
});
