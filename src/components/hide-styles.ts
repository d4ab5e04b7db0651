import { css } from 'lit';

/** Form styles shared by the Hide view's parts: labelled fields, buttons, visible focus. */
export const hideStyles = css`
  :host {
    display: block;
  }
  fieldset {
    border: 1px solid var(--g-border);
    border-radius: var(--g-radius);
    padding: 0.5rem 1rem 0.75rem;
    margin: 0 0 1rem;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
    gap: 0.6rem 1rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.2rem;
    margin: 0.4rem 0;
  }
  .with-unit {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }
  label {
    font-weight: 600;
  }
  input,
  textarea,
  select {
    font: inherit;
    padding: 0.35rem 0.5rem;
    border: 1px solid var(--g-border);
    border-radius: var(--g-radius);
    background: var(--g-bg);
    color: var(--g-fg);
    box-sizing: border-box;
    width: 100%;
    min-width: 0;
  }
  textarea {
    resize: vertical;
  }
  input[aria-invalid='true'] {
    border-color: var(--g-danger);
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
  input:focus-visible,
  textarea:focus-visible,
  select:focus-visible,
  button:focus-visible {
    outline: 3px solid var(--g-focus);
    outline-offset: 2px;
  }
  .note {
    color: var(--g-muted);
    font-size: 0.9rem;
    margin: 0.3rem 0;
  }
  .error {
    color: var(--g-danger);
    font-size: 0.9rem;
    margin: 0.2rem 0 0;
  }
`;
