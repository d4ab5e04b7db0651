import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  defaultRevealSettings,
  type RevealMode,
  type RevealSettings,
} from '../lib/reveal/settings.ts';
import { type Channel } from '../lib/reveal/types.ts';
import './reveal-histogram.ts';

/** Visible names of the views, in menu order. */
export const modeLabels: Record<RevealMode, string> = {
  threshold: 'Threshold',
  'level-window': 'Level window',
  'bit-plane': 'Bit plane',
  'colour-map': 'Random colour map',
  equalise: 'Equalised',
  original: 'Original',
};

/** The View menu's value while the picture is Auto reveal's mask (not a settings mode). */
const autoOption = 'auto';

/** Visible names of the channels, in menu order. */
export const channelLabels: Record<Channel, string> = {
  red: 'Red',
  green: 'Green',
  blue: 'Blue',
  alpha: 'Alpha',
  luminance: 'Luminance',
  distance: 'Distance from background',
};

/** What a settings change carries: the new settings, and whether a slider is still moving. */
export interface RevealSettingsDetail {
  settings: RevealSettings;
  /** True while a slider is dragged or stepped (a preview will do); false once it settles. */
  moving: boolean;
}

/**
 * The Reveal view's controls: view, channel, threshold (with the channel's histogram and the
 * cut marked), invert, level window, bit plane and colour map. All native form controls with
 * visible labels, so keyboard and assistive technology work as everywhere else.
 *
 * While the picture is Auto reveal's mask, the View menu says "Auto reveal" and the manual
 * view's controls are put away: they did not make that picture. Choosing a view goes back to it,
 * with the settings it had.
 *
 * @fires reveal-settings - a control changed; `detail` is a {@link RevealSettingsDetail}
 */
@customElement('reveal-controls')
export class RevealControls extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      gap: 0.75rem;
    }
    /* A settings panel: each label above its control, the slider's value beside it. */
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 2.75rem;
      align-items: center;
      gap: var(--g-space-1) var(--g-space-2);
    }
    .row > label,
    .row > select {
      grid-column: 1 / -1;
    }
    label {
      font-weight: var(--g-weight-strong);
    }
    .row > span:empty {
      display: none;
    }
    /* A checkbox reads best with its label after it, on one line. */
    .row.check {
      display: flex;
      flex-direction: row-reverse;
      justify-content: flex-end;
      gap: var(--g-space-2);
    }
    .row.check > label {
      font-weight: normal;
    }
    input[type='checkbox'] {
      width: 1.1rem;
      height: 1.1rem;
      margin: 0;
      accent-color: var(--g-accent);
    }
    output {
      font-variant-numeric: tabular-nums;
      text-align: right;
    }
    select,
    input,
    button {
      font: inherit;
      color: inherit;
    }
    select {
      min-width: 0;
      max-width: 100%;
    }
    select,
    button {
      padding: 0.3rem 0.5rem;
      border: 1px solid var(--g-border);
      border-radius: var(--g-radius);
      background: var(--g-bg);
    }
    input[type='range'] {
      width: 100%;
      accent-color: var(--g-accent);
    }
    :focus-visible {
      outline: 3px solid var(--g-focus);
      outline-offset: 2px;
    }
    reveal-histogram {
      grid-column: 1;
    }
  `;

  /** The current settings (the view owns them; this element only proposes changes). */
  @property({ attribute: false }) settings: RevealSettings = defaultRevealSettings;

  /** Histogram of the chosen channel, drawn under the threshold. */
  @property({ attribute: false }) counts?: ArrayLike<number>;

  /** Controls are inert until there is an image. */
  @property({ type: Boolean }) disabled = false;

  /** The picture is Auto reveal's mask, not the view these settings describe. */
  @property({ type: Boolean }) auto = false;

  override render() {
    const s = this.settings;
    const dis = this.disabled;
    const lo = Math.max(0, Math.round(s.centre - s.width / 2));
    const hi = Math.min(255, lo + s.width - 1);
    const view = html`<div class="row">
      <label for="mode">View</label>
      <select
        id="mode"
        .value=${this.auto ? autoOption : s.mode}
        ?disabled=${dis}
        @change=${this._onSelect('mode')}
      >
        ${Object.entries(modeLabels).map(
          ([v, l]) =>
            html`<option value=${v} ?selected=${!this.auto && v === s.mode}>${l}</option>`,
        )}
        ${this.auto ? html`<option value=${autoOption} selected>Auto reveal</option>` : nothing}
      </select>
    </div>`;
    if (this.auto) return view;
    return html`
      ${view}
      ${
        s.mode === 'original' || s.mode === 'colour-map'
          ? nothing
          : html`<div class="row">
              <label for="channel">Channel</label>
              <select
                id="channel"
                .value=${s.channel}
                ?disabled=${dis}
                @change=${this._onSelect('channel')}
              >
                ${Object.entries(channelLabels).map(
                  ([v, l]) => html`<option value=${v} ?selected=${v === s.channel}>${l}</option>`,
                )}
              </select>
            </div>`
      }
      ${
        s.mode === 'threshold'
          ? html`${this._range('threshold', 'Threshold', 0, 255)}
              <div class="row">
                <span></span>
                <reveal-histogram
                  .counts=${this.counts}
                  .cut=${s.threshold}
                  channel=${channelLabels[s.channel].toLowerCase()}
                ></reveal-histogram>
              </div>`
          : nothing
      }
      ${
        s.mode === 'level-window'
          ? html`${this._range('centre', 'Window centre', 0, 255)}
              ${this._range('width', 'Window width', 1, 255)}
              <div class="row">
                <span></span>
                <reveal-histogram
                  .counts=${this.counts}
                  .window=${[lo, hi] as const}
                  channel=${channelLabels[s.channel].toLowerCase()}
                ></reveal-histogram>
              </div>`
          : nothing
      }
      ${s.mode === 'bit-plane' ? this._range('bit', 'Bit', 0, 7) : nothing}
      ${
        s.mode === 'threshold' || s.mode === 'level-window'
          ? html`<div class="row check">
              <label for="invert">Invert</label>
              <input
                id="invert"
                type="checkbox"
                .checked=${s.invert}
                ?disabled=${dis}
                @change=${this._onInvert}
              />
            </div>`
          : nothing
      }
      ${
        s.mode === 'colour-map'
          ? html`<div class="row">
              <span></span>
              <button type="button" ?disabled=${dis} @click=${this._onReroll}>
                Re-roll colours
              </button>
            </div>`
          : nothing
      }
    `;
  }

  private _range(
    key: 'threshold' | 'centre' | 'width' | 'bit',
    label: string,
    min: number,
    max: number,
  ) {
    return html`<div class="row">
      <label for=${key}>${label}</label>
      <input
        id=${key}
        type="range"
        min=${min}
        max=${max}
        step="1"
        .value=${String(this.settings[key])}
        ?disabled=${this.disabled}
        @input=${(e: Event) => this._emit({ [key]: Number((e.target as HTMLInputElement).value) }, true)}
        @change=${(e: Event) => this._emit({ [key]: Number((e.target as HTMLInputElement).value) }, false)}
      />
      <output for=${key}>${this.settings[key]}</output>
    </div>`;
  }

  private _onSelect(key: 'mode' | 'channel') {
    return (e: Event) => this._emit({ [key]: (e.target as HTMLSelectElement).value }, false);
  }

  private _onInvert(e: Event): void {
    this._emit({ invert: (e.target as HTMLInputElement).checked }, false);
  }

  private _onReroll(): void {
    this._emit({ seed: (this.settings.seed * 1103515245 + 12345) >>> 0 || 1 }, false);
  }

  private _emit(change: Partial<RevealSettings>, moving: boolean): void {
    const settings = { ...this.settings, ...change };
    this.dispatchEvent(
      new CustomEvent<RevealSettingsDetail>('reveal-settings', {
        detail: { settings, moving },
        bubbles: true,
        composed: true,
      }),
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-controls': RevealControls;
  }
  interface GlobalEventHandlersEventMap {
    'reveal-settings': CustomEvent<RevealSettingsDetail>;
  }
}
