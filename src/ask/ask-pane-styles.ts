/**
 * The Ask view's layout once there is a conversation, on wide screens: the talk column is a
 * pane as tall as the window at most, the conversation scrolling on its own with the composer
 * always under it (as in a chat app). Reversed (column-reverse around one child), the
 * conversation starts at its end and stays there while an answer grows. Should the key's setup
 * and the composer not fit beside it, the whole column scrolls. Loaded with the first
 * conversation, not with the page (the first view's size budget), and without Lit's `css` (which
 * would split Lit into a chunk of its own).
 */
export const paneStyles = `
  @media (min-width: 60rem) and (min-height: 36rem) {
    .talk {
      position: sticky;
      top: var(--g-space-3);
      max-height: calc(100dvh - 2 * var(--g-space-3));
      overflow-y: auto;
    }
    .conversation {
      display: flex;
      flex-direction: column-reverse;
      flex: 1 1 auto;
      min-height: 10rem;
      overflow-y: auto;
      overscroll-behavior: contain;
      padding-right: var(--g-space-1);
    }
    .talk > :not(.conversation) {
      flex: none;
    }
    .composer {
      box-shadow: var(--g-shadow-raised);
    }
  }
`;

/** Add {@link paneStyles} to the Ask view's shadow root, after its own sheets. */
export function adoptPaneStyles(root: HTMLElement | DocumentFragment): void {
  if (!(root instanceof ShadowRoot)) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(paneStyles);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
