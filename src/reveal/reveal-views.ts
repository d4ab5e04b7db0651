import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, queryAll, state } from 'lit/decorators.js';
import { planGrid, renderTile, type ViewGrid, type ViewTile } from '../lib/reveal/all-views.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { putPixels } from '../platform/canvas.ts';
import { defaultRevealSettings, type RevealSettings } from '../lib/reveal/settings.ts';
import { channelLabels, type RevealSettingsDetail } from './reveal-controls.ts';
import { buttonStyles } from '../ui/form-styles.ts';

/** What a tile shows, in words: its button's name ("Red, bit 0"). */
export function tileLabel(tile: ViewTile): string {
  const channel = channelLabels[tile.channel];
  const v = tile.view;
  switch (v.kind) {
    case 'threshold':
      return `${channel}, threshold ${v.threshold}${v.invert ? ', inverted' : ''}`;
    case 'bit':
      return `${channel}, bit ${v.bit}`;
    case 'colour-map':
      return `${channel}, random colour map`;
    case 'equalise':
      return `${channel}, equalised`;
  }
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
  // A tile is as tall as its row, the picture on top: a name on two lines keeps the row even.
  // At least 13.5rem wide, so that the longest names ("Distance from background, threshold 128,
  // inverted") break into two lines, not three (9rem made five of them three lines at 1280 px).
  // Up to 48rem (a phone, a narrow window) each picture has its name beside it, as a list, one
  // column at 360 px and two from about 690 px: there, three across wrapped names such as
  // "Distance from background, random colour map" to four lines, and two across (the name
  // under the picture) still to three. Beside a 6rem picture every name fits in two lines; the
  // 66 rows make a page of about 5,700 px at 360 px, shorter than the 7,000 px two across with
  // names under took.
  static override styles = [
    buttonStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(13.5rem, 1fr));
        gap: var(--g-space-2);
        padding: 0;
        margin: 0;
        list-style: none;
      }
      button {
        display: grid;
        align-content: start;
        height: 100%;
        gap: var(--g-space-1);
        width: 100%;
        padding: var(--g-space-1);
        text-align: start;
        font-size: var(--g-text-small);
        background: var(--g-bg);
      }
      .muted {
        color: var(--g-muted);
        font-size: var(--g-text-small);
        margin: 0 0 var(--g-space-2);
      }
      canvas {
        width: 100%;
        height: auto;
        aspect-ratio: 4 / 3;
        object-fit: contain;
        background: var(--g-surface);
      }
      @media (max-width: 48rem) {
        .grid {
          grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
          gap: var(--g-space-1) var(--g-space-2);
        }
        button {
          grid-template-columns: 6rem minmax(0, 1fr);
          align-items: center;
          gap: var(--g-space-3);
        }
      }
    `,
  ];

  /** The image at full resolution. */
  @property({ attribute: false }) source?: Pixels;

  /** The current settings: a chosen tile changes only what its view needs. */
  @property({ attribute: false }) settings: RevealSettings = defaultRevealSettings;

  @state() private _grid?: ViewGrid;
  @state() private _busy = false;
  @queryAll('canvas') private _canvases!: NodeListOf<HTMLCanvasElement>;
  private _job?: AbortController;

  override render() {
    const tiles = this._grid?.tiles ?? [];
    return html`<p role="status" class="muted">
        ${this._busy ? 'Drawing all views…' : `${tiles.length} views.`}
      </p>
      <ul class="grid" aria-busy=${this._busy ? 'true' : 'false'}>
        ${tiles.map(
          (tile) =>
            html`<li>
              <button type="button" @click=${() => this._onChoose(tile)}>
                <canvas aria-hidden="true"></canvas>
                <span>${tileLabel(tile)}</span>
              </button>
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
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('source') && this._grid) void this._paint(this._grid);
  }

  /** Render and paint every tile, a few per task; a newer image cancels the rest. */
  private async _paint(grid: ViewGrid): Promise<void> {
    const job = (this._job = new AbortController());
    const canvases = [...this._canvases];
    try {
      for (let i = 0; i < grid.tiles.length; i++) {
        if (i > 0 && i % TILES_PER_TASK === 0) await yieldToPage();
        if (job.signal.aborted) return;
        putPixels(canvases[i], renderTile(grid, grid.tiles[i], this.settings.seed));
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
