/**
 * One progress bar for a whole "Read text": loading the reader (the first time), then reading
 * picture 1, 2, … of the candidates. How many pictures a read takes is known only as it goes
 * (it stops at a confident reading, and leaves out blank or repeated pictures), so the bar is
 * told, as each picture begins, at most how many there can be in all, and shares what is left
 * of the bar among those. It never goes back, and a finished read fills it. DOM-free.
 */

/** Share of the bar that loading the reader takes, when a read has to load it first. */
export const LOAD_SHARE = 0.5;

/** What happened, as the reader and the candidates report it. */
export type ReadStep =
  /** Loading the reader, `fraction` (0–1) of the way. */
  | { stage: 'loading'; fraction: number }
  /** Picture `picture` (from 1) begins, of at most `pictures` in all. */
  | { stage: 'picture'; picture: number; pictures: number }
  /** The current picture is `fraction` (0–1) read (0 too before the first picture). */
  | { stage: 'reading'; fraction: number }
  /** The read is over. */
  | { stage: 'done' };

/** Where the bar stands. */
export interface ReadBar {
  /** 0–1 of the whole read; never less than before. */
  value: number;
  stage: 'loading' | 'reading';
  /** The picture being read, from 1; 0 before the first. */
  picture: number;
  /** At most how many pictures the read takes (0 before the first). */
  pictures: number;
  /** Where the current picture's part of the bar begins, and how long it is. */
  from: number;
  span: number;
}

/** The bar as a read begins. */
export const readBarStart: ReadBar = {
  value: 0,
  stage: 'reading',
  picture: 0,
  pictures: 0,
  from: 0,
  span: 0,
};

const clamp = (x: number) => (x > 1 ? 1 : x > 0 ? x : 0);

/** The bar after `step`. */
export function advanceReadBar(bar: ReadBar, step: ReadStep): ReadBar {
  switch (step.stage) {
    case 'loading':
      return {
        ...bar,
        stage: 'loading',
        value: Math.max(bar.value, LOAD_SHARE * clamp(step.fraction)),
      };
    case 'picture': {
      // Loading is over once anything is read: its whole share is done.
      const from = Math.max(bar.value, bar.stage === 'loading' ? LOAD_SHARE : 0);
      const left = Math.max(1, step.pictures - step.picture + 1);
      return {
        value: from,
        stage: 'reading',
        picture: step.picture,
        pictures: Math.max(step.picture, step.pictures),
        from,
        span: (1 - from) / left,
      };
    }
    case 'reading': {
      if (bar.stage === 'loading') {
        return { ...bar, stage: 'reading', value: Math.max(bar.value, LOAD_SHARE) };
      }
      const value = bar.from + bar.span * clamp(step.fraction);
      return { ...bar, value: Math.max(bar.value, value) };
    }
    case 'done':
      return { ...bar, stage: 'reading', value: 1 };
  }
}
