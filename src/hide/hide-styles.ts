import { css } from 'lit';
import { formStyles } from '../ui/form-styles.ts';
import { pageButtonStyles } from '../ui/page-button-styles.ts';

/**
 * Form styles of the Hide view's parts: the shared form look, buttons on the page colour as
 * Reveal's, plus Hide's grid, fields and errors.
 */
export const hideStyles = [
  ...formStyles,
  pageButtonStyles,
  css`
    fieldset {
      padding: var(--g-space-2) var(--g-space-3) var(--g-space-3);
      min-width: 0;
      background: var(--g-bg);
    }
    /* The panel's own gap separates its parts; a last fieldset adds none below. */
    fieldset:last-child {
      margin-bottom: 0;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(6rem, 1fr));
      gap: var(--g-space-2) var(--g-space-3);
    }
    .field {
      margin: 0.4rem 0;
    }
    .with-unit {
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    input,
    textarea,
    select {
      padding: 0.35rem 0.5rem;
      min-width: 0;
    }
    textarea {
      resize: vertical;
    }
    input[aria-invalid='true'] {
      border-color: var(--g-danger);
    }
    .note {
      margin: 0.3rem 0;
    }
    .error {
      color: var(--g-danger);
      font-size: 0.9rem;
      margin: 0.2rem 0 0;
    }
  `,
];
