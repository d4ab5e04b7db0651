import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, queryAll, state } from 'lit/decorators.js';
import { planGrid, renderTile, type ViewGrid, type ViewTile } from '../lib/reveal/all-views.ts';
import type { Channel, Pixels } from '../lib/reveal/types.ts';
import { putPixels } from '../platform/canvas.ts';
import { defaultRevealSettings, type RevealSettings } from '../lib/reveal/settings.ts';
import { channelLabels, type RevealSettingsDetail } from './reveal-controls.ts';
import { buttonStyles, visuallyHidden } from '../ui/form-styles.ts';

/**
 * What a tile shows, without its channel: its caption under the picture, in a row that the
 * channel's name heads ("bit 0"). An automatic cut that shows the background white is inverted
 * when it must be; the settings it opens say so, the caption need not (it stays two lines).
 */
export function tileCaption(tile: ViewTile): string {
  const v = tile.view;
  switch (v.kind) {
    case 'threshold':
      return `threshold ${v.threshold}`;
    case 'bit':
      return `bit ${v.bit}`;
    case 'colour-map':
      return 'random colour map';
    case 'equalise':
      return 'equalised';
  }
}

/** What a tile shows, in words: its button's name ("Red, bit 0"), channel and caption. */
export function tileLabel(tile: ViewTile): string {
  return `${channelLabels[tile.channel]}, ${tileCaption(tile)}`;
}

/**
 * The tiles in rows of one channel each, in the grid's channel order: first the views with
 * two-line captions (the automatic cut, the colour map, equalised), then bits 0 to 7, so that
 * on a phone they share one row of pictures and the bits' rows are one line shorter.
 */
export function byChannel(tiles: readonly ViewTile[]): [Channel, ViewTile[]][] {
  const rows = new Map<Channel, ViewTile[]>();
  for (const tile of tiles) rows.set(tile.channel, [...(rows.get(tile.channel) ?? []), tile]);
  const bitsLast = (t: ViewTile) => (t.view.kind === 'bit' ? 1 : 0);
  return [...rows].map(([channel, row]) => [
    channel,
    row.toSorted((a, b) => bitsLast(a) - bitsLast(b)),
  ]);
}

/** The Reveal settings that show a tile's view (the rest kept from `settings`). */
export function tileSettings(tile: ViewTile, settings: RevealSettings): RevealSettings {
  const { channel, view: v } = tile;
  const base = { ...settings, mapChannel: undefined, channel };
  switch (v.kind) {
    case 'threshold':
      return { ...base, mode: 'threshold', threshold: v.threshold, invert: v.invert };
    case 'bit':
      return { ...base, mode: 'bit-plane', bit: v.bit };
    case 'colour-map':
      return { ...base, mode: 'colour-map', mapChannel: channel };
    case 'equalise':
      return { ...base, mode: 'equalise' };
  }
}

/**
 * Tiles drawn between two yields to the page: half the grid, about 50 ms at 12 MP. Measured:
 * a yield after every channel let the page paint in between and doubled the time to the full
 * grid; half and half keeps it at a few frames with input answered midway.
 */
const TILES_PER_TASK = 33;

/**
 * Let the page handle input and paint, then go on: a message is a new task at once, where a
 * chain of `setTimeout(0)` is clamped to 4 ms a step.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}

/**
 * "All views": a grid of small pictures, every channel through every revealing view, computed
 * from a screen-sized copy. Each picture is a button named by what it shows; choosing one
 * makes it the current view.
 *
 * @fires reveal-settings - a tile was chosen; `detail.settings` shows its view
 */
@customElement('reveal-views')
export class RevealViews extends LitElement {
  // A matrix to scan at a glance, not a list to scroll: small pictures grouped by channel, the
  // channel named once as the group's heading, each picture captioned by its view alone
  // ("bit 0"); the button's name is still the whole "Red, bit 0" (the channel said to screen
  // readers only, then the caption). Measured with the lesson's image, the whole grid is about
  // 710 px at 1280 × 800 (one window) and 1,670 px at 360 × 780 (about two); the pictures
  // beside their full names before made 3,000 px and 5,700 px.
  static override styles = [
    buttonStyles,
    css`
      /* A phone: the channel's name on a line of its own over three rows of four pictures
         (beside them, "Distance from background" would break inside its words). */
      .channel {
        grid-template-columns: repeat(4, minmax(0, 1fr));
      }
      h4 {
        grid-column: 1 / -1;
      }
      /* Wider: the name in a column of its own, as a table's row heading, beside two rows
         of six pictures, and from 75rem (1200 px) beside one row of eleven. */
      @media (min-width: 36rem) {
        .channel {
          grid-template-columns: 7rem repeat(6, minmax(0, 1fr));
        }
        h4 {
          grid-column: 1;
          grid-row: span 2;
        }
      }
      @media (min-width: 75rem) {
        .channel {
          grid-template-columns: 7rem repeat(11, minmax(0, 1fr));
        }
        h4 {
          grid-row: auto;
        }
      }
      .grid {
        display: grid;
        gap: var(--g-space-2);
        padding: 0;
        margin: 0;
        list-style: none;
      }
      .channel {
        display: grid;
        gap: var(--g-space-1);
      }
      h4 {
        margin: 0;
        padding-block: 2px;
        font-size: var(--g-text-small);
        line-height: 1.2;
      }
      button {
        display: grid;
        grid-template-rows: auto 1fr;
        align-content: start;
        height: 100%;
        gap: 2px;
        width: 100%;
        min-width: 0;
        padding: 2px;
        text-align: start;
        font-size: 0.75rem;
        line-height: 1.2;
        background: var(--g-bg);
      }
      .caption {
        padding-inline: 2px;
        overflow-wrap: anywhere;
      }
      .sr-only {
        ${visuallyHidden}
      }
      .muted {
        color: var(--g-muted);
        font-size: var(--g-text-small);
        margin: 0 0 var(--g-space-2);
      }
      canvas {
        display: block;
        width: 100%;
        height: auto;
        /* The image's own shape (set from the image), kept between 4 : 3 and 2 : 1: a tall or
           square picture is shown whole in a 4 : 3 box, so rows stay short; 3 : 2 on a phone,
           which puts the six channels in about two windows. */
        aspect-ratio: clamp(1.3334, var(--image-ratio, 1.3334), 2);
        object-fit: contain;
        background: var(--g-surface);
      }
      @media (max-width: 35.99rem) {
        canvas {
          aspect-ratio: clamp(1.5, var(--image-ratio, 1.5), 2);
        }
      }
    `,
  ];

  /** The image at full resolution. */
  @property({ attribute: false }) source?: Pixels;

  /** The current settings: a chosen tile changes only what its view needs. */
  @property({ attribute: false }) settings: RevealSettings = defaultRevealSettings;

  @state() private _grid?: ViewGrid;
  /** The grid's tiles as shown, a row per channel: the order the canvases are painted in. */
  private _rows: [Channel, ViewTile[]][] = [];
  @state() private _busy = false;
  @queryAll('canvas') private _canvases!: NodeListOf<HTMLCanvasElement>;
  private _job?: AbortController;

  override render() {
    const rows = this._rows;
    return html`<p role="status" class="muted">
        ${this._busy ? 'Drawing all views…' : `${this._grid?.tiles.length ?? 0} views.`}
      </p>
      <ul class="grid" aria-busy=${this._busy ? 'true' : 'false'}>
        ${rows.map(
          ([channel, row]) =>
            html`<li class="channel">
              <h4>${channelLabels[channel]}</h4>
              ${row.map(
                (tile) =>
                  html`<button type="button" @click=${() => this._onChoose(tile)}>
                    <canvas aria-hidden="true"></canvas>
                    <span class="caption"
                      ><span class="sr-only">${channelLabels[channel]}, </span
                      >${tileCaption(tile)}</span
                    >
                  </button>`,
              )}
            </li>`,
        )}
      </ul>`;
  }

  override disconnectedCallback(): void {
    this._job?.abort();
    super.disconnectedCallback();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) {
      this._job?.abort();
      this._grid = this.source ? planGrid(this.source) : undefined;
      this._busy = this._grid !== undefined;
      this._rows = byChannel(this._grid?.tiles ?? []);
      // Set through CSSOM: the page's CSP refuses style attributes.
      if (this.source) {
        this.style.setProperty('--image-ratio', String(this.source.width / this.source.height));
      }
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('source') && this._grid) void this._paint(this._grid);
  }

  /** Render and paint every tile, a few per task; a newer image cancels the rest. */
  private async _paint(grid: ViewGrid): Promise<void> {
    const job = (this._job = new AbortController());
    const canvases = [...this._canvases];
    // The canvases stand in the order of the rows shown, which is not the grid's own.
    const tiles = this._rows.flatMap(([, row]) => row);
    try {
      for (let i = 0; i < tiles.length; i++) {
        if (i > 0 && i % TILES_PER_TASK === 0) await yieldToPage();
        if (job.signal.aborted) return;
        putPixels(canvases[i], renderTile(grid, tiles[i], this.settings.seed));
      }
    } finally {
      if (this._job === job) this._busy = false;
    }
  }

  private _onChoose(tile: ViewTile): void {
    this.dispatchEvent(
      new CustomEvent<RevealSettingsDetail>('reveal-settings', {
        detail: { settings: tileSettings(tile, this.settings), moving: false },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-views': RevealViews;
  }
}
