/** Every sentence a person reads about found boxes, in one table. */
import type { BoxProblem } from './parse.ts';
import { MAX_BOXES } from './request.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The plain words for a problem with a box answer. */
export function describeBoxProblem(p: BoxProblem): string {
  switch (p.kind) {
    case 'not-json':
      return 'The answer was not the list of boxes asked for, so nothing could be drawn. Its text is shown below.';
    case 'not-a-list':
      return 'The answer was JSON, but not a list of boxes, so nothing could be drawn.';
    case 'empty':
      return 'Gemini found nothing to box in this image.';
    case 'malformed':
      return `${plural(p.count, 'box was', 'boxes were')} left out: each needs a label and four numbers.`;
    case 'out-of-range':
      return `${plural(p.count, 'box was', 'boxes were')} left out: ${p.count === 1 ? 'its' : 'their'} coordinates fell outside the image (0–1000).`;
    case 'inverted':
      return `${plural(p.count, 'box was', 'boxes were')} left out: ${p.count === 1 ? 'its' : 'their'} corners were the wrong way round.`;
    case 'too-many':
      return `Only the first ${MAX_BOXES} boxes are drawn; ${plural(p.count, 'more was', 'more were')} left out.`;
  }
}
