import { css } from 'lit';
import { alertStyles } from '../ui/form-styles.ts';

/**
 * What every part of Reveal draws alike, so that its elements (the view, Read text's result)
 * cannot drift apart: buttons on the page colour, the app's one alert ({@link alertStyles}), and
 * the raised box of the settings panel. Each element adopts these sheets and adds its own layout.
 */
export const revealLook = [
  alertStyles,
  css`
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
    /* A box beside or under the picture: the settings, what Read text found. */
    .box {
      padding: var(--g-space-4);
      border: 1px solid var(--g-border);
      border-radius: var(--g-radius-large);
      background: var(--g-surface);
    }
  `,
];
