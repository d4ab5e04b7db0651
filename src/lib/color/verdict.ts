/** How visible a colour difference is to a person, in plain words. */
export type Visibility = 'identical' | 'invisible' | 'barely visible' | 'visible' | 'obvious';

// Bands from the usual reading of ΔE2000: below 1 most people see no difference side by side,
// 1–2 only on close inspection, above 10 the colours look different at a glance.
const BANDS: readonly [limit: number, verdict: Visibility][] = [
  [1, 'invisible'],
  [2, 'barely visible'],
  [10, 'visible'],
];

/** Say in plain words how visible a ΔE2000 difference is. */
export function visibility(deltaE: number): Visibility {
  if (deltaE === 0) return 'identical';
  for (const [limit, verdict] of BANDS) if (deltaE < limit) return verdict;
  return 'obvious';
}
