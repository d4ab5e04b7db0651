/**
 * Which of "Read text"'s candidate pictures are worth the reader's time. A picture with no
 * letter-sized mark (an all-white mask) reads as nothing, and dense speckle (the lesson's rule
 * over a noisy photo: some 240 000 specks at the reader's size) takes the reader about a minute
 * and reads as rubbish. Both are read only when no other candidate has marks that could be
 * letters, so Read text on a noisy photo reads Auto's mask in a second instead of the speckle
 * shown on screen for a minute.
 */
import { prepareForOcr } from './prepare.ts';
import { smoothLook } from './smooth-look.ts';
import { inkMarks } from './text-size.ts';
import type { Pixels } from '../reveal/types.ts';

/**
 * Specks (marks shorter than a letter) at the reader's size past which a picture is speckle,
 * when they also outnumber its letter-sized marks {@link SPECKLE_RATIO} times. The reader's
 * time grows with the marks: 240 000 took a minute here. Masks of text under noise, and the
 * lesson rule's speckle over the reading check's draws (up to 6 000 specks on a 600 × 430
 * picture), stay well under it and are read as before.
 */
export const SPECKLE_MARKS = 20_000;

/** How many specks per letter-sized mark make a picture speckle (with {@link SPECKLE_MARKS}). */
export const SPECKLE_RATIO = 4;

/** What a prepared picture holds for the reader. */
export type PictureKind = 'letters' | 'blank' | 'speckle';

/** Whether a picture prepared for the reader has letters, nothing letter-sized, or speckle. */
export function pictureKind(prepared: Pixels): PictureKind {
  const { letters, specks } = inkMarks(prepared);
  if (letters === 0) return 'blank';
  return specks > SPECKLE_MARKS && specks > SPECKLE_RATIO * letters ? 'speckle' : 'letters';
}

/** A candidate prepared for the reader (as `T`: pixels here, a PNG from the worker), and its kind. */
export interface Prepared<T> {
  picture: T;
  kind: PictureKind;
}

/**
 * How candidates are prepared for the reader: {@link picturesToRead} does it on the calling
 * thread; the Reveal view has the reveal worker do it (a 35 MP picture takes seconds), with the
 * same functions, so what is read is the same.
 */
export interface ReadingPreparer<T> {
  /** `prepareForOcr` of the candidate, and its {@link pictureKind}. */
  prepare(pixels: Pixels): Promise<Prepared<T>> | Prepared<T>;
  /** `smoothLook` of the first candidate when it holds letters; undefined otherwise. */
  secondLook(first: Pixels): Promise<T | undefined> | T | undefined;
}

/** `prepareForOcr` of a candidate, and its {@link pictureKind}. */
export function prepareToRead(pixels: Pixels): Prepared<Pixels> {
  const picture = prepareForOcr(pixels);
  return { picture, kind: pictureKind(picture) };
}

/** `smoothLook` of the first candidate when it holds letters; undefined otherwise. */
export function secondLookToRead(first: Pixels): Pixels | undefined {
  const second = smoothLook(first);
  return second && pictureKind(second) === 'letters' ? second : undefined;
}

/** Candidate preparation on the calling thread. */
export const prepareHere: ReadingPreparer<Pixels> = {
  prepare: prepareToRead,
  secondLook: secondLookToRead,
};

/**
 * The candidates, each prepared for the reader (`prepareForOcr`), in their order, leaving out
 * blank and speckled ones; when every candidate is blank or speckle, the first of them alone,
 * so the person still gets the reader's answer about what is on screen. Last, the first
 * candidate's smoothed second look (`smoothLook`), where it has one: the reader stops early at
 * a confident reading, so it is read only when nothing before it was.
 */
export function picturesToRead(
  candidates: AsyncIterable<Pixels> | Iterable<Pixels>,
): AsyncGenerator<Pixels> {
  return picturesToReadWith(candidates, prepareHere);
}

/** {@link picturesToRead}, with each picture prepared by `preparer` (in a worker, say). */
export async function* picturesToReadWith<T>(
  candidates: AsyncIterable<Pixels> | Iterable<Pixels>,
  preparer: ReadingPreparer<T>,
): AsyncGenerator<T> {
  let fallback: T | undefined;
  let first: Pixels | undefined;
  let any = false;
  for await (const pixels of candidates) {
    first ??= pixels;
    const { picture, kind } = await preparer.prepare(pixels);
    if (kind === 'letters') {
      any = true;
      yield picture;
    } else {
      fallback ??= picture;
    }
  }
  if (!any && fallback !== undefined) yield fallback;
  const second = any && first ? await preparer.secondLook(first) : undefined;
  if (second !== undefined) yield second;
}
