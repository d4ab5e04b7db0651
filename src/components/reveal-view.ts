import { LitElement, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { HandoffDetail } from './events.ts';

/** The Reveal view. Not built yet: it says so plainly rather than pretending. */
@customElement('reveal-view')
export class RevealView extends LitElement {
  override render() {
    return html`<h2>Reveal</h2>
      <p>This view is not built yet.</p>`;
  }

  /** Take an image handed over from another view. */
  receive(_detail: HandoffDetail): void {}
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-view': RevealView;
  }
}
