import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { download } from '../platform/download.ts';
import { customElement, property, state } from 'lit/decorators.js';
import { fieldStyles } from './ask-styles.ts';
import { FIND_SUGGESTIONS } from '../lib/boxes/request.ts';
import { FIND_MESSAGES as M, describeBoxProblem } from '../lib/boxes/messages.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import { boxesInPixels, findStateOf, findWhat } from '../lib/boxes/find-turn.ts';
import type { FoundBox } from '../lib/boxes/types.ts';
import type { Conversation } from '../lib/conversation/types.ts';
import { checkUploadSize, type UploadPlan } from '../platform/upload-plan.ts';
import type { ImageSource } from './ask-image-panel.ts';
import './ask-stage.ts';
import { sha256Hex } from '../lib/conversation/hash.ts';
// Static: this element is itself loaded on first use (with the stage), and a dynamic import
// here would make its chunk depend on the entry's stylesheet, which the build inlines.
import { annotateFound, prepareCrops, releaseCrops } from '../platform/annotate.ts';

/** Detail of `ask-find`: what to find, in the image with this hash. */
export interface FindDetail {
  what: string;
  /** SHA-256 of the image as sent (the boxes will belong to it). */
  image: string;
}

/**
 * The stage with "Show me where": the image as it will be sent (`<ask-stage>`), with the boxes
 * of the newest Find about it drawn over it and its pixels, bytes and tokens under it (or why
 * it is too large to send); then "What to find" with "Find" and its two
 * suggestions, what Gemini found (or what was wrong with the answer, in plain words), and the
 * boxes kept as an annotated PNG or copied as JSON in pixels of the original image. Loaded
 * with the first image, never with the page.
 *
 * @fires ask-find - Find was pressed ({@link FindDetail}).
 */
@customElement('ask-find')
export class AskFind extends LitElement {
  static override styles = [
    fieldStyles,
    css`
      :host {
        display: block;
      }
      .find {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--g-space-2, 0.5rem);
      }
      .find .field {
        flex: 1 1 12rem;
        margin: 0;
      }
      .row {
        margin: var(--g-space-2, 0.5rem) 0 0;
      }
      /* The lines under the picture (its facts, what Auto did): the stage stacks them itself,
         so the line break between them would only add an empty row. */
      ask-stage > br {
        display: none;
      }
      ask-stage > span {
        font-size: var(--g-text-small);
      }
      /* "Find all objects" and "Find all text" are suggestions: small chips under the field. */
      .find + .row {
        gap: var(--g-space-2);
        margin-top: var(--g-space-1);
      }
      .find + .row button {
        padding: var(--g-space-1) var(--g-space-3);
        border-radius: var(--g-radius-pill);
        font-size: var(--g-text-small);
      }
      .problem,
      .error {
        color: var(--g-danger);
        font-weight: 600;
      }
    `,
  ];

  /** The image as it will be sent. */
  @property({ attribute: false }) plan?: UploadPlan;
  /** The image as given (full resolution): what downloads and crops are made from. */
  @property({ attribute: false }) source?: ImageSource;
  /** The conversation: the newest Find about this image draws its boxes. */
  @property({ attribute: false }) conversation?: Conversation;
  /** What the image costs: counted by Gemini, or the estimate until then. */
  @property({ attribute: false }) tokens?: { count: number; counted: boolean };
  /** A question is on its way: Find waits. */
  @property({ type: Boolean }) busy = false;

  @state() private _what = '';
  @state() private _note = '';
  /** SHA-256 of the planned image's bytes, as the conversation names it ('' until known). */
  @state() private _hash = '';
  /** SHA-256 of the image as given (what History gives back when it reopens a conversation). */
  @state() private _sourceHash = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    const { plan, source } = this;
    if (changed.has('plan')) {
      this._hash = '';
      if (plan) {
        void imageHash(plan.blob).then((hash) => {
          if (plan === this.plan) this._hash = hash;
        });
      }
    }
    if (changed.has('source')) {
      this._sourceHash = '';
      if (source) {
        void imageHash(source.blob).then((hash) => {
          if (source === this.source) this._sourceHash = hash;
        });
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    releaseCrops();
  }

  /** A crop may follow: decode the full-resolution image now, not when it is asked for. */
  private _soon(): void {
    if (this.source) void prepareCrops(this.source.blob).catch(() => undefined);
  }

  /** The newest Find about this image (undefined before any). */
  private get _found() {
    return findStateOf(this.conversation, this._hash, this._sourceHash);
  }

  override render() {
    const f = this._found;
    const p = this.plan;
    if (!p) return nothing;
    const t = this.tokens;
    const name = this.source?.name;
    // Said as soon as the image is chosen, not only when Ask is pressed.
    const tooLarge = checkUploadSize(p, '');
    return html`
      ${tooLarge ? html`<p class="error" role="alert">${tooLarge.message}</p>` : nothing}
      <ask-stage
        src=${p.previewUrl ?? ''}
        name="The image as it will be sent: ${name}"
        .boxes=${f?.boxes ?? NO_BOXES}
        .imageSize=${{ width: p.originalWidth, height: p.originalHeight }}
        .sentSize=${{ width: p.width, height: p.height }}
        @ask-about-soon=${this._soon}
      >
        <span data-testid="image-facts"
          >${ASK_TEXT.image.facts({
            name: name ?? '',
            width: p.width,
            height: p.height,
            size: formatBytes(p.bytes),
            mimeType: p.mimeType,
            tokens: t?.count ?? p.estimatedTokens,
            counted: !!t?.counted,
          })}</span
        >
        <br /><span class="note">${p.note}</span>
      </ask-stage>
      <div class="find">
        <div class="field">
          <label for="what">What to find</label>
          <input
            id="what"
            .value=${this._what}
            placeholder=${FIND_SUGGESTIONS[0]}
            autocomplete="off"
            @input=${(e: Event) => (this._what = (e.target as HTMLInputElement).value)}
            @keydown=${this._onKey}
          />
        </div>
        <button
          type="button"
          class="primary"
          @click=${this._find}
          ?disabled=${this.busy || !this._hash}
        >
          Find
        </button>
      </div>
      <div class="row">
        ${FIND_SUGGESTIONS.map(
          (s) => html`<button type="button" @click=${() => this._suggest(s)}>${s}</button>`,
        )}
      </div>
      <div role="status" aria-label="What Find found">
        ${f?.boxes.length ? html`<p class="note">${M.found(f.boxes.length, f.find)}</p>` : nothing}
        ${f?.problems.map((p) => html`<p class="problem">${describeBoxProblem(p)}</p>`)}
        ${this._note ? html`<p class="note">${this._note}</p>` : nothing}
      </div>
      ${
        f?.boxes.length
          ? html`<div class="row">
              <button type="button" @click=${this._download}>Download annotated PNG</button>
              <button type="button" @click=${this._copy}>Copy boxes as JSON</button>
            </div>`
          : nothing
      }
    `;
  }

  private _onKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      this._find();
    }
  }

  private _suggest(what: string): void {
    this._what = what;
    this.renderRoot.querySelector<HTMLInputElement>('#what')?.focus();
  }

  private _find(): void {
    if (this.busy || !this._hash) return;
    this._note = '';
    this.dispatchEvent(
      new CustomEvent<FindDetail>('ask-find', {
        detail: { what: findWhat(this._what), image: this._hash },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private async _download(): Promise<void> {
    const f = this._found;
    const original = this.source?.blob;
    if (!f || !original) return;
    this._note = '';
    try {
      const png = await annotateFound(original, f.boxes);
      const name = this.source?.name.replace(/\.[^.]*$/, '') || 'image';
      download(png, `${name}-annotated.png`);
    } catch {
      this._note = M.downloadFailed;
    }
  }

  private async _copy(): Promise<void> {
    const f = this._found;
    const p = this.plan;
    if (!f || !p) return;
    const boxes = boxesInPixels(f.boxes, { width: p.originalWidth, height: p.originalHeight });
    try {
      await navigator.clipboard.writeText(JSON.stringify(boxes, null, 2));
      this._note = M.copied(boxes.length);
    } catch {
      this._note = M.copyFailed;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-find': AskFind;
  }
  interface GlobalEventHandlersEventMap {
    'ask-find': CustomEvent<FindDetail>;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

/** No boxes: one empty list, so the stage's selection is not reset on every render. */
const NO_BOXES: readonly FoundBox[] = [];

/** The SHA-256 of an image's bytes as sent: how the conversation names it. */
export async function imageHash(blob: Blob): Promise<string> {
  return sha256Hex(await blob.arrayBuffer());
}
