import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { fieldStyles } from './ask-styles.ts';
import { FIND_SUGGESTIONS } from '../lib/boxes/request.ts';
import { FIND_MESSAGES as M, describeBoxProblem } from '../lib/boxes/messages.ts';
import { boxesInPixels, findWhat, type FindState } from '../lib/boxes/find-turn.ts';
import type { Size } from '../lib/boxes/types.ts';
import { sha256Hex } from '../lib/conversation/hash.ts';
// Static: this element is itself loaded on first use (with the stage), and a dynamic import
// here would make its chunk depend on the entry's stylesheet, which the build inlines.
import { annotateFound } from '../platform/annotate.ts';

/** Detail of `ask-find`: what to find, in the image with this hash. */
export interface FindDetail {
  what: string;
  /** SHA-256 of the image as sent (the boxes will belong to it). */
  image: string;
}

/**
 * "Show me where", beside the stage: "What to find" with "Find" and its two suggestions; once
 * Gemini answered, what it found (or what was wrong with the answer, in plain words), and the
 * boxes kept as an annotated PNG or copied as JSON in pixels of the original image.
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
      .problem {
        color: var(--g-danger);
        font-weight: 600;
      }
    `,
  ];

  /** What the newest Find about this image gave (undefined before any). */
  @property({ attribute: false }) found?: FindState;
  /** SHA-256 of the image on the stage as sent ('' while it is being computed). */
  @property() imageHash = '';
  /** The image as given (full resolution), for "Download annotated PNG". */
  @property({ attribute: false }) original?: Blob;
  /** Its size as shown (EXIF orientation applied), for "Copy boxes as JSON". */
  @property({ attribute: false }) originalSize?: Size;
  /** A name for the image, the download's file name is made from it. */
  @property() name = 'image';
  /** A question is on its way: Find waits. */
  @property({ type: Boolean }) busy = false;

  @state() private _what = '';
  @state() private _note = '';

  override render() {
    const f = this.found;
    return html`
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
          ?disabled=${this.busy || !this.imageHash}
        >
          Find
        </button>
      </div>
      <div class="row">
        ${FIND_SUGGESTIONS.map(
          (s) => html`<button type="button" @click=${() => this._suggest(s)}>${s}</button>`,
        )}
      </div>
      <div role="status">
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
    if (this.busy || !this.imageHash) return;
    this._note = '';
    this.dispatchEvent(
      new CustomEvent<FindDetail>('ask-find', {
        detail: { what: findWhat(this._what), image: this.imageHash },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private async _download(): Promise<void> {
    const f = this.found;
    if (!f || !this.original) return;
    this._note = '';
    try {
      const png = await annotateFound(this.original, f.boxes);
      const url = URL.createObjectURL(png);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${this.name.replace(/\.[^.]*$/, '') || 'image'}-annotated.png`;
      a.click();
      // Long enough for the download to start; the URL is then of no further use.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      this._note = M.downloadFailed;
    }
  }

  private async _copy(): Promise<void> {
    const f = this.found;
    if (!f || !this.originalSize) return;
    const boxes = boxesInPixels(f.boxes, this.originalSize);
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

/** The SHA-256 of an image's bytes as sent: how the conversation names it. */
export async function imageHash(blob: Blob): Promise<string> {
  return sha256Hex(await blob.arrayBuffer());
}
