import { LitElement, css, html } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { ErrorDescription } from '../lib/gemini/types.ts';
import { loadKeyHosts, saveKeyHost } from '../platform/storage.ts';
import { fieldStyles } from './ask-styles.ts';

/** Google's API host: the key may always go there without asking. */
export const GOOGLE_HOST = 'generativelanguage.googleapis.com';

/** Everything the consent dialog and its refusal say, in one place. */
export const CONSENT_TEXT = {
  title: (host: string) => `Send your key to ${host}?`,
  detail: (host: string) =>
    `Your Gemini API key is about to go to ${host}, not to Google. Whoever runs that host can read the key and use it on your account. Send it only to a proxy you trust.`,
  accept: 'Send key to this host',
  cancel: 'Cancel',
  refusedTitle: 'Key not sent',
  refusedDetail: (host: string) =>
    `You chose not to send your key to ${host}, so nothing was sent.`,
  refusedAction:
    "Use Google's base URL (https://generativelanguage.googleapis.com), or try again and choose “Send key to this host”.",
} as const;

/** The host (with any port) the key would go to for a base URL, or undefined if not a URL. */
export function keyHostOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl.trim()).host;
  } catch {
    return undefined;
  }
}

/** What is said when the person chose Cancel: nothing was sent, and what to do. */
export function keyNotSentProblem(baseUrl: string): ErrorDescription {
  return {
    title: CONSENT_TEXT.refusedTitle,
    detail: CONSENT_TEXT.refusedDetail(keyHostOf(baseUrl) ?? baseUrl),
    action: CONSENT_TEXT.refusedAction,
  };
}

/** Whether sending the key to `baseUrl` needs the person's yes first (and has not had it). */
export function needsConsent(baseUrl: string): boolean {
  const host = keyHostOf(baseUrl);
  return !!host && host !== GOOGLE_HOST && !loadKeyHosts().includes(host);
}

const pending = new Map<string, Promise<boolean>>();

/**
 * Resolve true when the key may go to `baseUrl`'s host: Google's, one agreed to before, or
 * one the person agrees to now in a modal dialog (remembered until "Forget key"). False when
 * they cancel. Several requests for the same host share one dialog.
 */
export function confirmKeyHost(baseUrl: string): Promise<boolean> {
  const host = keyHostOf(baseUrl);
  // Not a URL: the request itself says why, and sends nothing.
  if (!host || !needsConsent(baseUrl)) return Promise.resolve(true);
  let answer = pending.get(host);
  if (!answer) {
    const dialog = document.createElement('key-consent-dialog');
    document.body.append(dialog);
    answer = dialog.ask(host).then((yes) => {
      if (yes) saveKeyHost(host);
      pending.delete(host);
      dialog.remove();
      return yes;
    });
    pending.set(host, answer);
  }
  return answer;
}

/**
 * The question asked before the key first goes to a host other than Google's: a native modal
 * `<dialog>` (focus kept inside, Escape cancels) that names the host. Made by
 * {@link confirmKeyHost}; not placed in a template.
 */
@customElement('key-consent-dialog')
export class KeyConsentDialog extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      dialog {
        max-width: min(32rem, calc(100vw - 2rem));
        border: 1px solid var(--g-border);
        border-radius: 0.5rem;
        background: var(--g-bg);
        color: var(--g-fg);
      }
      h2 {
        font-size: 1.15rem;
        margin: 0 0 0.5rem;
        overflow-wrap: anywhere;
      }
      p {
        overflow-wrap: anywhere;
      }
    `,
  ];

  @state() private _host = '';
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
    return html`
      <dialog
        aria-labelledby="consent-title"
        aria-describedby="consent-detail"
        @close=${this._onClose}
      >
        <h2 id="consent-title">${CONSENT_TEXT.title(this._host)}</h2>
        <p id="consent-detail">${CONSENT_TEXT.detail(this._host)}</p>
        <div class="row">
          <button type="button" @click=${() => this._answer(true)}>${CONSENT_TEXT.accept}</button>
          <button type="button" autofocus @click=${() => this._answer(false)}>
            ${CONSENT_TEXT.cancel}
          </button>
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
