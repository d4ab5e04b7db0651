import { css } from 'lit';

/**
 * Buttons that stand on the page's own colour (Reveal's and Hide's toolbars), drawn alike in
 * both views from the design tokens: plain ones filled with the page colour inside their
 * border, the primary one with the accent, and a file input's own button as a plain one (not
 * the browser's grey). Adopt it after form-styles.ts' `buttonStyles`, which it refines. A busy
 * button (`aria-disabled`) looks and is announced unavailable yet keeps the keyboard's focus.
 */
export const pageButtonStyles = css`
  button {
    background: var(--g-bg);
  }
  button.primary {
    background: var(--g-accent);
  }
  input[type='file']::file-selector-button {
    font: inherit;
    padding: var(--g-space-1) var(--g-space-3);
    margin-inline-end: var(--g-space-2);
    border-radius: var(--g-radius);
    border: 1px solid var(--g-border);
    background: var(--g-bg);
    color: var(--g-fg);
    cursor: pointer;
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
