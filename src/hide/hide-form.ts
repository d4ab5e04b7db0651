import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { formatHex, parseHex } from '../lib/color/hex.ts';
import {
  DEFAULT_HIDE_OPTIONS,
  FONT_FAMILIES,
  MAX_SIDE,
  MIN_SIDE,
  type FontFamily,
  type HideOptions,
} from '../lib/hide/options.ts';
import { hideFieldMessages } from './hide-messages.ts';
import { hideStyles } from './hide-styles.ts';

type ColourField = 'text' | 'background';
/** The fields that take a number. */
type NumberField = 'fontSizePt' | 'textAlpha' | 'width' | 'height';

/**
 * The lesson's parameters as a form, grouped: the message first, the two colours side by side
 * with their swatches, then size and font in a compact grid.
 * Every field reports as soon as its value is usable, so the preview follows the typing.
 *
 * @fires hide-options-change - `detail` holds the fields that changed.
 */
@customElement('hide-form')
export class HideForm extends LitElement {
  static override styles = [
    hideStyles,
    css`
      /* The two colours always side by side, so they can be compared at a glance. */
      .grid.two {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
      /* Rows shared across both colours, so the fields line up when one label wraps. */
      .grid.two > .field {
        display: grid;
        grid-row: span 4;
        grid-template-rows: subgrid;
        align-items: end;
        row-gap: var(--g-space-1);
      }
      .grid.two .error {
        grid-row: 3;
      }
      .grid.two label.pick {
        grid-row: 4;
        align-self: start;
      }
      /* Where three fields fit in a row, the font menu takes two, so its names are not cut. */
      .size {
        container-type: inline-size;
      }
      @container (min-width: 20rem) {
        .font {
          grid-column: span 2;
        }
      }
      .message {
        margin: 0 0 var(--g-space-3);
      }
      textarea {
        font-size: var(--g-text-title);
      }
      label.pick {
        display: inline-flex;
        align-items: center;
        gap: var(--g-space-2);
        font-weight: normal;
        font-size: var(--g-text-small);
        color: var(--g-muted);
        cursor: pointer;
      }
      input[type='color'] {
        width: 2.75rem;
        height: 2rem;
        padding: 0.1rem;
        flex: none;
        cursor: pointer;
      }
    `,
  ];

  /** The values to show. */
  @property({ attribute: false }) options: HideOptions = { ...DEFAULT_HIDE_OPTIONS };

  /** What the person is typing in a colour field, kept until it is a colour. */
  @state() private _drafts: Partial<Record<ColourField, string>> = {};
  /**
   * What the person typed in a number field that it cannot take (out of range, not whole),
   * kept and flagged until it can: a redraw must neither put the old number back under their
   * fingers nor leave the field saying a number the picture does not use.
   */
  @state() private _numberDrafts: Partial<Record<NumberField, string>> = {};

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A number set from outside replaces what was typed there.
    const before = changed.get('options');
    if (before) {
      for (const key of Object.keys(this._numberDrafts) as NumberField[]) {
        if (before[key] !== this.options[key]) {
          this._numberDrafts = { ...this._numberDrafts, [key]: undefined };
        }
      }
    }
    // A colour set from outside (the contrast solver) replaces a draft it does not match.
    if (changed.has('options')) {
      for (const key of ['text', 'background'] as const) {
        const draft = this._drafts[key];
        if (
          draft !== undefined &&
          parseHex(draft) &&
          formatHex(parseHex(draft)!) !== this.options[key]
        ) {
          this._drafts = { ...this._drafts, [key]: undefined };
        }
      }
    }
  }

  override render() {
    const o = this.options;
    const empty = o.message.trim() === '';
    return html`<div class="field message">
        <label for="message">Message</label>
        <textarea
          id="message"
          rows="3"
          aria-describedby=${empty ? 'message-empty' : nothing}
          .value=${live(o.message)}
          @input=${this._onMessage}
        ></textarea>
        ${empty ? html`<p class="note" id="message-empty">${hideFieldMessages.messageEmpty}</p>` : nothing}
      </div>
      <fieldset>
        <legend>Colours</legend>
        <div class="grid two">
          ${this._colourField('text', 'Text colour')}
          ${this._colourField('background', 'Background colour')}
        </div>
      </fieldset>
      <fieldset class="size">
        <legend>Size and font</legend>
        <div class="grid">
          <div class="field">
            <label for="size">Font size</label>
            <span class="with-unit">
              <input
                id="size"
                type="number"
                min="1"
                max="400"
                step="1"
                aria-invalid=${this._numberDrafts.fontSizePt === undefined ? 'false' : 'true'}
                aria-describedby=${this._numberDrafts.fontSizePt === undefined ? nothing : 'size-error'}
                .value=${live(this._numberDrafts.fontSizePt ?? String(o.fontSizePt))}
                @input=${this._onFontSize}
              />
              <span aria-hidden="true">pt</span>
            </span>
            ${this._numberError('fontSizePt', 'size-error')}
          </div>
          <div class="field font">
            <label for="font">Font</label>
            <select id="font" @change=${this._onFont}>
              ${FONT_FAMILIES.map(
                (f) => html`<option value=${f} ?selected=${f === o.font}>${f}</option>`,
              )}
            </select>
          </div>
          <div class="field">
            <label for="alpha">Text alpha</label>
            <input
              id="alpha"
              type="number"
              min="1"
              max="255"
              step="1"
              aria-describedby=${this._numberDrafts.textAlpha === undefined ? 'alpha-note' : 'alpha-error alpha-note'}
              aria-invalid=${this._numberDrafts.textAlpha === undefined ? 'false' : 'true'}
              .value=${live(this._numberDrafts.textAlpha ?? String(o.textAlpha))}
              @input=${this._onAlpha}
            />
            ${this._numberError('textAlpha', 'alpha-error')}
          </div>
          ${this._sideField('width', 'Width')} ${this._sideField('height', 'Height')}
        </div>
        <p class="note">
          Font size in points at the lesson's 100 dpi: ${o.fontSizePt} pt is
          ${((o.fontSizePt * 100) / 72).toFixed(1)} px. Size in pixels, ${MIN_SIDE}–${MAX_SIDE}.
        </p>
        <p class="note" id="alpha-note">
          Text alpha is the text's opacity, 1–255: 255 is opaque; 254 with equal colours hides the
          message in the alpha channel alone.
        </p>
      </fieldset>`;
  }

  /** Put the keyboard's focus in the message field. */
  focusMessage(): void {
    this.renderRoot.querySelector('textarea')?.focus();
  }

  private _colourField(key: ColourField, label: string) {
    const draft = this._drafts[key];
    const invalid = draft !== undefined && !parseHex(draft);
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <input
        id=${key}
        type="text"
        spellcheck="false"
        autocomplete="off"
        maxlength="7"
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${invalid ? `${key}-error` : nothing}
        .value=${live(draft ?? this.options[key])}
        @input=${(e: Event) => this._onColourInput(key, e)}
        @change=${(e: Event) => this._onColourChange(key, e)}
      />
      ${
        invalid ? html`<p class="error" id="${key}-error">${hideFieldMessages.colour}</p>` : nothing
      }
      <label class="pick">
        <input
          type="color"
          .value=${live(this.options[key].toLowerCase())}
          @input=${(e: Event) => this._onColourChange(key, e)}
        />
        Pick ${label.toLowerCase()}
      </label>
    </div>`;
  }

  private _sideField(key: 'width' | 'height', label: string) {
    return html`<div class="field">
      <label for=${key}>${label}</label>
      <span class="with-unit">
        <input
          id=${key}
          type="number"
          min=${MIN_SIDE}
          max=${MAX_SIDE}
          step="1"
          aria-invalid=${this._numberDrafts[key] === undefined ? 'false' : 'true'}
          aria-describedby=${this._numberDrafts[key] === undefined ? nothing : `${key}-error`}
          .value=${live(this._numberDrafts[key] ?? String(this.options[key]))}
          @input=${(e: Event) => this._onSide(key, e)}
        />
        <span aria-hidden="true">px</span>
      </span>
      ${this._numberError(key, `${key}-error`)}
    </div>`;
  }

  /** The message under a number field holding what it cannot take, or nothing. */
  private _numberError(key: NumberField, id: string) {
    return this._numberDrafts[key] === undefined
      ? nothing
      : html`<p class="error" id=${id}>${hideFieldMessages[key]}</p>`;
  }

  /** Use a number field's value when `usable`, or keep it as a flagged draft. */
  private _onNumber(key: NumberField, e: Event, usable: (v: number) => boolean): void {
    const input = e.target as HTMLInputElement;
    const v = input.valueAsNumber;
    if (Number.isFinite(v) && usable(v)) {
      this._numberDrafts = { ...this._numberDrafts, [key]: undefined };
      this._emit({ [key]: v });
    } else {
      this._numberDrafts = { ...this._numberDrafts, [key]: input.value };
    }
  }

  private _emit(detail: Partial<HideOptions>): void {
    this.dispatchEvent(
      new CustomEvent('hide-options-change', { detail, bubbles: true, composed: true }),
    );
  }

  private _onMessage(e: Event): void {
    this._emit({ message: (e.target as HTMLTextAreaElement).value });
  }

  private _onFontSize(e: Event): void {
    this._onNumber('fontSizePt', e, (v) => v >= 1 && v <= 400);
  }

  private _onFont(e: Event): void {
    this._emit({ font: (e.target as HTMLSelectElement).value as FontFamily });
  }

  private _onAlpha(e: Event): void {
    this._onNumber('textAlpha', e, (v) => Number.isInteger(v) && v >= 1 && v <= 255);
  }

  private _onSide(key: 'width' | 'height', e: Event): void {
    this._onNumber(key, e, (v) => Number.isInteger(v) && v >= MIN_SIDE && v <= MAX_SIDE);
  }

  /** While typing, only a full six-digit colour counts: "#7ED" is on its way to "#7ED957". */
  private _onColourInput(key: ColourField, e: Event): void {
    const value = (e.target as HTMLInputElement).value;
    this._drafts = { ...this._drafts, [key]: value };
    const rgb = /^\s*#?[0-9a-f]{6}\s*$/i.test(value) ? parseHex(value) : undefined;
    if (rgb) this._emit({ [key]: formatHex(rgb) });
  }

  /** On leaving the field, any colour form counts (#RGB too) and the field shows #RRGGBB. */
  private _onColourChange(key: ColourField, e: Event): void {
    const rgb = parseHex((e.target as HTMLInputElement).value);
    if (!rgb) return;
    this._drafts = { ...this._drafts, [key]: undefined };
    this._emit({ [key]: formatHex(rgb) });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'hide-form': HideForm;
  }
  interface GlobalEventHandlersEventMap {
    'hide-options-change': CustomEvent<Partial<HideOptions>>;
  }
}
