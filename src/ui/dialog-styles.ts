import { css } from 'lit';

/**
 * The look of every dialog (History, the key-host question, Retry's question): a raised card
 * on a dimmed page. Without the dim and the shadow a dialog had the page's own colour and
 * merged with what lay under it, worst in the dark theme. Only lazily loaded elements open
 * dialogs, so this sheet stays out of the first view; each adds its own width and content.
 */
export const dialogStyles = css`
  dialog {
    box-sizing: border-box;
    padding: var(--g-space-4);
    border: 1px solid var(--g-border);
    border-radius: var(--g-radius-large);
    background: var(--g-bg);
    color: var(--g-fg);
    box-shadow: var(--g-shadow-dialog);
  }
  dialog::backdrop {
    background: var(--g-backdrop);
  }
  dialog :is(h2, h3) {
    margin: 0 0 var(--g-space-2);
    font-size: var(--g-text-title);
    overflow-wrap: anywhere;
  }
`;
