import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DEVICE_TEXT } from '../lib/gemini/device-text.ts';
import { notLoadedProblem } from './ask-controller.ts';
import type { ErrorDescription } from '../lib/gemini/types.ts';
import {
  builtInAvailability,
  builtInModelProgress,
  hasBuiltInModel,
  type BuiltInAvailability,
} from '../platform/built-in-model.ts';
import { fieldStyles } from './ask-styles.ts';

/** Which model answers: Gemini over the network, or the browser's own model. */
export type ModelChoice = 'gemini' | 'device';

/** How often to look again while the browser downloads the model on its own. */
const POLL_MS = 2000;

/**
 * The choice between Gemini and the model built into the browser. Where the browser has no
 * `LanguageModel` it renders nothing, so the view is as it was. Otherwise it shows the
 * model's state as the browser reports it: ready, "Download model" (the download needs the
 * person's click), a progress bar while it downloads, or the option disabled with the reason.
 *
 * @fires ask-model-choice-change - `detail` is the {@link ModelChoice}.
 */
@customElement('ask-model-choice')
export class AskModelChoice extends LitElement {
  // One compact line of the composer, not a box of its own: the legend floats (so it sits on
  // the line, as a label would), the two choices beside it, the state under them. (Comments
  // inside css`` ship in the first view.)
  static override styles = [
    fieldStyles,
    css`
      :host(:not([present])) {
        display: none;
      }
      fieldset {
        margin: var(--g-space-2) 0 0;
        padding: 0;
        border: none;
        font-size: var(--g-text-small);
      }
      legend {
        float: left;
        padding: 0;
        margin-right: var(--g-space-3);
        font-weight: var(--g-weight-strong);
        color: var(--g-muted);
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--g-space-3);
        margin: 0;
      }
      #device-state {
        clear: both;
      }
      .note {
        margin: 0;
        font-size: inherit;
      }
      .why[open] {
        flex-basis: 100%;
      }
      summary {
        color: var(--g-accent);
        cursor: pointer;
      }
      progress {
        width: 100%;
        max-width: 20rem;
      }
      .bad {
        color: var(--g-danger);
        font-weight: 600;
      }
    `,
  ];

  @state() private _choice: ModelChoice = 'gemini';
  /** Undefined while the first check runs. */
  @state() private _availability?: BuiltInAvailability;
  /** Fraction downloaded; undefined before any progress (an indeterminate bar). */
  @state() private _progress?: number;
  @state() private _downloadProblem?: ErrorDescription;

  private readonly _present = hasBuiltInModel();
  private _abort?: AbortController;
  private _poll?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.toggleAttribute('present', this._present);
    if (!this._present) return;
    builtInModelProgress.addEventListener('progress', this._onProgress);
    void this._check();
  }

  override disconnectedCallback(): void {
    builtInModelProgress.removeEventListener('progress', this._onProgress);
    clearTimeout(this._poll);
    this._abort?.abort();
    super.disconnectedCallback();
  }

  override render() {
    if (!this._present) return nothing;
    const a = this._availability;
    const unavailable = a?.state === 'unavailable';
    return html`
      <fieldset>
        <legend>${DEVICE_TEXT.legend}</legend>
        <div class="row">
          <label class="inline">
            <input
              type="radio"
              name="model-choice"
              value="gemini"
              .checked=${this._choice === 'gemini'}
              @change=${this._onChoice}
            />
            ${DEVICE_TEXT.gemini}
          </label>
          <label class="inline">
            <input
              type="radio"
              name="model-choice"
              value="device"
              aria-describedby=${unavailable ? 'device-reason' : 'device-state'}
              .checked=${this._choice === 'device'}
              ?disabled=${unavailable || !a}
              @change=${this._onChoice}
            />
            ${DEVICE_TEXT.device}
          </label>
          ${
            unavailable
              ? html`<details class="why">
                  <summary>${DEVICE_TEXT.why}</summary>
                  <p id="device-reason" class="note">
                    ${DEVICE_TEXT.unavailable[a.reason ?? 'no-model']}
                  </p>
                </details>`
              : nothing
          }
        </div>
        <div id="device-state">${this._renderState(a)}</div>
      </fieldset>
    `;
  }

  private _renderState(a: BuiltInAvailability | undefined) {
    const problem = this._downloadProblem
      ? html`<p role="alert">
          <span class="bad">${this._downloadProblem.title}</span>: ${this._downloadProblem.detail}
          ${this._downloadProblem.action}
        </p>`
      : nothing;
    switch (a?.state) {
      case undefined:
        return html`<p class="note">${DEVICE_TEXT.checking}</p>`;
      case 'available':
        return html`<p class="note">${DEVICE_TEXT.available}</p>`;
      case 'unavailable':
        return nothing;
      case 'downloadable':
        return html`<p class="note">${DEVICE_TEXT.downloadable}</p>
          <button type="button" @click=${this._onDownload}>${DEVICE_TEXT.download}</button>
          ${problem}`;
      case 'downloading':
        return html`<p class="note">${DEVICE_TEXT.downloading}</p>
          <div class="field">
            <label for="download-progress">${DEVICE_TEXT.progressLabel}</label>
            <progress id="download-progress" max="1" value=${ifDefined(this._progress)}></progress>
          </div>
          ${problem}`;
    }
  }

  private async _check(): Promise<void> {
    clearTimeout(this._poll);
    const a = await builtInAvailability();
    this._availability = a;
    if (a.state === 'unavailable' && this._choice === 'device') this._choose('gemini');
    // A download this page did not start sends it no progress: look again until it is done.
    if (a.state === 'downloading') this._poll = setTimeout(() => void this._check(), POLL_MS);
  }

  private readonly _onProgress = (e: Event): void => {
    const loaded = (e as CustomEvent<number>).detail;
    this._progress = loaded;
    const state = this._availability?.state;
    // Progress from a question asked while the model was downloadable: show the bar, and
    // look again soon (and on, while it downloads) so a download that fails brings the
    // button back. (Every new session reports 0 and 1 even with nothing to
    // download: those change nothing.)
    if (loaded < 1 && state === 'downloadable') {
      this._availability = { state: 'downloading' };
      this._poll = setTimeout(() => void this._check(), POLL_MS);
    }
    if (loaded >= 1 && state === 'downloading' && !this._abort) void this._check();
  };

  private async _onDownload(): Promise<void> {
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._downloadProblem = undefined;
    this._progress = undefined;
    this._availability = { state: 'downloading' };
    // The session half comes with the first download (or question); should it fail to load,
    // that is said (the Gemini error table stays out of the first view).
    const problem = await import('../platform/built-in-model-session.ts').then(
      (half) => half.download(abort.signal),
      () => notLoadedProblem,
    );
    if (abort.signal.aborted) return;
    this._abort = undefined;
    this._downloadProblem = problem;
    await this._check();
  }

  private _onChoice(e: Event): void {
    this._choose((e.target as HTMLInputElement).value as ModelChoice);
  }

  private _choose(choice: ModelChoice): void {
    this._choice = choice;
    this.dispatchEvent(
      new CustomEvent<ModelChoice>('ask-model-choice-change', {
        detail: choice,
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-model-choice': AskModelChoice;
  }
  interface GlobalEventHandlersEventMap {
    'ask-model-choice-change': CustomEvent<ModelChoice>;
  }
}
