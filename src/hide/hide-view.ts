import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { download } from '../platform/download.ts';
import { customElement, state } from 'lit/decorators.js';
import { solveContrast, type ContrastChannel } from '../lib/color/contrast.ts';
import { formatHex, parseHex } from '../lib/color/hex.ts';
import { DEFAULT_HIDE_OPTIONS, type HideOptions } from '../lib/hide/options.ts';
import { encodePng } from '../platform/canvas.ts';
import { drawMessage, type DrawnMessage } from '../platform/draw-text.ts';
import { handoffEvent, type HandoffDetail } from '../ui/events.ts';
import { focusWhenShown } from '../ui/focus-when-shown.ts';
import type { ContrastRequest } from './hide-contrast.ts';
import { hideStyles } from './hide-styles.ts';
import './hide-contrast.ts';
import './hide-form.ts';
import './hide-preview.ts';

/** The prompt Ask gets with a hidden message, the lesson's question. */
export const readPrompt = 'Read what you see on this image.';

/** File name of the picture Hide makes. */
const fileName = 'hidden-message.png';

/**
 * Pictures larger than this (in pixels) are redrawn once typing pauses: drawing and reading
 * back a 16-megapixel canvas takes longer than a keystroke should.
 */
const REDRAW_AT_ONCE_MAX = 1_000_000;

/** How long typing must pause before a large picture is redrawn, in milliseconds. */
const REDRAW_PAUSE_MS = 150;

/**
 * The Hide view: the lesson's hidden-message generator. The person sets the message and two
 * nearly equal colours, sees how far apart they are, and takes away a PNG that holds exactly
 * those two colours, or hands it to Reveal or Ask.
 *
 * @fires glimpse-handoff - "Reveal it" and "Ask Gemini to read it" hand the PNG over.
 */
@customElement('hide-view')
export class HideView extends LitElement {
  static override styles = [
    hideStyles,
    css`
      /* The picture first and large, like an image editor's canvas; the settings in a panel
         beside it (under it on a phone). */
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(18rem, 26rem);
        gap: var(--g-space-4) var(--g-space-5);
        align-items: start;
      }
      @media (min-width: 48.01rem) {
        /* The preview stays in sight while the panel beside it is scrolled. */
        .stage {
          position: sticky;
          top: var(--g-space-4);
        }
      }
      .intro {
        margin: 0 0 var(--g-space-4);
      }
      .picture {
        display: grid;
        place-items: center;
        padding: var(--g-space-3);
        border-radius: var(--g-radius-large);
        background: var(--g-surface);
      }
      .panel {
        display: grid;
        gap: var(--g-space-4);
        padding: var(--g-space-4);
        border: 1px solid var(--g-border);
        border-radius: var(--g-radius-large);
        background: var(--g-surface);
        min-width: 0;
      }
      .panel > * {
        min-width: 0;
      }
      /* The actions as a toolbar under the picture: the download first, hand-offs after. */
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--g-space-2);
        margin: var(--g-space-3) 0 var(--g-space-1);
      }
      .status {
        min-height: 1.5em;
        margin: var(--g-space-1) 0;
      }
      /* Last, so it overrides the rules above on a phone. */
      @media (max-width: 48rem) {
        /* As Reveal's toolbar: the download across, the hand-offs in two even columns and a
           last one alone across too, not four buttons of their own widths in two ragged rows. */
        .actions {
          display: grid;
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
        .actions .primary,
        .actions > :last-child:nth-child(even) {
          grid-column: 1 / -1;
        }
        .layout {
          grid-template-columns: minmax(0, 1fr);
          row-gap: var(--g-space-2);
        }
        /* On a phone: picture and actions, then the settings, then the fine print. */
        .stage {
          display: contents;
        }
        .stage > .note {
          order: 2;
        }
        /* The phone's width goes to the fields, not to a second frame around them. */
        .panel {
          order: 1;
          padding: 0;
          border: none;
          background: none;
        }
      }
    `,
  ];

  @state() private _options: HideOptions = { ...DEFAULT_HIDE_OPTIONS };
  @state() private _channel: ContrastChannel = 'red';
  /** The ΔE the person asked for; undefined once the colours were set another way. */
  @state() private _contrast: number | undefined;
  @state() private _drawn: DrawnMessage | undefined;
  @state() private _error = '';
  @state() private _status = '';
  /** A button's work is running; further clicks are ignored until it ends. */
  private _busy = false;
  /** A large picture is waiting to be redrawn; what is shown is out of date. */
  @state() private _pending = false;

  /** The PNG of the current picture, made once per picture when first needed. */
  private _png: Promise<Blob> | undefined;
  private _redraw: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    clearTimeout(this._redraw);
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('_options') || (!this._drawn && !this._error)) this._scheduleDraw();
  }

  override render() {
    const o = this._options;
    // Off only while there is no current picture; a click during work is ignored instead,
    // so a keyboard user's focus never falls off a button that turned disabled under it.
    const off = this._pending || !this._drawn;
    return html`<h2>Hide</h2>
      <p class="note intro">
        Write a message in a colour almost equal to the background, as the lesson does, then reveal
        it or ask Gemini to read it.
      </p>
      <div class="layout">
        <div class="stage">
          <div class="picture">
            <hide-preview .pixels=${this._drawn?.pixels}></hide-preview>
          </div>
          ${this._error ? html`<p class="error" role="alert">${this._error}</p>` : nothing}
          <div class="actions">
            <button class="primary" ?disabled=${off} @click=${this._onDownload}>
              Download PNG
            </button>
            <button ?disabled=${off} @click=${this._onCopy}>Copy image</button>
            <button ?disabled=${off} @click=${this._onReveal}>Reveal it</button>
            <button ?disabled=${off} @click=${this._onAsk}>Ask Gemini to read it</button>
          </div>
          <p class="status" role="status">
            ${this._pending ? 'Drawing the picture…' : this._status}
          </p>
          <p class="note">
            The PNG holds exactly the two colours set here and no others: the text is drawn, its
            antialiased edges are cut at 50 % coverage, and every pixel is painted either the text
            colour or the background colour.
          </p>
          <p class="note">
            <strong>Warning:</strong> JPEG compression and screenshots can erase differences of a
            few levels (and screenshots may be colour-managed). Share the PNG file itself.
          </p>
        </div>
        <div class="panel">
          <hide-form .options=${o} @hide-options-change=${this._onOptions}></hide-form>
          <hide-contrast
            .text=${parseHex(o.text)!}
            .textAlpha=${o.textAlpha}
            .background=${parseHex(o.background)!}
            .contrast=${this._contrast}
            .channel=${this._channel}
            @hide-contrast-change=${this._onContrast}
          ></hide-contrast>
        </div>
      </div>`;
  }

  /** Hide makes images rather than taking them; nothing is handed to it. */
  receive(_detail: HandoffDetail): void {}

  /** Take text handed over from another view (Reveal's "Hide this text") as the message. */
  receiveText(text: string): void {
    this._options = { ...this._options, message: text };
    this._status = '';
    // Focus the message it now holds, in place of the button left behind in Reveal.
    void this.updateComplete.then(() =>
      focusWhenShown(this, () => this.renderRoot.querySelector('hide-form')?.focusMessage()),
    );
  }

  /** Draw now when the picture is small, or once typing pauses when it is large. */
  private _scheduleDraw(): void {
    clearTimeout(this._redraw);
    this._png = undefined;
    const { width, height } = this._options;
    if (width * height <= REDRAW_AT_ONCE_MAX || !this._drawn) {
      this._pending = false;
      this._draw();
      return;
    }
    this._pending = true;
    this._redraw = setTimeout(() => {
      this._pending = false;
      this._draw();
    }, REDRAW_PAUSE_MS);
  }

  private _draw(): void {
    this._png = undefined;
    try {
      this._drawn = drawMessage(this._options);
      this._error = '';
    } catch (err) {
      this._drawn = undefined;
      this._error = err instanceof Error ? err.message : String(err);
    }
  }

  private _onOptions(e: CustomEvent<Partial<HideOptions>>): void {
    const next = { ...this._options, ...e.detail };
    if (
      e.detail.text !== undefined ||
      e.detail.background !== undefined ||
      e.detail.textAlpha !== undefined
    ) {
      this._contrast = undefined;
    }
    this._options = next;
    this._status = '';
  }

  private _onContrast(e: CustomEvent<ContrastRequest>): void {
    const { contrast, channel } = e.detail;
    const solved = solveContrast(parseHex(this._options.background)!, contrast, channel);
    this._channel = channel;
    this._contrast = contrast;
    this._options = { ...this._options, text: formatHex(solved.text), textAlpha: solved.alpha };
    this._status = '';
  }

  /** The current picture as PNG bytes (throws when there is no picture). */
  private _pngBlob(): Promise<Blob> {
    const drawn = this._drawn;
    if (!drawn || this._pending)
      return Promise.reject(new Error('The picture is still being drawn.'));
    this._png ??= encodePng(drawn.pixels);
    return this._png;
  }

  private async _onDownload(): Promise<void> {
    await this._run(async () => {
      download(await this._pngBlob(), fileName);
      this._status = `Saved ${fileName}.`;
    });
  }

  private async _onCopy(): Promise<void> {
    await this._run(async () => {
      try {
        if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') {
          throw new Error('no clipboard');
        }
        // The item takes the PNG as a promise, so the copy still counts as part of the click.
        await navigator.clipboard.write([new ClipboardItem({ 'image/png': this._pngBlob() })]);
        this._status = 'Copied the image. Paste it where you like.';
      } catch {
        this._status =
          'This browser refused to copy the image (it may need permission, or a secure page). Use Download PNG instead.';
      }
    });
  }

  private async _onReveal(): Promise<void> {
    await this._run(async () => {
      const image = await this._pngBlob();
      this.dispatchEvent(handoffEvent({ target: 'reveal', image, name: fileName }));
    });
  }

  private async _onAsk(): Promise<void> {
    await this._run(async () => {
      const image = await this._pngBlob();
      this.dispatchEvent(
        handoffEvent({ target: 'ask', image, name: fileName, prompt: readPrompt }),
      );
    });
  }

  /** Run a button's work, one at a time, saying plainly if it fails. */
  private async _run(work: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._status = '';
    try {
      await work();
    } catch (err) {
      this._status = err instanceof Error ? err.message : String(err);
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hide-view': HideView;
  }
}
