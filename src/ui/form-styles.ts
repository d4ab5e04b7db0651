import { css } from 'lit';

/**
 * Buttons (plain and primary), a file input's own button (drawn as Reveal's plain buttons, on
 * the page colour, in every view: not the browser's grey) and visible keyboard focus, the same
 * in every view. Reveal uses only this part: its controls are laid out by itself.
 */
export const buttonStyles = css`
  :host {
    display: block;
  }
  button {
    font: inherit;
    padding: 0.4rem 0.9rem;
    border-radius: var(--g-radius);
    border: 1px solid var(--g-border);
    background: var(--g-surface);
    color: var(--g-fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--g-accent);
    color: var(--g-accent-fg);
    border-color: var(--g-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: not-allowed;
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
  :focus-visible {
    outline: 3px solid var(--g-focus);
    outline-offset: 2px;
  }
`;

/**
 * A message saying what went wrong (any `role="alert"` with something in it): framed in the
 * danger colour with a bar at its start, the same in every view. Ask's were bold red lines and
 * Reveal's a framed box; one rule keeps them alike.
 */
export const alertStyles = css`
  [role='alert']:not(:empty) {
    padding: var(--g-space-2) var(--g-space-3);
    border: 1px solid var(--g-danger);
    border-inline-start-width: 4px;
    border-radius: var(--g-radius);
    color: var(--g-danger);
    background: var(--g-bg);
    font-weight: var(--g-weight-strong);
  }
`;

/**
 * The form look Ask and Hide share: {@link buttonStyles}, {@link alertStyles} plus fieldsets, bold labels, boxed text
 * fields and muted notes. Each view adds only what is its own (spacing, grids), after this sheet so
 * its rules win, and the views cannot drift apart again. The text fields' :where() keeps that
 * rule at a plain element's weight, so a view's own input rule can refine it. (Comments inside
 * css`` ship as written: they are kept out of it.)
 */
export const formStyles = [
  buttonStyles,
  alertStyles,
  css`
    fieldset {
      border: 1px solid var(--g-border);
      border-radius: var(--g-radius);
      margin: 0 0 1rem;
    }
    legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
    label {
      font-weight: 600;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
    }
    input:where(:not([type='checkbox'], [type='radio'])),
    textarea,
    select {
      font: inherit;
      padding: 0.4rem 0.5rem;
      border: 1px solid var(--g-border);
      border-radius: var(--g-radius);
      background: var(--g-bg);
      color: var(--g-fg);
      width: 100%;
      box-sizing: border-box;
    }
    .note {
      color: var(--g-muted);
      font-size: 0.9rem;
    }
  `,
];

/**
 * Declarations that keep an element for screen readers only (a live region, a heading the eye
 * does not need): out of sight and out of the layout, still read. Used inside a rule:
 * `.sr-only { ${visuallyHidden} }`.
 */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;
