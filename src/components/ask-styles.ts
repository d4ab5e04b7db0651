import { css } from 'lit';

/** Form styles shared by the Ask view's panels: labelled fields, buttons, visible focus. */
export const fieldStyles = css`
  :host {
    display: block;
  }
  fieldset {
    border: 1px solid var(--g-border);
    border-radius: var(--g-radius);
    padding: 0.5rem 1rem 1rem;
    margin: 0 0 1rem;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    margin: 0.6rem 0;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin: 0.6rem 0;
  }
  label {
    font-weight: 600;
  }
  label.inline {
    font-weight: normal;
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
  }
  input:not([type='checkbox']):not([type='radio']),
  textarea {
    font: inherit;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--g-border);
    border-radius: var(--g-radius);
    background: var(--g-bg);
    color: var(--g-fg);
    width: 100%;
    box-sizing: border-box;
  }
  button {
    font: inherit;
    padding: 0.35rem 0.9rem;
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
  input:focus-visible,
  textarea:focus-visible,
  button:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--g-focus);
    outline-offset: 2px;
  }
  .note {
    color: var(--g-muted);
    font-size: 0.9rem;
    margin: 0.2rem 0;
  }
  code {
    font-size: 0.95em;
  }
`;
