/**
 * The consent dialog's element, loaded by `confirmKeyHost` the first time the key would go to
 * a host other than Google's (kept out of the first view). It is given its words (the
 * CONSENT_TEXT table) rather than importing them, so that loading it shares no module with
 * the first view but Lit and the styles.
 */
import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { dialogStyles } from '../ui/dialog-styles.ts';
import { fieldStyles } from './ask-styles.ts';
import type { CONSENT_TEXT } from './key-consent-dialog.ts';

/**
 * The question asked before the key first goes to a host other than Google's: a native modal
 * `<dialog>` (focus kept inside, Escape cancels) that names the host. Made by
 * {@link confirmKeyHost}; not placed in a template.
 */
@customElement('key-consent-dialog')
export class KeyConsentDialog extends LitElement {
  static override styles = [
    fieldStyles,
    dialogStyles,
    css`
      dialog {
        max-width: min(32rem, calc(100vw - 2rem));
      }
      p {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private _host = '';
  /** What the dialog says: `CONSENT_TEXT`. */
  text?: typeof CONSENT_TEXT;
  @query('dialog') private _dialog?: HTMLDialogElement;
  private _resolve?: (yes: boolean) => void;

  /** Show the dialog for `host`; resolves with the person's answer. */
  async ask(host: string): Promise<boolean> {
    this._host = host;
    await this.updateComplete;
    const answer = new Promise<boolean>((resolve) => (this._resolve = resolve));
    this._dialog?.showModal();
    return answer;
  }

  override render() {
    const t = this.text;
    if (!t) return html``;
    return html`
      <dialog
        aria-labelledby="consent-title"
        aria-describedby="consent-detail"
        @close=${this._onClose}
      >
        <h2 id="consent-title">${t.title(this._host)}</h2>
        <p id="consent-detail">${t.detail(this._host)}</p>
        <div class="row">
          <button type="button" @click=${() => this._answer(true)}>${t.accept}</button>
          <button type="button" autofocus @click=${() => this._answer(false)}>${t.cancel}</button>
        </div>
      </dialog>
    `;
  }

  private _answer(yes: boolean): void {
    this._resolve?.(yes);
    this._resolve = undefined;
    this._dialog?.close();
  }

  /** Escape (or any other close) counts as Cancel. */
  private _onClose(): void {
    this._answer(false);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'key-consent-dialog': KeyConsentDialog;
  }
}
