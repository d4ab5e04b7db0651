import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  confidenceWords,
  ocrMessages,
  ocrProgressLabel,
  readingAnnouncement,
} from '../lib/ocr/messages.ts';
import {
  advanceReadBar,
  readBarStart,
  type ReadBar,
  type ReadStep,
} from '../lib/ocr/read-progress.ts';
import type { Candidates } from '../lib/reveal/reading-candidates.ts';
import { picturesToReadWith, prepareHere, type ReadingPreparer } from '../lib/ocr/reading-order.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { bestReading } from '../lib/ocr/best-reading.ts';
import { encodePng } from '../platform/canvas.ts';
import { readImages, type OcrReading } from '../platform/ocr.ts';
import { textHandoffEvent } from '../ui/events.ts';
import { buttonStyles, visuallyHidden } from '../ui/form-styles.ts';
import { revealLook } from './reveal-look.ts';

/** What "Ask about this text" carries: the text read. */
export interface RevealTextAskDetail {
  text: string;
}

/**
 * "Read text": reads candidate pictures with the on-device OCR, keeps the most confident
 * reading and shows it in a region labelled "Text found" with its confidence in words, a
 * "Copy text" button, and hand-offs to Hide and (through the view, which has the picture) Ask.
 * One labelled progress bar covers the whole read: loading the reader, then each picture.
 *
 * @fires glimpse-text-handoff - "Hide this text" hands the text to Hide
 * @fires reveal-text-ask - "Ask about this text"; the view hands its picture and the text to Ask
 */
@customElement('reveal-text')
export class RevealText extends LitElement {
  static override styles = [
    buttonStyles,
    revealLook,
    css`
      /* Its width is the column it stands in (beside the picture on a wide screen, under it on
         a phone), not the window's: the actions' layout follows that width. */
      :host {
        display: block;
        container-type: inline-size;
      }
      progress {
        flex: 1;
        min-width: 0;
        accent-color: var(--g-accent);
      }
      .bar {
        display: flex;
        align-items: center;
        gap: var(--g-space-2);
      }
      /* Scrolled into sight as they appear, a little clear of the window's edge. */
      progress,
      section {
        scroll-margin-block: var(--g-space-3);
      }
      h3 {
        margin: 0;
        font-size: var(--g-text-body);
      }
      p {
        margin: 0;
      }
      .text {
        margin-block: var(--g-space-1);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: var(--g-text-title);
      }
      .muted {
        color: var(--g-muted);
        font-size: var(--g-text-small);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--g-space-2);
        margin-block-start: var(--g-space-3);
      }
      /* In a narrow column (a phone, or beside the picture), even columns and a last one
         alone across: three buttons of their own widths wrapped into a ragged two and one. */
      @container (max-width: 30rem) {
        .actions {
          display: grid;
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
        .actions > :last-child:nth-child(odd) {
          grid-column: 1 / -1;
        }
      }
      .sr-only {
        ${visuallyHidden}
      }
    `,
  ];

  /** The read's progress bar, while a read is under way. */
  @state() private _bar?: ReadBar;
  @state() private _result?: OcrReading;
  @state() private _error = '';
  @state() private _note = '';
  /** "Stop reading" ended the last read. */
  @state() private _stopped = false;
  private _job?: AbortController;

  override render() {
    const b = this._bar;
    const r = this._result;
    return html`
      ${
        b
          ? html`<label for="progress">${ocrProgressLabel(b.stage, b.picture, b.pictures)}</label>
              <p class="bar">
                <progress id="progress" max="100" .value=${Math.round(b.value * 100)}></progress>
                <button type="button" @click=${this._onStop}>Stop reading</button>
              </p>`
          : nothing
      }
      ${
        r
          ? html`<section class="box" aria-labelledby="found">
              <h3 id="found">Text found</h3>
              <p class="text">${r.text || ocrMessages.nothing}</p>
              ${r.text ? html`<p class="muted">${confidenceWords(r.confidence)}</p>` : nothing}
              ${
                r.text
                  ? html`<p class="actions">
                      <button type="button" @click=${this._onCopy}>Copy text</button>
                      <button type="button" @click=${this._onHide}>Hide this text</button>
                      <button type="button" @click=${this._onAsk}>Ask about this text</button>
                    </p>`
                  : nothing
              }
              <p role="status" class="muted">${this._note}</p>
            </section>`
          : nothing
      }
      ${this._error ? html`<p role="alert">${this._error}</p>` : nothing}
      <p role="status" class="sr-only">
        ${r ? readingAnnouncement(r.text, r.confidence) : this._stopped ? ocrMessages.stopped : nothing}
      </p>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    // Nothing to show (its screen-reader status takes no room): the column it stands in gives
    // it no gap either (reveal-styles.ts).
    this.toggleAttribute('data-empty', !this._bar && !this._result && !this._error);
    // Under a picture that fills the screen, the bar and the reading would appear out of sight:
    // scroll just enough to show each as it appears.
    const appeared = (key: string) => changed.has(key) && changed.get(key) === undefined;
    const shown = appeared('_result') ? 'section' : appeared('_bar') ? 'progress' : '';
    if (shown) this.renderRoot.querySelector(shown)?.scrollIntoView({ block: 'nearest' });
  }

  /** Whether the last read was ended by "Stop reading". */
  get stopped(): boolean {
    return this._stopped;
  }

  /** Whether a read is under way. */
  get busy(): boolean {
    return this._job !== undefined;
  }

  /**
   * Read the pictures `candidates` yields (the one on screen first), each turned dark on light,
   * and show the most confident reading. The signal given to `candidates` ends with the read.
   * `preparer` turns each into what the reader reads (on this thread unless given: the Reveal
   * view has its worker do it, and encode the PNG too).
   */
  async read(
    candidates: (signal: AbortSignal) => Candidates,
    preparer: (signal: AbortSignal) => ReadingPreparer<Blob | Pixels> = () => prepareHere,
  ): Promise<void> {
    this._job?.abort();
    const job = (this._job = new AbortController());
    this._error = this._note = '';
    this._result = undefined;
    this._stopped = false;
    this._bar = readBarStart;
    const step = (s: ReadStep) => {
      if (this._job === job && this._bar) this._bar = advanceReadBar(this._bar, s);
    };
    try {
      const readings = await readImages(
        pngs(candidates(job.signal), preparer(job.signal), step),
        step,
        job.signal,
      );
      if (this._job === job) this._result = bestReading(readings);
    } catch (err) {
      if (job.signal.aborted) return;
      this._error = err instanceof Error ? err.message : String(err);
    } finally {
      if (this._job === job) {
        this._job = undefined;
        this._bar = undefined;
      }
      // The read is over: its signal ends with it, so what was kept for it (the reveal
      // worker) may go idle.
      job.abort();
    }
  }

  /** Forget the reading (a new image was opened); stops a read under way. */
  clear(): void {
    this._job?.abort();
    this._job = undefined;
    this._bar = undefined;
    this._result = undefined;
    this._error = this._note = '';
    this._stopped = false;
  }

  /** A read can take long (a large speckled picture): the person may end it. */
  private _onStop(): void {
    this.clear();
    this._stopped = true;
  }

  private async _onCopy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this._result?.text ?? '');
      this._note = ocrMessages.copied;
    } catch {
      this._note = ocrMessages.copyFailed;
    }
  }

  private _onHide(): void {
    this.dispatchEvent(textHandoffEvent({ target: 'hide', text: this._result?.text ?? '' }));
  }

  private _onAsk(): void {
    this.dispatchEvent(
      new CustomEvent<RevealTextAskDetail>('reveal-text-ask', {
        detail: { text: this._result?.text ?? '' },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

/**
 * Each candidate worth reading, prepared for the reader by `preparer` and encoded as PNG (where
 * the preparer has not), one at a time as it is needed (blank and speckled pictures are left
 * out; see picturesToReadWith). As each is handed to the reader, `step` hears which picture it
 * is of at most how many: those read so far, the candidates not yet begun and the one picture
 * picturesToReadWith may add after them.
 */
async function* pngs(
  candidates: Candidates,
  preparer: ReadingPreparer<Blob | Pixels>,
  step: (s: ReadStep) => void,
): AsyncGenerator<Blob> {
  let picture = 0;
  // After the last candidate, one more picture can still come (the smoothed second look, or
  // the first picture when all were blank): counted until a picture has followed the last.
  let tail = false;
  for await (const prepared of picturesToReadWith(candidates, preparer)) {
    const png = prepared instanceof Blob ? prepared : await encodePng(prepared);
    picture++;
    const left = candidates.left();
    step({ stage: 'picture', picture, pictures: picture + left + (tail ? 0 : 1) });
    if (left === 0) tail = true;
    yield png;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-text': RevealText;
  }
  interface GlobalEventHandlersEventMap {
    'reveal-text-ask': CustomEvent<RevealTextAskDetail>;
  }
}
