/**
 * Reads a box answer defensively: the model may send prose, a fenced block, boxes outside
 * 0–1000, inverted corners or nothing. Valid boxes are kept; every problem is reported once.
 */
import { MAX_BOXES } from './request.ts';
import { BOX_SCALE, type Box2d, type FoundBox } from './types.ts';

/** What can be wrong with a box answer (the words are in `messages.ts`). */
export type BoxProblem =
  | { kind: 'not-json' }
  | { kind: 'not-a-list' }
  | { kind: 'empty' }
  | { kind: 'malformed'; count: number }
  | { kind: 'out-of-range'; count: number }
  | { kind: 'inverted'; count: number }
  | { kind: 'too-many'; count: number };

/** The boxes that can be drawn, and what was wrong with the rest. */
export interface ParsedBoxes {
  boxes: FoundBox[];
  problems: BoxProblem[];
}

/** The JSON inside a fenced ```json block, or the text itself. */
function unfence(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  return (fenced ? fenced[1] : text).trim();
}

/** True for four finite numbers. */
function isFourNumbers(v: unknown): v is [number, number, number, number] {
  return Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number' && isFinite(n));
}

/** Parse a box answer into drawable boxes and the problems found. */
export function parseBoxes(text: string): ParsedBoxes {
  let data: unknown;
  try {
    data = JSON.parse(unfence(text));
  } catch {
    return { boxes: [], problems: [{ kind: 'not-json' }] };
  }
  // Some answers wrap the list: {"boxes": [...]}.
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const lists = Object.values(data).filter(Array.isArray);
    if (lists.length === 1) data = lists[0];
  }
  if (!Array.isArray(data)) return { boxes: [], problems: [{ kind: 'not-a-list' }] };
  if (data.length === 0) return { boxes: [], problems: [{ kind: 'empty' }] };

  const boxes: FoundBox[] = [];
  let malformed = 0;
  let outOfRange = 0;
  let inverted = 0;
  for (const item of data) {
    const raw = item as { label?: unknown; box_2d?: unknown };
    if (!raw || typeof raw !== 'object' || !isFourNumbers(raw.box_2d)) {
      malformed++;
      continue;
    }
    const [ymin, xmin, ymax, xmax] = raw.box_2d;
    if ([ymin, xmin, ymax, xmax].some((n) => n < 0 || n > BOX_SCALE)) {
      outOfRange++;
      continue;
    }
    if (ymin >= ymax || xmin >= xmax) {
      inverted++;
      continue;
    }
    const label = typeof raw.label === 'string' && raw.label.trim() ? raw.label.trim() : '';
    boxes.push({ label: label || `Box ${boxes.length + 1}`, box_2d: raw.box_2d as Box2d });
  }
  const problems: BoxProblem[] = [];
  if (malformed) problems.push({ kind: 'malformed', count: malformed });
  if (outOfRange) problems.push({ kind: 'out-of-range', count: outOfRange });
  if (inverted) problems.push({ kind: 'inverted', count: inverted });
  if (boxes.length > MAX_BOXES) {
    problems.push({ kind: 'too-many', count: boxes.length - MAX_BOXES });
    boxes.length = MAX_BOXES;
  }
  return { boxes, problems };
}
