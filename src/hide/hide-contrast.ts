import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { ContrastChannel } from '../lib/color/contrast.ts';
import { deltaE2000Rgb } from '../lib/color/delta-e.ts';
import { over } from '../lib/color/composite.ts';
import { channelDifference } from '../lib/color/difference.ts';
import type { Rgb, RgbChannel } from '../lib/color/types.ts';
import { visibility } from '../lib/color/verdict.ts';
import { hideFieldMessages } from './hide-messages.ts';
import { hideStyles } from './hide-styles.ts';

/** What the person asked of the contrast solver. */
export interface ContrastRequest {
  /** Target ΔE2000 between text and background. */
  contrast: number;
  channel: ContrastChannel;
}

/** The largest ΔE2000 the Contrast field takes (the field's own max). */
const MAX_CONTRAST = 100;

/** Visible names of the channel choices, in menu order. */
export const contrastChannelLabels: Record<ContrastChannel, string> = {
  red: 'Red',
  green: 'Green',
  blue: 'Blue',
  all: 'All three',
  alpha: 'Alpha (opacity)',
};

const rows: readonly [RgbChannel, keyof Rgb, string][] = [
  ['red', 'r', 'Red'],
  ['green', 'g', 'Green'],
  ['blue', 'b', 'Blue'],
];

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/**
 * How far apart the two colours are, per channel in levels and as ΔE2000 with a plain verdict,
 * and the controls that set the text colour a chosen ΔE away in a chosen channel.
 *
 * @fires hide-contrast-change - `detail` is the requested contrast and channel.
 */
@customElement('hide-contrast')
export class HideContrast extends LitElement {
  static override styles = [
    hideStyles,
    css`
      table {
        border-collapse: collapse;
        margin: 0.3rem 0 0.6rem;
        font-variant-numeric: tabular-nums;
      }
      th,
      td {
        padding: 0.15rem 0.8rem 0.15rem 0;
        text-align: right;
      }
      th:first-child {
        text-align: left;
      }
      .verdict {
        font-size: 1.05rem;
        margin: 0.3rem 0;
      }
      /* On a 360 px phone the four columns fit only a little tighter. */
      @media (max-width: 30rem) {
        table {
          font-size: 0.875rem;
        }
        th,
        td {
          padding-right: 0.45rem;
        }
      }
    `,
  ];

  /** Text colour. */
  @property({ attribute: false }) text: Rgb = { r: 0, g: 0, b: 0 };
  /** Text opacity, 0–255. */
  @property({ type: Number }) textAlpha = 255;
  /** Background colour (always opaque). */
  @property({ attribute: false }) background: Rgb = { r: 255, g: 255, b: 255 };
  /** The ΔE shown in the Contrast field; the pair's own ΔE when undefined. */
  @property({ attribute: false }) contrast: number | undefined;
  /** The channel that carries the difference when Contrast is set. */
  @property() channel: ContrastChannel = 'red';
  /** What was typed in Contrast when it is no ΔE the solver takes, kept and flagged. */
  @state() private _draft: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Colours set another way: the field shows their ΔE, not what was typed before.
    if (changed.has('text') || changed.has('background') || changed.has('textAlpha')) {
      this._draft = undefined;
    }
  }

  override render() {
    const diff = channelDifference(this.text, this.background, this.textAlpha);
    // Translucent text is judged as a person sees it: over white, like a PNG on a page.
    const seen = this.textAlpha === 255 ? this.text : over(this.text, this.textAlpha);
    const dE = deltaE2000Rgb(seen, this.background);
    const shown = this.contrast ?? Math.round(dE * 100) / 100;
    return html`<fieldset>
      <legend>Difference</legend>
      <table>
        <caption class="note">
          Text minus background, in levels (0–255)
        </caption>
        <thead>
          <tr>
            <th scope="col">Channel</th>
            <th scope="col">Text</th>
            <th scope="col">Background</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            ([name, key, label]) =>
              html`<tr>
                <th scope="row">${label}</th>
                <td>${this.text[key]}</td>
                <td>${this.background[key]}</td>
                <td>${signed(diff[name])}</td>
              </tr>`,
          )}
          <tr>
            <th scope="row">Alpha</th>
            <td>${this.textAlpha}</td>
            <td>255</td>
            <td>${signed(diff.alpha)}</td>
          </tr>
        </tbody>
      </table>
      <p class="verdict" id="verdict" role="status">
        ΔE2000 ${dE.toFixed(2)}: <strong>${visibility(dE)}</strong>
        ${this.textAlpha === 255 ? nothing : html`<span class="note">(text seen over white)</span>`}
      </p>
      <div class="grid">
        <div class="field">
          <label for="contrast">Contrast</label>
          <span class="with-unit">
            <input
              id="contrast"
              type="number"
              min="0"
              max=${MAX_CONTRAST}
              step="0.1"
              aria-describedby=${this._draft === undefined ? 'contrast-note' : 'contrast-error contrast-note'}
              aria-invalid=${this._draft === undefined ? 'false' : 'true'}
              .value=${live(this._draft ?? String(shown))}
              @change=${this._onContrast}
            />
            <span aria-hidden="true">ΔE</span>
          </span>
          ${
            this._draft === undefined
              ? nothing
              : html`<p class="error" id="contrast-error">${hideFieldMessages.contrast}</p>`
          }
        </div>
        <div class="field">
          <label for="channel">Channel</label>
          <select id="channel" aria-describedby="contrast-note" @change=${this._onChannel}>
            ${(Object.keys(contrastChannelLabels) as ContrastChannel[]).map(
              (c) =>
                html`<option value=${c} ?selected=${c === this.channel}>
                  ${contrastChannelLabels[c]}
                </option>`,
            )}
          </select>
        </div>
      </div>
      <p class="note" id="contrast-note">
        Contrast sets the text colour the chosen ΔE2000 from the background by changing only the
        chosen channel (at least one level). Contrast 0 with Blue gives blue + 1 only. Below 1 most
        people see nothing; 1–2 is barely visible.
      </p>
    </fieldset>`;
  }

  private _emit(contrast: number, channel: ContrastChannel): void {
    this.dispatchEvent(
      new CustomEvent<ContrastRequest>('hide-contrast-change', {
        detail: { contrast, channel },
        bubbles: true,
        composed: true,
      }),
    );
  }

  private _onContrast(e: Event): void {
    const input = e.target as HTMLInputElement;
    const v = input.valueAsNumber;
    if (Number.isFinite(v) && v >= 0 && v <= MAX_CONTRAST) {
      this._draft = undefined;
      this._emit(v, this.channel);
    } else {
      this._draft = input.value;
    }
  }

  private _onChannel(e: Event): void {
    const channel = (e.target as HTMLSelectElement).value as ContrastChannel;
    const input = this.renderRoot.querySelector<HTMLInputElement>('#contrast');
    const v = input?.valueAsNumber ?? NaN;
    const usable = Number.isFinite(v) && v >= 0 && v <= MAX_CONTRAST;
    // A Contrast that could not be used gives way to the 1 used instead.
    this._draft = undefined;
    this._emit(usable ? v : 1, channel);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hide-contrast': HideContrast;
  }
  interface GlobalEventHandlersEventMap {
    'hide-contrast-change': CustomEvent<ContrastRequest>;
  }
}
