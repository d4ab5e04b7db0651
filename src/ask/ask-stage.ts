import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { cssomStyle } from './cssom-style.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import { CROP_MARGIN, boxToRect, clampRect } from '../lib/boxes/geometry.ts';
import {
  FIT,
  ZOOM_STEP,
  boxPointToImage,
  clampViewport,
  imageRectToBox,
  placeImage,
  zoomAt,
  type Viewport,
} from '../lib/boxes/viewport.ts';
import { type FoundBox, type Rect, type Size } from '../lib/boxes/types.ts';
import { buttonStyles } from '../ui/form-styles.ts';

/** What "Ask about this" carries: a region of the image (its own pixels, as shown) to crop. */
export interface AskAboutDetail {
  /** The region in pixels of the image as shown (after EXIF orientation, before any scaling). */
  region: Rect;
  /** Margin to add on each side, as a fraction of the region (boxes get some, hand-drawn none). */
  margin: number;
  /** The box's label, when the region is a found box. */
  label?: string;
}

/** CSS pixels an arrow key pans the picture, or moves a region edge at the current zoom. */
const KEY_STEP_PX = 24;

/** The smallest region a drag makes, in image pixels (a click is not a region). */
const MIN_REGION = 2;

/**
 * The Ask stage: the image large, with zoom (buttons, wheel, pinch, `+`/`-`/`0`) and pan
 * (drag, arrow keys); the boxes Gemini found drawn over it as buttons named by their labels,
 * with the list of labels beside it; and "Select a region" to drag (or key in) a rectangle.
 * Geometry comes from `lib/boxes`; the stage only draws and listens.
 *
 * @fires ask-about - "Ask about this" or "Ask about this part"; `detail` is an {@link AskAboutDetail}
 * @fires ask-about-soon - A box was selected or "Select a region" turned on: a crop may follow
 * @slot - the line under the picture (name, pixels, bytes, tokens)
 */
@customElement('ask-stage')
export class AskStage extends LitElement {
  // On a phone the zoom toolbar (Zoom out, the zoom, Zoom in, Fit, Select a region) cannot fit
  // one row with its labels, which are kept: smaller text and tighter buttons that grow to fill
  // each row make two even rows (the zoom controls, then Select a region) instead of a ragged
  // wrap.
  static override styles = [
    buttonStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--g-space-2, 0.5rem);
        min-width: 0;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--g-space-2, 0.5rem);
      }
      .toolbar output {
        min-width: 3.5rem;
        text-align: center;
        color: var(--g-muted);
        font-variant-numeric: tabular-nums;
      }
      @media (max-width: 40rem) {
        .toolbar {
          gap: var(--g-space-1, 0.25rem);
          font-size: var(--g-text-small, 0.875rem);
        }
        .toolbar > * {
          flex: 1 1 auto;
        }
        .toolbar button {
          padding-inline: var(--g-space-2, 0.5rem);
          font-size: inherit;
        }
        .toolbar output {
          min-width: 3rem;
        }
      }
      button[aria-pressed='true'] {
        background: var(--g-accent);
        color: var(--g-accent-fg);
        border-color: var(--g-accent);
      }
      .viewport {
        position: relative;
        overflow: hidden;
        height: min(var(--stage-height, min(68vh, 44rem)), var(--fit-height, 100vh));
        min-height: 14rem;
        border-radius: var(--g-radius);
        background:
          repeating-conic-gradient(var(--g-surface) 0 25%, transparent 0 50%) 0 0 / 20px 20px,
          var(--g-bg);
        border: 1px solid var(--g-border);
        touch-action: none;
        cursor: grab;
        user-select: none;
      }
      .viewport.selecting {
        cursor: crosshair;
      }
      .viewport:focus-visible {
        outline: 3px solid var(--g-focus);
        outline-offset: 2px;
      }
      img {
        position: absolute;
        max-width: none;
        image-rendering: auto;
        pointer-events: none;
      }
      .box {
        position: absolute;
        box-sizing: border-box;
        padding: 0;
        border: 2px solid var(--g-box, #ffb300);
        border-radius: 2px;
        background: transparent;
        box-shadow: 0 0 0 1px rgb(0 0 0 / 0.55);
        cursor: pointer;
      }
      .box.active {
        border-color: var(--g-box-active, #00e5ff);
        border-width: 3px;
        background: rgb(0 229 255 / 0.12);
        z-index: 1;
      }
      .box .label {
        position: absolute;
        left: -2px;
        bottom: 100%;
        max-width: 16rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        padding: 0 0.3rem;
        font-size: 0.8rem;
        line-height: 1.4;
        background: var(--g-box, #ffb300);
        color: #111;
        border-radius: 2px 2px 0 0;
      }
      .box.active .label {
        background: var(--g-box-active, #00e5ff);
      }
      .region {
        position: absolute;
        box-sizing: border-box;
        border: 2px dashed var(--g-focus);
        background: rgb(11 87 208 / 0.12);
        box-shadow: 0 0 0 9999px rgb(0 0 0 / 0.35);
      }
      .boxes {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .boxes button {
        padding: 0.2rem 0.6rem;
        font-size: 0.9rem;
      }
      .boxes button.active {
        border-color: var(--g-focus);
        box-shadow: inset 0 0 0 1px var(--g-focus);
      }
      fieldset {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: var(--g-space-2, 0.5rem);
        margin: 0;
        border: 1px solid var(--g-border);
        border-radius: var(--g-radius);
      }
      legend {
        font-weight: 600;
      }
      fieldset label {
        display: flex;
        flex-direction: column;
        font-size: 0.9rem;
      }
      fieldset input {
        width: 6rem;
        font: inherit;
        padding: 0.3rem 0.4rem;
        border: 1px solid var(--g-border);
        border-radius: var(--g-radius);
        background: var(--g-bg);
        color: var(--g-fg);
      }
      .note {
        color: var(--g-muted);
        font-size: 0.9rem;
        margin: 0;
        flex-basis: 100%;
      }
    `,
  ];

  /** The image to show (an object or data URL), already in its EXIF orientation when drawn. */
  @property() src = '';
  /** A name for the image, read out with the picture. */
  @property() name = 'Image';
  /** Boxes found in the image, in Gemini's 0–1000 coordinates. */
  @property({ attribute: false }) boxes: readonly FoundBox[] = [];
  /** The size the whole image is sent at (Auto's downscaled copy), to compare a crop with. */
  @property({ attribute: false }) sentSize?: Size;
  /**
   * The full-resolution image's size (EXIF orientation applied) when `src` shows a smaller
   * copy: boxes, regions and their fields are then in the original's pixels, which is what
   * "Ask about this" crops from.
   */
  @property({ attribute: false }) imageSize?: Size;

  @state() private _natural: Size = { width: 0, height: 0 };
  @state() private _frame: Size = { width: 0, height: 0 };
  @state() private _vp: Viewport = FIT;
  @state() private _active = -1;
  @state() private _selected = -1;
  @state() private _showLabels = true;
  @state() private _selecting = false;
  @state() private _region?: Rect;

  @query('.viewport') private _viewport!: HTMLElement;

  private _resize = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    this._frame = { width, height };
    this._vp = clampViewport(this._size, this._frame, this._vp);
  });
  /** Pointers down on the picture: one pans or draws, two pinch. */
  private _pointers = new Map<number, { x: number; y: number }>();
  private _dragStart?: { x: number; y: number; vp: Viewport; image: { x: number; y: number } };

  /** The image's size in the pixels boxes and regions are measured in. */
  private get _size(): Size {
    return this.imageSize?.width ? this.imageSize : this._natural;
  }

  /** The boxes in pixels of the image as shown. */
  get boxRects(): Rect[] {
    return this.boxes.map((b) => boxToRect(b.box_2d, this._size));
  }

  /** The image's own size in pixels (0 × 0 until it has loaded). */
  get naturalSize(): Size {
    return this._natural;
  }

  /** Current zoom, 1 = the whole image fits. */
  get zoom(): number {
    return this._vp.zoom;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize.disconnect();
  }

  protected override firstUpdated(): void {
    this._resize.observe(this._viewport);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src')) {
      this._vp = FIT;
      this._region = undefined;
    }
    if (changed.has('boxes')) {
      this._active = -1;
      this._selected = -1;
    }
  }

  override render() {
    const placed = placeImage(this._size, this._frame, this._vp);
    const loaded = this._natural.width > 0 && this._size.width > 0;
    // The stage is no taller than the picture fitted to its width: a wide picture left bands
    // of empty checkerboard above and below, and pushed Find under the fold.
    const fitted = loaded && this._frame.width > 0;
    const fitHeight = (this._frame.width * this._size.height) / this._size.width;
    return html`
      <div class="toolbar">
        <button @click=${() => this._zoomBy(1 / ZOOM_STEP)} ?disabled=${this._vp.zoom <= 1}>
          Zoom out
        </button>
        <output aria-label="Zoom">${Math.round(placed.scale * 100)} %</output>
        <button @click=${() => this._zoomBy(ZOOM_STEP)}>Zoom in</button>
        <button
          @click=${this._fit}
          ?disabled=${this._vp.zoom === 1 && !this._vp.panX && !this._vp.panY}
        >
          Fit
        </button>
        <button aria-pressed=${this._selecting ? 'true' : 'false'} @click=${this._toggleSelect}>
          Select a region
        </button>
        ${
          this.boxes.length
            ? html`<label>
                <input
                  type="checkbox"
                  .checked=${this._showLabels}
                  @change=${(e: Event) => (this._showLabels = (e.target as HTMLInputElement).checked)}
                />
                Show labels
              </label>`
            : nothing
        }
      </div>
      <div
        class="viewport ${this._selecting ? 'selecting' : ''}"
        ${cssomStyle(fitted ? { '--fit-height': `${fitHeight}px` } : {})}
        tabindex="0"
        role="group"
        aria-label="Picture: ${this.name}. Plus and minus zoom, arrow keys pan."
        @wheel=${this._onWheel}
        @pointerdown=${this._onPointerDown}
        @pointermove=${this._onPointerMove}
        @pointerup=${this._onPointerUp}
        @pointercancel=${this._onPointerUp}
        @keydown=${this._onKeyDown}
      >
        ${
          this.src
            ? html`<img
                src=${this.src}
                alt=${this.name}
                draggable="false"
                @load=${this._onLoad}
                ${cssomStyle({
                  left: `${placed.x}px`,
                  top: `${placed.y}px`,
                  width: `${placed.width}px`,
                  height: `${placed.height}px`,
                })}
              />`
            : nothing
        }
        ${loaded ? this.boxRects.map((r, i) => this._renderBox(r, i)) : nothing}
        ${this._region && loaded ? this._renderRegion(this._region) : nothing}
      </div>
      ${this.boxes.length ? this._renderList() : nothing}
      ${
        this._selected >= 0 && this.boxes[this._selected]
          ? html`<div class="toolbar">
              <button class="primary" @click=${this._askAboutBox}>Ask about this</button>
              <span class="note">${this.boxes[this._selected].label}</span>
            </div>`
          : nothing
      }
      ${this._selecting ? this._renderRegionFields() : nothing}
      <slot></slot>
    `;
  }

  private _renderBox(rect: Rect, i: number) {
    const r = imageRectToBox(rect, this._size, this._frame, this._vp);
    const label = this.boxes[i].label;
    const active = i === this._active || i === this._selected;
    return html`<button
      class="box ${active ? 'active' : ''}"
      aria-label="Box: ${label}"
      aria-pressed=${i === this._selected ? 'true' : 'false'}
      ${cssomStyle({
        left: `${r.x}px`,
        top: `${r.y}px`,
        width: `${r.width}px`,
        height: `${r.height}px`,
      })}
      @pointerdown=${(e: Event) => e.stopPropagation()}
      @mouseenter=${() => (this._active = i)}
      @mouseleave=${() => (this._active = -1)}
      @focus=${() => (this._active = i)}
      @blur=${() => (this._active = -1)}
      @click=${() => this._select(i)}
    >
      ${this._showLabels ? html`<span class="label" aria-hidden="true">${label}</span>` : nothing}
    </button>`;
  }

  private _renderList() {
    return html`<ul class="boxes" aria-label="Found in the image">
      ${this.boxes.map(
        (b, i) =>
          html`<li>
            <button
              class=${i === this._active || i === this._selected ? 'active' : ''}
              aria-pressed=${i === this._selected ? 'true' : 'false'}
              @mouseenter=${() => (this._active = i)}
              @mouseleave=${() => (this._active = -1)}
              @focus=${() => (this._active = i)}
              @blur=${() => (this._active = -1)}
              @click=${() => this._select(i)}
            >
              ${b.label}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  private _renderRegion(region: Rect) {
    const r = imageRectToBox(region, this._size, this._frame, this._vp);
    return html`<div
      class="region"
      tabindex="0"
      role="group"
      aria-label="Selected region. Arrow keys move it, Shift and arrow keys resize it."
      ${cssomStyle({
        left: `${r.x}px`,
        top: `${r.y}px`,
        width: `${r.width}px`,
        height: `${r.height}px`,
      })}
      @keydown=${this._onRegionKey}
    ></div>`;
  }

  private _renderRegionFields() {
    const r = this._region;
    const edge = (label: string, value: number, set: (v: number) => Rect) =>
      html`<label
        >${label}
        <input
          type="number"
          min="0"
          step="1"
          .value=${String(Math.round(value))}
          ?disabled=${!r}
          @change=${(e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(v)) this._setRegion(set(v));
          }}
      /></label>`;
    const sent = this.sentSize;
    return html`<fieldset>
      <legend>Region, in pixels of the image</legend>
      ${
        r
          ? html`${edge('Left edge', r.x, (v) => ({ ...r, x: v, width: r.x + r.width - v }))}
              ${edge('Top edge', r.y, (v) => ({ ...r, y: v, height: r.y + r.height - v }))}
              ${edge('Right edge', r.x + r.width, (v) => ({ ...r, width: v - r.x }))}
              ${edge('Bottom edge', r.y + r.height, (v) => ({ ...r, height: v - r.y }))}
              <button class="primary" @click=${this._askAboutRegion}>Ask about this part</button>
              <p class="note" role="status">
                ${ASK_TEXT.image.part(Math.round(r.width), Math.round(r.height), sent)}
              </p>`
          : html`<p class="note">${ASK_TEXT.image.selectHint}</p>`
      }
    </fieldset>`;
  }

  private _onLoad(e: Event): void {
    const img = e.target as HTMLImageElement;
    this._natural = { width: img.naturalWidth, height: img.naturalHeight };
    this._vp = FIT;
  }

  private _zoomBy(factor: number, point?: { x: number; y: number }): void {
    this._vp = zoomAt(this._size, this._frame, this._vp, factor, point);
  }

  private _fit(): void {
    this._vp = FIT;
  }

  private _toggleSelect(): void {
    this._selecting = !this._selecting;
    if (this._selecting) this.dispatchEvent(new Event('ask-about-soon'));
    if (!this._selecting) this._region = undefined;
    // A region to start from, so the keyboard alone can move and resize it (a drag replaces it).
    else if (!this._region && this._natural.width) {
      const { width, height } = this._size;
      this._setRegion({ x: width / 4, y: height / 4, width: width / 2, height: height / 2 });
    }
  }

  private _select(i: number): void {
    this._selected = this._selected === i ? -1 : i;
    if (this._selected >= 0) this.dispatchEvent(new Event('ask-about-soon'));
  }

  private _localPoint(e: PointerEvent | WheelEvent): { x: number; y: number } {
    const bounds = this._viewport.getBoundingClientRect();
    return { x: e.clientX - bounds.left, y: e.clientY - bounds.top };
  }

  private _onWheel(e: WheelEvent): void {
    if (!this._natural.width || e.deltaY === 0) return;
    e.preventDefault();
    this._zoomBy(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, this._localPoint(e));
  }

  private _onPointerDown(e: PointerEvent): void {
    if (!this._natural.width || e.button > 0) return;
    this._viewport.setPointerCapture?.(e.pointerId);
    const p = this._localPoint(e);
    this._pointers.set(e.pointerId, p);
    this._dragStart = {
      ...p,
      vp: this._vp,
      image: boxPointToImage(p, this._size, this._frame, this._vp),
    };
  }

  private _onPointerMove(e: PointerEvent): void {
    const previous = this._pointers.get(e.pointerId);
    if (!previous || !this._dragStart) return;
    const p = this._localPoint(e);
    if (this._pointers.size === 2) {
      // Pinch: zoom by how much the distance between the two fingers changed, about their middle.
      const [a, b] = [...this._pointers.values()];
      const other = a === previous ? b : a;
      const before = Math.hypot(previous.x - other.x, previous.y - other.y);
      const after = Math.hypot(p.x - other.x, p.y - other.y);
      this._pointers.set(e.pointerId, p);
      if (before > 0) {
        const middle = { x: (p.x + other.x) / 2, y: (p.y + other.y) / 2 };
        this._zoomBy(after / before, middle);
      }
      return;
    }
    this._pointers.set(e.pointerId, p);
    if (this._selecting) {
      const here = boxPointToImage(p, this._size, this._frame, this._vp);
      const start = this._dragStart.image;
      const rect = {
        x: Math.min(start.x, here.x),
        y: Math.min(start.y, here.y),
        width: Math.abs(here.x - start.x),
        height: Math.abs(here.y - start.y),
      };
      if (rect.width >= MIN_REGION || rect.height >= MIN_REGION) this._setRegion(rect);
      return;
    }
    const { vp } = this._dragStart;
    this._vp = clampViewport(this._size, this._frame, {
      zoom: vp.zoom,
      panX: vp.panX + p.x - this._dragStart.x,
      panY: vp.panY + p.y - this._dragStart.y,
    });
  }

  private _onPointerUp(e: PointerEvent): void {
    this._pointers.delete(e.pointerId);
    if (this._pointers.size === 0) this._dragStart = undefined;
  }

  private _onKeyDown(e: KeyboardEvent): void {
    if (e.target !== this._viewport) return;
    const pan = (dx: number, dy: number) =>
      (this._vp = clampViewport(this._size, this._frame, {
        ...this._vp,
        panX: this._vp.panX + dx,
        panY: this._vp.panY + dy,
      }));
    const actions: Record<string, () => unknown> = {
      '+': () => this._zoomBy(ZOOM_STEP),
      '=': () => this._zoomBy(ZOOM_STEP),
      '-': () => this._zoomBy(1 / ZOOM_STEP),
      '0': () => this._fit(),
      ArrowLeft: () => pan(KEY_STEP_PX, 0),
      ArrowRight: () => pan(-KEY_STEP_PX, 0),
      ArrowUp: () => pan(0, KEY_STEP_PX),
      ArrowDown: () => pan(0, -KEY_STEP_PX),
    };
    const action = actions[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  private _onRegionKey(e: KeyboardEvent): void {
    const r = this._region;
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[
      e.key
    ];
    if (!r || !d) return;
    e.preventDefault();
    e.stopPropagation();
    const scale = placeImage(this._size, this._frame, this._vp).scale;
    const step = Math.max(1, Math.round(KEY_STEP_PX / 2 / scale));
    const [dx, dy] = [d[0] * step, d[1] * step];
    this._setRegion(
      e.shiftKey
        ? { ...r, width: r.width + dx, height: r.height + dy }
        : {
            ...r,
            x: Math.min(Math.max(r.x + dx, 0), this._size.width - r.width),
            y: Math.min(Math.max(r.y + dy, 0), this._size.height - r.height),
          },
    );
  }

  /** Keep a region inside the image, whole pixels, at least one pixel each way. */
  private _setRegion(rect: Rect): void {
    const c = clampRect(rect, this._size);
    const x = Math.round(c.x);
    const y = Math.round(c.y);
    this._region = {
      x,
      y,
      width: Math.max(1, Math.min(Math.round(c.width), this._size.width - x)),
      height: Math.max(1, Math.min(Math.round(c.height), this._size.height - y)),
    };
  }

  private _askAboutBox(): void {
    const i = this._selected;
    this._emitAskAbout({
      region: this.boxRects[i],
      margin: CROP_MARGIN,
      label: this.boxes[i].label,
    });
  }

  private _askAboutRegion(): void {
    if (this._region) this._emitAskAbout({ region: this._region, margin: 0 });
  }

  private _emitAskAbout(detail: AskAboutDetail): void {
    this.dispatchEvent(
      new CustomEvent<AskAboutDetail>('ask-about', { detail, bubbles: true, composed: true }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-stage': AskStage;
  }
  interface GlobalEventHandlersEventMap {
    'ask-about': CustomEvent<AskAboutDetail>;
  }
}
