/**
 * focusWhenShown (src/ui/focus-when-shown.ts) in Chromium: a handoff ("Reveal it", "Hide this
 * text") focuses the next step once its view is shown, and only then; it gives up if the view
 * is not shown soon, and never takes the focus back later (the person went elsewhere). The
 * e2e test (test/e2e/handoff-focus.test.ts) checks the handoffs in the built app; these check
 * the cases it cannot time: a late show, and the view hidden and shown again afterwards.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { focusWhenShown } from '../../src/ui/focus-when-shown.ts';

let view: HTMLElement;
let next: HTMLButtonElement;
let elsewhere: HTMLButtonElement;

/**
 * Let the MutationObserver's callback run: it is a microtask queued by the change, so it runs
 * before one queued after it (no timer, which the fake clock would hold).
 */
const settled = () => Promise.resolve();

beforeEach(() => {
  view = document.createElement('section');
  view.hidden = true;
  next = document.createElement('button');
  next.textContent = 'Auto reveal';
  view.append(next);
  elsewhere = document.createElement('button');
  elsewhere.textContent = 'Reveal it';
  document.body.append(elsewhere, view);
  elsewhere.focus();
});

afterEach(() => {
  vi.useRealTimers();
  view.remove();
  elsewhere.remove();
});

describe('focusWhenShown', () => {
  it('focuses at once when the view is already shown', () => {
    view.hidden = false;
    focusWhenShown(view, () => next.focus());
    expect(document.activeElement).toBe(next);
  });

  it('waits while the view is hidden, and focuses when it is shown', async () => {
    focusWhenShown(view, () => next.focus());
    await settled();
    expect(document.activeElement).toBe(elsewhere);
    // Still hidden (set again, as a render may do): no focus yet.
    view.setAttribute('hidden', '');
    await settled();
    expect(document.activeElement).toBe(elsewhere);
    view.hidden = false;
    await settled();
    expect(document.activeElement).toBe(next);
  });

  it('focuses once: the view hidden and shown again later leaves the focus where it is', async () => {
    focusWhenShown(view, () => next.focus());
    view.hidden = false;
    await settled();
    expect(document.activeElement).toBe(next);
    elsewhere.focus();
    view.hidden = true;
    await settled();
    view.hidden = false;
    await settled();
    expect(document.activeElement).toBe(elsewhere);
  });

  it('gives up when the view is not shown within two seconds', async () => {
    vi.useFakeTimers();
    focusWhenShown(view, () => next.focus());
    await vi.advanceTimersByTimeAsync(1900);
    view.hidden = false;
    await settled();
    expect(document.activeElement, 'shown within the time: focused').toBe(next);

    view.hidden = true;
    elsewhere.focus();
    focusWhenShown(view, () => next.focus());
    await vi.advanceTimersByTimeAsync(2100);
    // The person went elsewhere; the view shown now must not take the focus from them.
    view.hidden = false;
    await settled();
    expect(document.activeElement).toBe(elsewhere);
  });
});
