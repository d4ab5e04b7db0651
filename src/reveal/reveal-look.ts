import { css } from 'lit';

/**
 * What every part of Reveal draws alike, so that its elements (the view, Read text's result)
 * cannot drift apart: buttons on the page colour, a designed alert, and the raised box of the
 * settings panel. Each element adopts this sheet and adds its own layout.
 */
export const revealLook = css`
  /* On Reveal's page the buttons sit on the page colour, not a raised surface. */
  button {
    background: var(--g-bg);
  }
  button.primary {
    background: var(--g-accent);
  }
  /* Busy: it looks and is announced unavailable, yet keeps the keyboard's focus. */
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  [role='alert']:not(:empty) {
    padding: var(--g-space-2) var(--g-space-3);
    border: 1px solid var(--g-danger);
    border-inline-start-width: 4px;
    border-radius: var(--g-radius);
    color: var(--g-danger);
    background: var(--g-bg);
    font-weight: var(--g-weight-strong);
  }
  /* A box beside or under the picture: the settings, what Read text found. */
  .box {
    padding: var(--g-space-4);
    border: 1px solid var(--g-border);
    border-radius: var(--g-radius-large);
    background: var(--g-surface);
  }
`;
