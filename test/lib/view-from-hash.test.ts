import { describe, expect, it } from 'vitest';

// The shell's routing is a pure function of the hash; import it without the DOM parts.
describe('viewFromHash', () => {
  it.each([
    ['#/ask', 'ask'],
    ['#/reveal', 'reveal'],
    ['#/hide', 'hide'],
    ['#reveal', 'reveal'],
    ['#/hide?x=1', 'hide'],
    ['', 'ask'],
    ['#/nonsense', 'ask'],
  ])('%s opens %s', async (hash, view) => {
    const { viewFromHash } = await import('../../src/app/route.ts');
    expect(viewFromHash(hash)).toBe(view);
  });
});
