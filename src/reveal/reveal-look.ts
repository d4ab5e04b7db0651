import { css } from 'lit';
import { alertStyles } from '../ui/form-styles.ts';
import { pageButtonStyles } from '../ui/page-button-styles.ts';

/**
 * What every part of Reveal draws alike, so that its elements (the view, Read text's result)
 * cannot drift apart: buttons on the page colour as Hide's ({@link pageButtonStyles}), the
 * app's one alert ({@link alertStyles}), and the raised box (`.box`) beside or under the
 * picture: the settings, what Read text found. Each element adopts these sheets and adds its
 * own layout.
 */
export const revealLook = [
  alertStyles,
  pageButtonStyles,
  css`
    .box {
      padding: var(--g-space-4);
      border: 1px solid var(--g-border);
      border-radius: var(--g-radius-large);
      background: var(--g-surface);
    }
  `,
];
