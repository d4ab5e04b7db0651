import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Pixels } from '../lib/reveal/types.ts';
import { putPixels } from '../platform/canvas.ts';

/**
 * Shows pixels on a canvas scaled to fit the view. A preview and the full-resolution result
 * of the same image take the same space, so the picture does not jump when one replaces the
 * other. The canvas is an image for assistive technology, named by `description`.
 */
@customElement('reveal-canvas')
export class RevealCanvas extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    canvas {
      display: block;
      max-width: 100%;
      max-height: 70vh;
      /* When max-height cuts a tall picture's box, keep its proportions inside the box. */
      object-fit: contain;
      margin: 0 auto;
      background: var(--g-surface);
      border: 1px solid var(--g-border);
      /* One-pixel strokes of a revealed message stay crisp when scaled up. */
      image-rendering: pixelated;
    }
  `;

  /** The pixels to show. */
  @property({ attribute: false }) pixels?: Pixels;

  /** Size the picture is shown at (the source image's), so previews fill the same box. */
  @property({ attribute: false }) displaySize?: { width: number; height: number };

  /** Text alternative: what the picture shows. */
  @property() description = '';

  @query('canvas') private _canvas!: HTMLCanvasElement;

  override render() {
    return html`<canvas role="img" aria-label=${this.description}></canvas>`;
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('pixels') && this.pixels) putPixels(this._canvas, this.pixels);
    const size = this.displaySize ?? this.pixels;
    if (size) {
      // Set through CSSOM: the page's CSP refuses style attributes (and styleMap's first
      // render writes one).
      this._canvas.style.aspectRatio = `${size.width} / ${size.height}`;
      // As wide as the image, the view, or 70vh of height allows, whichever is least.
      this._canvas.style.width = `min(${size.width}px, 100%, calc(70vh * ${size.width} / ${size.height}))`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-canvas': RevealCanvas;
  }
}
