import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Pixels } from '../lib/reveal/types.ts';
import { putPixels } from '../platform/canvas.ts';
import { buttonStyles } from '../ui/form-styles.ts';
import { revealLook } from './reveal-look.ts';
import { percent, zoomIn, zoomOut, zoomWords } from './reveal-zoom.ts';

/**
 * Shows pixels on a canvas scaled to fit the view, or at a zoom the person steps to (the bar
 * under it: Zoom out, Zoom in, Fit), in a box that scrolls. A preview and the full-resolution
 * result of the same image take the same space, so the picture does not jump when one
 * replaces the other. The canvas is an image for assistive technology, named by `description`.
 * It tells the page, by a `reveal-scale` event (detail: device pixels per image pixel), the
 * scale the picture is shown at, so a big picture need not be painted larger than that.
 */
@customElement('reveal-canvas')
export class RevealCanvas extends LitElement {
  static override styles = [
    buttonStyles,
    revealLook,
    css`
      :host {
        display: block;
        /* The tallest a fitted picture is drawn: the window less what stands above and under
           it on a wide screen (the heading, the image line, the toolbar, the zoom bar; about
           23rem), so at 1280 × 800 the whole picture and its zoom bar are in sight; never
           under 12rem in a very short window. */
        --fit-height: max(12rem, 100vh - 23rem);
      }
      canvas {
        display: block;
        max-width: 100%;
        max-height: var(--fit-height);
        /* When max-height cuts a tall picture's box, keep its proportions inside the box. */
        object-fit: contain;
        margin: 0 auto;
        background: var(--g-surface);
        border: 1px solid var(--g-border);
        /* One-pixel strokes of a revealed message stay crisp when scaled up. */
        image-rendering: pixelated;
      }
      /* Zoomed: the picture at its own scale in a box that scrolls, as tall as a fitted one. */
      .zoomed {
        max-height: var(--fit-height);
        overflow: auto;
      }
      .zoomed canvas {
        max-width: none;
        max-height: none;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: center;
        gap: var(--g-space-2);
        margin: var(--g-space-2) 0 0;
      }
      .scale {
        min-width: 6rem;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      /* On a phone: Zoom out and Zoom in in two even columns, the scale and Fit under them,
         not a ragged wrap nor labels broken over two lines. */
      @media (max-width: 48rem) {
        .bar {
          display: grid;
          grid-template-columns: repeat(2, minmax(0, 1fr));
        }
        .scale {
          order: 1;
          min-width: 0;
        }
        .bar button:last-child {
          order: 2;
        }
      }
    `,
  ];

  /** The pixels to show. */
  @property({ attribute: false }) pixels?: Pixels;

  /** Size the picture is shown at (the source image's), so previews fill the same box. */
  @property({ attribute: false }) displaySize?: { width: number; height: number };

  /** Text alternative: what the picture shows. */
  @property() description = '';

  /** The zoom the person chose, or undefined to fit the view. */
  @state() private _zoom: number | undefined;
  /** The scale the fitted picture is shown at, measured once it is laid out. */
  @state() private _fit = 1;

  @query('canvas') private _canvas!: HTMLCanvasElement;
  /** The scale last told the page (see {@link _tellScale}). */
  private _told?: number;
  private _resize = new ResizeObserver(() => this._measure());

  override disconnectedCallback(): void {
    this._resize.disconnect();
    super.disconnectedCallback();
  }

  override render() {
    const zoom = this._zoom;
    const scale = zoom ?? this._fit;
    const zoomed = zoom !== undefined;
    // Zoomed, the box scrolls: it takes the keyboard's focus so arrow keys can move it.
    return html`<div
        class=${zoomed ? 'zoomed' : 'fitted'}
        tabindex=${zoomed ? '0' : nothing}
        role=${zoomed ? 'group' : nothing}
        aria-label=${zoomed ? zoomWords.scroller : nothing}
      >
        <canvas role="img" aria-label=${this.description}></canvas>
      </div>
      <p class="bar">
        <button type="button" ?disabled=${!zoomed} @click=${this._onZoomOut}>
          ${zoomWords.zoomOut}
        </button>
        <span class="scale" role="status">${zoomWords.scale(percent(scale), !zoomed)}</span>
        <button type="button" ?disabled=${zoomIn(scale) === undefined} @click=${this._onZoomIn}>
          ${zoomWords.zoomIn}
        </button>
        <button type="button" aria-pressed=${zoomed ? 'false' : 'true'} @click=${this._onFit}>
          ${zoomWords.fit}
        </button>
      </p>`;
  }

  override firstUpdated(): void {
    this._resize.observe(this._canvas);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    // A new image opens fitted, like the first.
    if (changed.has('displaySize') && changed.get('displaySize') !== undefined) {
      this._zoom = undefined;
    }
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('pixels') && this.pixels) putPixels(this._canvas, this.pixels);
    const size = this.displaySize ?? this.pixels;
    if (size) {
      // Set through CSSOM: the page's CSP refuses style attributes (and styleMap's first
      // render writes one).
      this._canvas.style.aspectRatio = `${size.width} / ${size.height}`;
      // Fitted: as wide as the image, the view, or the fitted height allows, whichever is least.
      this._canvas.style.width =
        this._zoom === undefined
          ? `min(${size.width}px, 100%, calc(var(--fit-height) * ${size.width} / ${size.height}))`
          : `${size.width * this._zoom}px`;
    }
    this._tellScale();
  }

  /**
   * Tell the page (a `reveal-scale` event) how many device pixels an image pixel takes on
   * screen, once the canvas is laid out, and again whenever that changes.
   */
  private _tellScale(): void {
    const size = this.displaySize ?? this.pixels;
    // Fitted: measured now, not when the resize observer next reports, so that the page knows
    // before it paints a new image's first full-size view.
    const fit = this._canvas.clientWidth / (size?.width ?? 1);
    if (!size || (this._zoom === undefined && !fit)) return;
    const scale = (this._zoom ?? fit) * devicePixelRatio;
    if (scale === this._told) return;
    this._told = scale;
    this.dispatchEvent(new CustomEvent<number>('reveal-scale', { detail: scale }));
  }

  /** The fitted scale: the canvas's width on screen over the image's. */
  private _measure(): void {
    const size = this.displaySize ?? this.pixels;
    if (this._zoom !== undefined || !size || !this._canvas.clientWidth) return;
    // clientWidth leaves out the border, which is drawn around the picture.
    this._fit = this._canvas.clientWidth / size.width;
  }

  private _onZoomIn(): void {
    const next = zoomIn(this._zoom ?? this._fit);
    if (next !== undefined) this._zoomTo(next);
  }

  private _onZoomOut(): void {
    if (this._zoom !== undefined) this._zoomTo(zoomOut(this._zoom, this._fit));
  }

  private _onFit(): void {
    this._zoomTo(undefined);
  }

  /** Change the zoom, keeping the point at the middle of the box in the middle. */
  private async _zoomTo(zoom: number | undefined): Promise<void> {
    const box = this._canvas.parentElement!;
    const middle = (scroll: number, client: number, whole: number) =>
      whole > client ? (scroll + client / 2) / whole : 0.5;
    const x = middle(box.scrollLeft, box.clientWidth, box.scrollWidth);
    const y = middle(box.scrollTop, box.clientHeight, box.scrollHeight);
    this._zoom = zoom;
    await this.updateComplete;
    box.scrollLeft = x * box.scrollWidth - box.clientWidth / 2;
    box.scrollTop = y * box.scrollHeight - box.clientHeight / 2;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-canvas': RevealCanvas;
  }
}
