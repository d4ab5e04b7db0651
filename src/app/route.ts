import type { ViewName } from '../ui/events.ts';

/** The views in tab order, with their visible labels. */
export const views: readonly { name: ViewName; label: string }[] = [
  { name: 'ask', label: 'Ask' },
  { name: 'reveal', label: 'Reveal' },
  { name: 'hide', label: 'Hide' },
];

/** Read the view named by a URL hash such as `#/reveal`; Ask when it names none. */
export function viewFromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return views.some((v) => v.name === name) ? (name as ViewName) : 'ask';
}
