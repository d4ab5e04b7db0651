import type { Rgb } from './types.ts';

/**
 * Read a colour written as `#RRGGBB`, `RRGGBB`, `#RGB` or `RGB` (any case, spaces around
 * allowed). Returns `undefined` for anything else, so a half-typed field is never an error.
 */
export function parseHex(text: string): Rgb | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return undefined;
  let digits = m[1];
  if (digits.length === 3) digits = [...digits].map((d) => d + d).join('');
  const n = Number.parseInt(digits, 16);
  return { r: (n >> 16) & 0xff, g: (n >> 8) & 0xff, b: n & 0xff };
}

/** Write a colour as `#RRGGBB` in capitals, the way the lesson writes `#73D955`. */
export function formatHex({ r, g, b }: Rgb): string {
  const two = (v: number): string => clampByte(v).toString(16).padStart(2, '0');
  return `#${two(r)}${two(g)}${two(b)}`.toUpperCase();
}

/** Round to the nearest integer in 0–255. */
export function clampByte(v: number): number {
  return Math.min(255, Math.max(0, Math.round(v)));
}
