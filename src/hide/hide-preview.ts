import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Pixels } from '../lib/reveal/types.ts';
import { putPixels } from '../platform/canvas.ts';

/** The picture Hide makes, shown pixel for pixel (scaled down only to fit the page). */
@customElement('hide-preview')
export class HidePreview extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    canvas {
      display: block;
      max-width: 100%;
      height: auto;
      border: 1px solid var(--g-border);
      image-rendering: pixelated;
      /* Translucent text is shown, and its ΔE judged, over white. */
      background: var(--g-image-backdrop, #fff);
    }
  `;

  /** The picture to show. */
  @property({ attribute: false }) pixels: Pixels | undefined;

  @query('canvas') private _canvas!: HTMLCanvasElement;

  override render() {
    const p = this.pixels;
    const label = p
      ? `Preview of the picture, ${p.width} × ${p.height} pixels`
      : 'Preview of the picture';
    return html`<canvas role="img" aria-label=${label}></canvas>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('pixels') && this.pixels) putPixels(this._canvas, this.pixels);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hide-preview': HidePreview;
  }
}
