/**
 * Styles the first view does not need, loaded with what they style (they count against the
 * first view's size budget otherwise), as plain CSS text rather than Lit's `css` (which would
 * split Lit into a chunk of its own), and added to a shadow root with {@link adoptOnce}.
 */

/**
 * The Ask view's layout once there is a conversation, on wide screens: the talk column is a
 * pane as tall as the window below where it starts at most (`--talk-top`, set by
 * ask-pane.ts; past a quarter of the window, when Settings push it down, the page scrolls
 * instead), the conversation scrolling on its own with the composer
 * always under it (as in a chat app). Reversed (column-reverse around one child), the
 * conversation starts at its end and stays there while an answer grows. Should the key's setup
 * and the composer not fit beside it, the whole column scrolls. The pane's top edge fades out
 * (a gradient in the page colour, stuck to the top: last of the reversed children, it sits
 * above the first turn), so a turn scrolled half out of sight reads as "more above", not as a
 * clipped box; its bottom edge fades the same way while there is more below (ask-pane.ts
 * marks it `data-more`), so an answer running on past it does not read as ending there.
 * (A mask-image fade kept the first question's lazy thumbnail from loading.)
 *
 * On narrow screens (a phone) the column is the same pane, a window tall at most, under the
 * image: the image scrolls away above it (scrolling up past the conversation's first turn
 * brings it back, so no overscroll containment here), and the page ends at the composer
 * rather than under a long answer, so the next question is never a long scroll away.
 */
export const paneStyles = `
  @media (min-width: 60rem) and (min-height: 36rem), (width < 60rem) {
    .conversation {
      display: flex;
      flex-direction: column-reverse;
      flex: 1 1 auto;
      min-height: 10rem;
      overflow-y: auto;
    }
    .conversation::after {
      content: '';
      flex: none;
      position: sticky;
      top: 0;
      z-index: 1;
      height: var(--g-space-4);
      margin-bottom: calc(-1 * var(--g-space-4));
      background: linear-gradient(var(--g-bg), transparent);
      pointer-events: none;
    }
    .talk > :not(.conversation) {
      flex: none;
    }
    .composer {
      box-shadow: var(--g-shadow-raised);
    }
  }
  @media (min-width: 60rem) and (min-height: 36rem) {
    .talk {
      position: sticky;
      top: var(--g-space-3);
      max-height: calc(
        100dvh - var(--g-space-3) -
          clamp(var(--g-space-3), var(--talk-top, var(--g-space-3)), 25dvh)
      );
      overflow-y: auto;
    }
    .conversation {
      overscroll-behavior: contain;
      padding-right: var(--g-space-1);
    }
  }
  @media (width < 60rem) {
    .talk {
      max-height: calc(100dvh - var(--g-space-2));
      overflow-y: auto;
    }
  }
  .talk > :not(.conversation, .more-below) {
    order: 1;
  }
  .more-below {
    flex: none;
    align-self: center;
    position: relative;
    z-index: 2;
    height: 2rem;
    margin: calc(-2rem - var(--g-space-3) - var(--g-space-2)) 0 var(--g-space-2);
    padding: 0 var(--g-space-3);
    border-radius: var(--g-radius-pill);
    font-size: var(--g-text-small);
    box-shadow: var(--g-shadow-raised);
  }
  .more-below::before {
    content: '↓ ' / '';
  }
  .more-below[hidden] {
    display: none;
  }
  .conversation[data-more]::before {
    content: '';
    flex: none;
    position: sticky;
    bottom: 0;
    z-index: 1;
    height: var(--g-space-6);
    margin-top: calc(-1 * var(--g-space-6));
    background: linear-gradient(transparent, var(--g-bg));
    pointer-events: none;
  }
`;

/**
 * The image panel's intake once there is an image: "Image" and its file input on one line,
 * the samples (which belong to the empty view) behind "Samples" beside them.
 */
export const compactIntakeStyles = `
  .compact {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--g-space-2) var(--g-space-3);
  }
  .compact .field {
    flex: 1 1 16rem;
    flex-direction: row;
    align-items: center;
    gap: var(--g-space-2);
    min-width: 0;
  }
  .compact input[type='file'] {
    padding: var(--g-space-1);
    font-size: var(--g-text-small);
  }
  .more-samples[open] {
    flex-basis: 100%;
  }
  summary {
    width: fit-content;
    padding: var(--g-space-1) var(--g-space-3);
    border: 1px solid var(--g-border);
    border-radius: var(--g-radius-pill);
    background: var(--g-surface);
    font-size: var(--g-text-small);
    cursor: pointer;
  }
  .more-samples .samples {
    display: flex;
    flex-wrap: wrap;
    justify-content: start;
    margin-top: var(--g-space-2);
  }
  .compact .sample {
    flex-direction: row;
    padding: var(--g-space-1) var(--g-space-2);
  }
  .compact .sample img {
    width: 3rem;
    height: 2rem;
  }
`;

/**
 * On a phone, once a conversation has started, the composer's options (Model, Image detail,
 * Thinking, Answered by) fold behind one toggle that says the current choices, so the
 * conversation keeps most of the window; wide screens keep them all in sight (no toggle),
 * Model, Image detail and Thinking in one row (the model's own row took 60 px of a pane
 * about 260 px tall at 1280 × 800), wrapping only where the model's name would be cut.
 */
export const foldStyles = `
  .options-toggle {
    display: none;
  }
  @media (min-width: 40rem) {
    .composer-row:has(#thinking) .field:first-child {
      flex-basis: 10rem;
    }
  }
  @media (width < 40rem) {
    .composer {
      min-inline-size: 0;
    }
    .options-toggle {
      display: flex;
      align-items: center;
      width: 100%;
      white-space: nowrap;
      margin-top: var(--g-space-1);
      padding: var(--g-space-1) var(--g-space-2);
      border-radius: var(--g-radius-large);
      font-size: var(--g-text-small);
      text-align: start;
    }
    .options-toggle .name {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
    .options-toggle .what {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .options-toggle .chosen {
      flex: none;
      margin-inline-end: auto;
    }
    .options-toggle::after {
      content: '▾' / '';
      flex: none;
      margin-inline-start: var(--g-space-2);
    }
    .options-toggle[aria-expanded='true']::after {
      content: '▴' / '';
    }
    .folded {
      display: none;
    }
  }
`;

/** Styles already added, per shadow root. */
const adopted = new WeakMap<ShadowRoot, Set<string>>();

/** Add `styles` to `root` (a shadow root) after its own sheets, once. */
export function adoptOnce(root: HTMLElement | DocumentFragment, styles: string): void {
  if (!(root instanceof ShadowRoot)) return;
  const done = adopted.get(root) ?? new Set<string>();
  if (done.has(styles)) return;
  done.add(styles);
  adopted.set(root, done);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** The pane's fit and scrolling come in the same chunk as its styles (one import fewer). */
export { AskPane } from './ask-pane.ts';
