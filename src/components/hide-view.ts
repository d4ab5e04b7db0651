import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { HandoffDetail } from './events.ts';

/** The Hide view. Not built yet: it says so plainly rather than pretending. */
@customElement('hide-view')
export class HideView extends LitElement {
  override render() {
    return html`<h2>Hide</h2>
      <p>This view is not built yet.</p>`;
  }

  /** Take an image handed over from another view. */
  receive(_detail: HandoffDetail): void {}
}

declare global {
  interface HTMLElementTagNameMap {
    'hide-view': HideView;
  }
}
