import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  DEFAULT_BASE_URL,
  DEFAULT_MODEL,
  type ErrorDescription,
  type GeminiSettings,
} from '../lib/gemini/types.ts';
import { blockedByPolicyProblem, notLoadedProblem } from './ask-controller.ts';
import { connectAllowed } from '../platform/connect-policy.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import {
  forgetKey,
  loadBaseUrl,
  loadKey,
  loadKeyModels,
  loadModel,
  saveBaseUrl,
  saveKey,
  saveKeyModels,
} from '../platform/storage.ts';
import { fieldStyles } from './ask-styles.ts';
import { confirmKeyHost, keyNotSentProblem, needsConsent } from './key-consent-dialog.ts';

/** How long after the key field is left before the key counts as complete (for token counts). */
export const KEY_SETTLE_MS = 400;

/** What "Check key" found. */
type KeyCheck =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok'; count: number }
  | { state: 'failed'; problem: ErrorDescription };

/** Detail of `ask-key-works`: "Check key" worked, and these models can answer. */
export interface KeyWorksDetail {
  /** Names of the models that can answer questions about images. */
  models: string[];
  /** The model to use when the person has chosen none (the default alias where listed). */
  suggested?: string;
  /** Not a new check: the stored key was checked before this page loaded (a reload). */
  restored?: boolean;
}

/**
 * Where questions go: the API key (kept for this tab, or on this device when the person
 * ticks "Remember") and the API base URL. It owns their storage and tells the view whenever
 * one changes. The model is the view's (it sits in the composer): the panel is given it, and
 * says which models the key can use once "Check key" worked.
 *
 * @fires ask-settings-change - `detail` is the current {@link GeminiSettings}.
 * @fires ask-key-ready - the key is complete (the field was left, or "Check key" worked, or
 *   the base URL or model changed with a key in place): `detail` is the {@link GeminiSettings}
 *   to count tokens with. Never fired per keystroke, so no partial key leaves the page.
 */
@customElement('ask-key-panel')
export class AskKeyPanel extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      .ok {
        color: var(--g-accent);
        font-weight: 600;
      }
      .bad {
        color: var(--g-danger);
        font-weight: 600;
      }
      summary {
        cursor: pointer;
        color: var(--g-muted);
        font-size: var(--g-text-small);
      }
      details[open] summary {
        margin-bottom: var(--g-space-2);
      }
    `,
  ];

  @state() private _key = loadKey().key;
  @state() private _remember = loadKey().remembered;
  @state() private _baseUrl = loadBaseUrl() ?? DEFAULT_BASE_URL;
  /** The model questions go to (the view's Model field). */
  @property() model = loadModel() ?? DEFAULT_MODEL;
  /**
   * The short setup shown before a key works: the key, "Remember", "Check key" and where to
   * get one, with "API base URL" one click away (open when it is not Google's). Otherwise
   * (in Settings) everything is shown.
   */
  @property({ type: Boolean }) setup = false;
  @state() private _check: KeyCheck = { state: 'idle' };
  /** Why the last address typed into "API base URL" was not saved. */
  @state() private _baseUrlProblem = '';

  private _abort?: AbortController;
  /** The check stored with the key has been told to the view. */
  private _restored = false;
  private _settle?: ReturnType<typeof setTimeout>;

  /** The settings as they stand now. */
  get settings(): GeminiSettings {
    return { apiKey: this._key.trim(), baseUrl: this._baseUrl.trim(), model: this.model.trim() };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Let the view know what was remembered, without waiting for a change; a remembered key
    // is a complete one.
    queueMicrotask(() => {
      this._emit();
      // A key that worked before the reload still works: its settings stay out of the way.
      // Only once: the view moves this panel into Settings, which connects it again.
      const models = this._restored ? undefined : loadKeyModels();
      this._restored = true;
      if (models) {
        // An empty list: the key answered a question, but "Check key" never listed models.
        if (models.length) this._check = { state: 'ok', count: models.length };
        this._worked({ models, restored: true });
      }
      this._ready();
    });
  }

  override disconnectedCallback(): void {
    this._abort?.abort();
    clearTimeout(this._settle);
    super.disconnectedCallback();
  }

  override render() {
    return html`
      <fieldset>
        <legend>Your Gemini key</legend>
        <div class="field">
          <label for="key">Gemini API key</label>
          <input
            id="key"
            type="password"
            autocomplete="off"
            spellcheck="false"
            .value=${this._key}
            @input=${this._onKey}
            @change=${this._onKeyLeft}
          />
        </div>
        <div class="row">
          <label class="inline">
            <input type="checkbox" .checked=${this._remember} @change=${this._onRemember} />
            Remember on this device
          </label>
          ${
            // In the short setup there is nothing to forget until a key is there.
            this.setup && !this._key && !this._remember
              ? nothing
              : html`<button type="button" @click=${this._onForget}>Forget key</button>`
          }
          <button type="button" @click=${this._onCheck} ?disabled=${!this._key.trim()}>
            Check key
          </button>
        </div>
        <p role="status">${this._checkText()}</p>
        <p class="note">
          ${ASK_TEXT.key.getOne}
          <a href="https://aistudio.google.com/apikey" target="_blank" rel="noopener noreferrer"
            >aistudio.google.com/apikey</a
          >.
        </p>
        ${
          this.setup
            ? html`<details ?open=${this._baseUrl !== DEFAULT_BASE_URL || !!this._baseUrlProblem}>
                <summary>Use another address (a proxy)</summary>
                ${this._renderBaseUrl()}
              </details>`
            : this._renderBaseUrl()
        }
      </fieldset>
    `;
  }

  /** "API base URL", what was wrong with the last one typed, and where the key goes. */
  private _renderBaseUrl() {
    const t = ASK_TEXT.key;
    return html`<div class="field">
        <label for="base">API base URL</label>
        <input
          id="base"
          type="url"
          spellcheck="false"
          .value=${this._baseUrl}
          @change=${this._onBaseUrl}
        />
      </div>
      ${this._baseUrlProblem ? html`<p class="bad" role="alert">${this._baseUrlProblem}</p>` : ''}
      <p class="note">${t.sentOnlyBefore} <code>${t.header}</code> ${t.sentOnlyAfter}</p>`;
  }

  private _checkText() {
    const t = ASK_TEXT.key;
    const c = this._check;
    switch (c.state) {
      case 'checking':
        return ASK_TEXT.key.checking;
      case 'ok':
        return html`<span class="ok">${t.works}</span>: ${t.modelsCount(c.count)}`;
      case 'failed':
        return html`<span class="bad">${c.problem.title}</span>: ${c.problem.detail}
          ${c.problem.action}`;
      default:
        return this._key ? '' : ASK_TEXT.key.noKey;
    }
  }

  private _emit(): void {
    this.dispatchEvent(
      new CustomEvent<GeminiSettings>('ask-settings-change', {
        detail: this.settings,
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _worked(detail: KeyWorksDetail): void {
    this.dispatchEvent(
      new CustomEvent<KeyWorksDetail>('ask-key-works', { detail, bubbles: true, composed: true }),
    );
  }

  /** Tell the view the key is complete, so it may count tokens with it. */
  private _ready(): void {
    clearTimeout(this._settle);
    if (!this.settings.apiKey) return;
    this.dispatchEvent(
      new CustomEvent<GeminiSettings>('ask-key-ready', {
        detail: this.settings,
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** The key field was left (its `change`): the key is complete once it settles. */
  private _onKeyLeft(): void {
    clearTimeout(this._settle);
    this._settle = setTimeout(() => this._ready(), KEY_SETTLE_MS);
  }

  private _onKey(e: Event): void {
    this._key = (e.target as HTMLInputElement).value;
    this._check = { state: 'idle' };
    saveKey(this._key.trim(), this._remember);
    this._emit();
  }

  private _onRemember(e: Event): void {
    this._remember = (e.target as HTMLInputElement).checked;
    saveKey(this._key.trim(), this._remember);
  }

  private _onForget(): void {
    // Also forgets the hosts the key was allowed to go to.
    forgetKey();
    clearTimeout(this._settle);
    this._key = '';
    this._remember = false;
    this._check = { state: 'idle' };
    this._baseUrlProblem = '';
    this._emit();
  }

  private _onBaseUrl(e: Event): void {
    const field = e.target as HTMLInputElement;
    const value = field.value.trim();
    const problem = saveBaseUrl(value === DEFAULT_BASE_URL ? '' : value);
    if (problem) {
      // Not kept anywhere, not even in the field: it may hold a key. The reason is shown.
      this._baseUrlProblem = problem;
      field.value = this._baseUrl;
      return;
    }
    this._baseUrlProblem = '';
    this._baseUrl = value || DEFAULT_BASE_URL;
    this._check = { state: 'idle' };
    this._emit();
    this._ready();
    // With a key in place, ask now whether it may go to this new host, rather than when a
    // question is sent (where the question is asked again if the answer was Cancel).
    if (this.settings.apiKey && needsConsent(this._baseUrl) && connectAllowed(this._baseUrl)) {
      void confirmKeyHost(this._baseUrl);
    }
  }

  private async _onCheck(): Promise<void> {
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    const settings = this.settings;
    // Under a policy that refuses the address, say so as Ask does, not "No connection".
    if (!connectAllowed(settings.baseUrl)) {
      this._check = { state: 'failed', problem: blockedByPolicyProblem(settings.baseUrl) };
      return;
    }
    this._check = { state: 'checking' };
    if (!(await confirmKeyHost(settings.baseUrl))) {
      if (!abort.signal.aborted) {
        this._check = { state: 'failed', problem: keyNotSentProblem(settings.baseUrl) };
      }
      return;
    }
    // The model list and the error table load with the first check, not with the page.
    let describeError: (error: unknown) => ErrorDescription = () => notLoadedProblem;
    try {
      const [{ checkKey, pickDefaultModel }, describe] = await Promise.all([
        import('../lib/gemini/models.ts'),
        import('../lib/gemini/describe.ts'),
      ]);
      describeError = describe.describeError;
      const models = await checkKey(settings, abort.signal);
      if (abort.signal.aborted) return;
      // A remembered or typed choice stays; otherwise the default alias where listed.
      const suggested = loadModel() ? undefined : (pickDefaultModel(models) ?? DEFAULT_MODEL);
      this._check = { state: 'ok', count: models.length };
      const names = models.map((m) => m.name);
      saveKeyModels(names);
      this._worked({ models: names, ...(suggested ? { suggested } : {}) });
      this._ready();
    } catch (error) {
      if (abort.signal.aborted) return;
      this._check = { state: 'failed', problem: describeError(error) };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-key-panel': AskKeyPanel;
  }
  interface GlobalEventHandlersEventMap {
    'ask-settings-change': CustomEvent<GeminiSettings>;
    'ask-key-ready': CustomEvent<GeminiSettings>;
    'ask-key-works': CustomEvent<KeyWorksDetail>;
  }
}
