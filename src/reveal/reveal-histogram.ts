import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';

/**
 * A channel's histogram (256 bars) with the cut, or the window, marked: it shows where the
 * threshold falls between the background's peak and the message's. Heights are on a log
 * scale, so the few pixels of a message still show next to a background of thousands.
 */
@customElement('reveal-histogram')
export class RevealHistogram extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    svg {
      display: block;
      width: 100%;
      height: 4rem;
      background: var(--g-surface);
      border: 1px solid var(--g-border);
      border-radius: var(--g-radius);
    }
    .bars {
      fill: var(--g-fg);
    }
    .cut {
      stroke: var(--g-danger);
      stroke-width: 1.5;
    }
    .window {
      fill: var(--g-focus);
      opacity: 0.25;
    }
  `;

  /** Count of pixels at each value 0–255. */
  @property({ attribute: false }) counts?: ArrayLike<number>;

  /** Value the cut is drawn at (threshold views). */
  @property({ type: Number }) cut?: number;

  /** Range of values stretched to full contrast (level-window views), both ends included. */
  @property({ attribute: false }) window?: readonly [number, number];

  /** What the histogram is of, e.g. "red": part of its text alternative. */
  @property() channel = '';

  override render() {
    const counts = this.counts;
    if (!counts) return html``;
    let max = 0;
    for (let v = 0; v < 256; v++) max = Math.max(max, Math.log1p(counts[v]));
    let d = '';
    for (let v = 0; v < 256; v++) {
      const h = max ? (Math.log1p(counts[v]) / max) * 100 : 0;
      if (h > 0) d += `M${v} 100V${100 - h}h1V100z`;
    }
    const marks = this.window
      ? svg`<rect class="window" x=${this.window[0]} y="0" width=${this.window[1] - this.window[0] + 1} height="100"></rect>`
      : this.cut === undefined
        ? svg``
        : svg`<line class="cut" x1=${this.cut + 1} x2=${this.cut + 1} y1="0" y2="100" vector-effect="non-scaling-stroke"></line>`;
    return html`<svg
      viewBox="0 0 256 100"
      preserveAspectRatio="none"
      role="img"
      aria-label=${this._label()}
    >
      <path class="bars" d=${d}></path>
      ${marks}
    </svg>`;
  }

  private _label(): string {
    const where = this.window
      ? `, window ${this.window[0]} to ${this.window[1]} marked`
      : this.cut === undefined
        ? ''
        : `, cut after ${this.cut} marked`;
    return `Histogram of ${this.channel} values${where}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-histogram': RevealHistogram;
  }
}
