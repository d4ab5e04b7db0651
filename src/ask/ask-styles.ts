import { css } from 'lit';
import { formStyles } from '../ui/form-styles.ts';

/** Form styles of the Ask view's panels: the shared form look plus Ask's own spacing and fields. */
export const fieldStyles = [
  ...formStyles,
  css`
    fieldset {
      padding: 0.5rem 1rem 1rem;
    }
    .field {
      margin: 0.6rem 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin: 0.6rem 0;
    }
    label.inline {
      font-weight: normal;
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
    }
    button {
      padding: 0.35rem 0.9rem;
    }
    .note {
      margin: 0.2rem 0;
    }
    code {
      font-size: 0.95em;
    }
  `,
];
