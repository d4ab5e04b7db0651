import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { serviceWorker, type OfflineStatus } from '../platform/service-worker.ts';

/**
 * The page footer: which build is open, whether it works offline, and, when a new deploy is
 * waiting, a button that reloads into it. Status changes are announced politely.
 */
@customElement('update-banner')
export class UpdateBanner extends LitElement {
  // .update is pinned to the bottom of the window, so it is seen wherever the person has
  // scrolled. (Comments stay out of the css and html templates: those ship as written.)
  static override styles = css`
    :host {
      display: block;
      margin-top: var(--g-space-6);
      font-size: var(--g-text-small);
      color: var(--g-muted);
    }
    .update {
      position: fixed;
      left: 0.5rem;
      right: 0.5rem;
      bottom: 0.5rem;
      z-index: 1;
      max-width: 36rem;
      margin: 0 auto;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      padding: 0.75rem 1rem;
      color: var(--g-fg);
      background: var(--g-surface);
      border: 1px solid var(--g-border);
      border-inline-start: 4px solid var(--g-accent);
      border-radius: var(--g-radius);
      box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
    }
    button {
      font: inherit;
      padding: 0.5rem 1rem;
      border-radius: var(--g-radius);
      border: 1px solid var(--g-accent);
      background: var(--g-accent);
      color: var(--g-accent-fg);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid var(--g-focus);
      outline-offset: 2px;
    }
    footer {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      align-items: center;
      padding-top: var(--g-space-3);
      border-top: 1px solid var(--g-border);
    }
  `;

  /** Identifies the deploy, shown as "Build <id>". */
  @property() buildId = __BUILD_ID__;

  @state() private _status: OfflineStatus = serviceWorker.status;

  override connectedCallback(): void {
    super.connectedCallback();
    serviceWorker.addEventListener('change', this._onChange);
    this._status = serviceWorker.status;
  }

  override disconnectedCallback(): void {
    serviceWorker.removeEventListener('change', this._onChange);
    super.disconnectedCallback();
  }

  override render() {
    return html`<footer>
      ${
        this._status === 'update-available'
          ? html`<div class="update">
              <span>A new version of Glimpse is ready.</span>
              <button type="button" @click=${this._onReload}>Update available — reload</button>
            </div>`
          : nothing
      }
      <span>Build ${this.buildId}</span>
      <span role="status">${this._statusText()}</span>
    </footer>`;
  }

  /** Words for the status line; empty when there is nothing worth saying. */
  private _statusText(): string {
    switch (this._status) {
      case 'installing':
        return 'Saving for offline use…';
      case 'ready':
        return 'Ready to work offline';
      case 'update-available':
        return 'Ready to work offline; a new version is waiting';
      case 'none':
        return '';
    }
  }

  private readonly _onChange = (): void => {
    this._status = serviceWorker.status;
  };

  private _onReload(): void {
    serviceWorker.applyUpdate();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'update-banner': UpdateBanner;
  }
}
