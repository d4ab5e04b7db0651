import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { connectAllowed } from '../platform/connect-policy.ts';
import { needsConsent } from './key-consent-dialog.ts';
import type { GeminiSettings } from '../lib/gemini/types.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import type { UploadMode } from '../lib/image/plan.ts';
import { checkUploadSize, releaseUpload, type UploadPlan } from '../platform/upload-plan.ts';
import { SAMPLES, type Sample } from '../lib/samples.ts';
import { fieldStyles } from './ask-styles.ts';
import type { Conversation } from '../lib/conversation/types.ts';

/** An image given to the panel (file input, drop, paste, sample or hand-off). */
export interface ImageSource {
  blob: Blob;
  name: string;
}

/** Detail of `ask-image-change`: the image as it will be sent, or none. */
export interface ImageChangeDetail {
  plan: UploadPlan | null;
  /** The image it was made from: the same object when only Auto/Original changed. */
  source?: ImageSource;
}

/** Detail of `ask-sample`: a sample was chosen and brings its lesson prompt. */
export interface SampleDetail {
  prompt: string;
}

/**
 * The image a question is about: chosen with the file input (the camera on phones), dropped,
 * pasted or one of the samples (a large drop area until there is one). It shows the image
 * exactly as it will be sent, large on the stage with zoom and pan, with its pixel size,
 * bytes and token cost, and lets the person pick "Auto" or "Original".
 *
 * @fires ask-image-change - The planned image changed ({@link ImageChangeDetail}).
 * @fires ask-sample - A sample was chosen: its prompt, before its image loads ({@link SampleDetail}).
 */
@customElement('ask-image-panel')
export class AskImagePanel extends LitElement {
  // The compact intake under an image is styled by ask-late-styles.ts (loaded with the image).
  // The drop area packs its title and intake together in its middle (a grid's rows otherwise
  // share its height, which left a gap under the title); the samples are an even grid, one row
  // of three where there is room, and on a phone rows with the picture beside the name, where
  // stacked cards made the drop area twice as tall. Stacked on a phone, the stage leaves room
  // for the conversation below it. (Comments inside css`` ship: they are kept out here.)
  static override styles = [
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .drop {
        display: grid;
        place-items: center;
        align-content: center;
        gap: var(--g-space-3);
        min-height: min(60vh, 28rem);
        padding: var(--g-space-5) var(--g-space-4);
        border: 2px dashed var(--g-border);
        border-radius: var(--g-radius-large);
        background: var(--g-surface);
        text-align: center;
      }
      .drop .intake {
        width: min(100%, 36rem);
      }
      .drop-title {
        margin: 0;
        font-size: var(--g-text-headline);
        font-weight: var(--g-weight-strong);
      }
      .samples {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
        gap: var(--g-space-2);
      }
      .sample {
        display: inline-flex;
        flex-direction: column;
        align-items: center;
        gap: var(--g-space-1);
        padding: var(--g-space-2);
        font-size: var(--g-text-small);
      }
      .sample img {
        display: block;
        width: 6rem;
        height: 4rem;
        object-fit: cover;
        border-radius: var(--g-radius);
        background: var(--g-bg);
      }
      @media (max-width: 30rem) {
        .samples {
          grid-template-columns: minmax(0, 1fr);
        }
        .sample {
          flex-direction: row;
          gap: var(--g-space-3);
          text-align: start;
        }
        .sample img {
          width: 4rem;
          height: 2.75rem;
        }
      }
      @media (max-width: 60rem) {
        ask-find {
          --stage-height: min(45vh, 24rem);
        }
      }
      ask-find + div,
      .intake {
        margin-top: var(--g-space-2);
      }
      .mode {
        margin: var(--g-space-2) 0 0;
        gap: 0 var(--g-space-3);
        font-size: var(--g-text-small);
      }
      .mode .note {
        flex-basis: 100%;
        margin: 0;
        font-size: inherit;
      }
      .error {
        color: var(--g-danger);
        font-weight: 600;
      }
    `,
  ];

  /** Where token counts are asked (countTokens needs a key; without one, an estimate). */
  @property({ attribute: false }) settings?: GeminiSettings;
  /** The image to plan; set by the view for drops, pastes and hand-offs. */
  @property({ attribute: false }) source?: ImageSource;
  /** The conversation: the newest Find about the image on the stage draws its boxes. */
  @property({ attribute: false }) conversation?: Conversation;
  /** A question is on its way (Find waits for it). */
  @property({ type: Boolean }) busy = false;

  @state() private _mode: UploadMode = 'auto';
  @state() private _plan: UploadPlan | null = null;
  /** The image the plan was made from: what the stage shows, and crops and downloads use. */
  @state() private _shown?: ImageSource;
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _tokens?: { count: number; counted: boolean };

  private _abort?: AbortController;
  /** The image being fetched or prepared now, if any (see `ready()`). */
  private _pending: Promise<unknown> = Promise.resolve();
  private _tokenAbort?: AbortController;

  override disconnectedCallback(): void {
    this._abort?.abort();
    this._tokenAbort?.abort();
    super.disconnectedCallback();
  }

  override render() {
    const p = this._plan;
    return html`
      ${
        p
          ? this._renderPlan(p)
          : html`<div class="drop">
              <p class="drop-title" id="drop-title">Drop, paste or choose an image</p>
              ${this._renderIntake()}
            </div>`
      }
      <div role="status">${this._busy ? ASK_TEXT.image.preparing : ''}</div>
      ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
      ${p ? this._renderIntake(true) : nothing}
      <div class="row mode" role="radiogroup" aria-labelledby="mode-label">
        <span id="mode-label">Send:</span>
        <label class="inline">
          <input
            type="radio"
            name="mode"
            value="auto"
            .checked=${this._mode === 'auto'}
            @change=${this._onMode}
          />
          Auto
        </label>
        <label class="inline">
          <input
            type="radio"
            name="mode"
            value="original"
            .checked=${this._mode === 'original'}
            @change=${this._onMode}
          />
          Original
        </label>
        <span class="note">${ASK_TEXT.image.modes}</span>
      </div>
    `;
  }

  /**
   * The file input and the samples: large on first visit; under an image, one compact line
   * with the samples behind "Samples" (they belong to the empty view).
   */
  private _renderIntake(compact = false) {
    const samples = html`<div class="samples">
      ${SAMPLES.map(
        (s) =>
          html`<button type="button" class="sample" @click=${() => this._onSample(s)}>
            <img src=${s.path} alt="" width="96" height="64" />
            <span>Sample: ${s.title.toLowerCase()}</span>
          </button>`,
      )}
    </div>`;
    // The file input's accept="image/*" without "capture": phones then offer the camera and the
    // gallery, where "capture" would force the camera.
    return html`<div class=${compact ? 'intake compact' : 'intake'}>
      <div class="field">
        <label for="file">Image</label>
        <input id="file" type="file" accept="image/*" multiple @change=${this._onFile} />
      </div>
      ${
        compact
          ? html`<details class="more-samples">
              <summary>Samples</summary>
              ${samples}
            </details>`
          : html`<p class="note">${ASK_TEXT.image.dropNote}</p>
              ${samples}`
      }
    </div>`;
  }

  /** The stage, the line under it and Find: loaded with the first image (`ask-find.ts`). */
  private _renderPlan(p: UploadPlan) {
    return html`<ask-find
      .plan=${p}
      .source=${this._shown}
      .tokens=${this._tokens}
      .conversation=${this.conversation}
      ?busy=${this.busy}
    ></ask-find>`;
  }

  /**
   * The image as it will be sent, once whatever is being loaded or prepared right now is
   * ready, so asking straight after picking an image never goes without it.
   */
  async ready(): Promise<UploadPlan | null> {
    let pending: Promise<unknown>;
    do {
      pending = this._pending;
      await pending;
    } while (pending !== this._pending); // another image started meanwhile
    return this._plan;
  }

  /**
   * The image on the stage, the one the plan was made from. `source` is the newest image
   * given, which is still being prepared for a moment: until then the stage, its facts, crops
   * and downloads stay those of the image shown.
   */
  get shownSource(): ImageSource | undefined {
    return this._shown;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source') && this.source) this._pending = this._planSource();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // `settings` changes only when the key is complete (the view passes what the key panel's
    // `ask-key-ready` says), never per keystroke: count again when the key itself changed.
    const key = this.settings?.apiKey;
    const prev = changed.get('settings') as GeminiSettings | undefined;
    if (changed.has('settings') && this._plan && key && prev?.apiKey !== key) void this._count();
  }

  private async _planSource(): Promise<void> {
    const source = this.source;
    if (!source) return;
    this._abort?.abort();
    const abort = new AbortController();
    this._abort = abort;
    this._busy = true;
    this._error = '';
    try {
      // Decoding, resizing and the stage (with Find) load with the first image, not the page.
      const [{ planUpload }, , late] = await Promise.all([
        import('../platform/upload.ts'),
        import('./ask-find.ts'),
        import('./ask-late-styles.ts'),
      ]);
      late.adoptOnce(this.renderRoot, late.compactIntakeStyles);
      const plan = await planUpload(source.blob, this._mode, abort.signal);
      if (abort.signal.aborted) {
        releaseUpload(plan);
        return;
      }
      if (this._plan) releaseUpload(this._plan);
      this._plan = plan;
      this._shown = source;
      this._tokens = { count: plan.estimatedTokens, counted: false };
      this.dispatchEvent(
        new CustomEvent<ImageChangeDetail>('ask-image-change', {
          detail: { plan, source },
          bubbles: true,
          composed: true,
        }),
      );
      void this._count();
    } catch (error) {
      if (abort.signal.aborted) return;
      // The previous image stays: a file that cannot be used does not wipe a good one.
      this._error = error instanceof Error ? error.message : String(error);
    } finally {
      if (!abort.signal.aborted) this._busy = false;
    }
  }

  /** Ask Gemini what the image costs, when a key is set; the estimate stays otherwise. */
  private async _count(): Promise<void> {
    const plan = this._plan;
    const settings = this.settings;
    // An image over the request limit would only be refused: the stop message says why.
    if (!plan || !settings?.apiKey || checkUploadSize(plan, '')) return;
    // A count is a nicety: it never asks whether the key may go to a new host (Ask and
    // "Check key" do), and never goes where the page's policy refuses.
    if (needsConsent(settings.baseUrl) || !connectAllowed(settings.baseUrl)) return;
    this._tokenAbort?.abort();
    const abort = new AbortController();
    this._tokenAbort = abort;
    try {
      // The token counter (and the SDK behind it) loads with the first count.
      const [image, { countTokens }] = await Promise.all([
        plan.inlineImage(),
        import('../lib/gemini/tokens.ts'),
      ]);
      const count = await countTokens(settings, { prompt: '', image }, abort.signal);
      if (!abort.signal.aborted && plan === this._plan) this._tokens = { count, counted: true };
    } catch {
      // A count is a nicety: the estimate already shown stands.
    }
  }

  private _onFile(e: Event): void {
    const files = Array.from((e.target as HTMLInputElement).files ?? []);
    // Several files: each is prepared in turn (and goes with the question, in this order);
    // the stage ends on the last.
    this._pending = this._planEach(files);
  }

  private async _planEach(files: File[]): Promise<void> {
    for (const file of files) {
      this.source = { blob: file, name: file.name };
      await this.updateComplete;
      await this._pending;
    }
  }

  private _onMode(e: Event): void {
    this._mode = (e.target as HTMLInputElement).value as UploadMode;
    if (this.source) this._pending = this._planSource();
  }

  private _onSample(sample: Sample): void {
    this._pending = this._loadSample(sample);
  }

  private async _loadSample(sample: Sample): Promise<void> {
    this._error = '';
    // The prompt comes with the click, not with the image: what a person types while the
    // image is on its way is theirs, and must not be overwritten when it arrives.
    this.dispatchEvent(
      new CustomEvent<SampleDetail>('ask-sample', {
        detail: { prompt: sample.prompt },
        bubbles: true,
        composed: true,
      }),
    );
    try {
      const response = await fetch(new URL(sample.path, document.baseURI));
      if (!response.ok) throw new Error(String(response.status));
      this.source = { blob: await response.blob(), name: `${sample.id}.png` };
      // Let willUpdate start planning it, so ready() goes on to wait for that too.
      await this.updateComplete;
    } catch {
      this._error = ASK_TEXT.image.sampleFailed(sample.title);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-image-panel': AskImagePanel;
  }
  interface GlobalEventHandlersEventMap {
    'ask-image-change': CustomEvent<ImageChangeDetail>;
    'ask-sample': CustomEvent<SampleDetail>;
  }
}
