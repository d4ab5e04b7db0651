import { css } from 'lit';

/**
 * Buttons that stand on the page's own colour (Reveal's and Hide's toolbars), drawn alike in
 * both views from the design tokens: plain ones filled with the page colour inside their
 * border, the primary one with the accent (a file input's own button is drawn so in every
 * view by form-styles.ts' `buttonStyles`). Adopt it after `buttonStyles`, which it refines. A
 * busy button (`aria-disabled`) looks and is announced unavailable yet keeps the keyboard's
 * focus.
 */
export const pageButtonStyles = css`
  button {
    background: var(--g-bg);
  }
  button.primary {
    background: var(--g-accent);
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
`;
