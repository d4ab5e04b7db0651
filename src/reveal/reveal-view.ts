import { LitElement, html, type PropertyValues } from 'lit';
import { download } from '../platform/download.ts';
import { SAMPLES } from '../lib/samples.ts';
import { customElement, state } from 'lit/decorators.js';
import { DropPasteController } from '../ui/drop-paste-controller.ts';
import { RevealRenderController } from './reveal-render-controller.ts';
import { decodeForReveal } from './reveal-decode.ts';
import { readingCandidates, type Candidates } from '../lib/reveal/reading-candidates.ts';
import { askAboutTextPrompt } from '../lib/ocr/messages.ts';
import type { Pixels } from '../lib/reveal/types.ts';
import { revealStyles } from './reveal-styles.ts';
import { handoffEvent, type HandoffDetail } from '../ui/events.ts';
import { focusWhenShown } from '../ui/focus-when-shown.ts';
import { defaultRevealSettings, type RevealSettings } from '../lib/reveal/settings.ts';
import { channelLabels, type RevealSettingsDetail } from './reveal-controls.ts';
import './reveal-canvas.ts';
import './reveal-controls.ts';
import './reveal-text.ts';
import './reveal-views.ts';
import type { RevealText, RevealTextAskDetail } from './reveal-text.ts';

/**
 * What the image line says: the empty view's invitation and what Reveal does, and the hint
 * once an image is open.
 */
const intakeWords = {
  title: 'Drop, paste or choose an image',
  about:
    'Reveal finds text hidden in an image in colours a shade apart, too close for the eye to tell. ' +
    'Auto reveal finds it by itself, All views shows every channel at once, and Read text reads ' +
    'it, all on this device.',
  empty: 'Or drop an image onto this view, or paste one.',
  open: 'Or drop or paste another.',
} as const;

/** What the status line says while Auto reveal runs, and once the person stopped it. */
const autoWords = {
  looking: 'Looking for a hidden message…',
  stopped: 'Auto reveal stopped.',
} as const;

/** The prompt Reveal hands to Ask with the revealed image. */
export const askPrompt = 'Read what you see on this image.';

/**
 * The Reveal view: takes an image (file input, drop, paste, or a hand-off from another view),
 * shows it through the lesson's threshold or another revealing view, finds the message by
 * itself on request, and passes the result on as a PNG download or to Ask. The picture comes
 * first and large, under a toolbar of those actions; beside it (under it on a phone) what Auto
 * reveal and Read text found, then the settings.
 *
 * @fires glimpse-handoff - "Ask Gemini" hands the revealed image to the Ask view
 * @fires glimpse-text-handoff - "Hide this text" (from Read text) hands the text to Hide
 */
@customElement('reveal-view')
export class RevealView extends LitElement {
  static override styles = revealStyles;

  @state() private _settings: RevealSettings = defaultRevealSettings;
  /** File name of the current image, for the download and the status line. */
  @state() private _name = '';
  @state() private _error = '';
  @state() private _status = '';
  /** "name: W × H pixels." of the image shown, which the status line returns to after a task. */
  private _info = '';
  /** What Auto reveal found, in words, while its picture is shown. */
  @state() private _found = '';
  @state() private _busy = false;
  /** Auto reveal is running: its bar and Stop are shown. */
  @state() private _looking = false;

  @state() private _reading = false;
  /** The "All views" grid is open. */
  @state() private _allViews = false;

  private readonly _render = new RevealRenderController(this);
  private readonly _drop = new DropPasteController(this, (file) => void this._load(file));
  private _loading?: AbortController;

  protected override updated(changed: PropertyValues): void {
    // Before an image the invitation fills most of a phone's window and the message comes
    // under it, cut by the window's edge: brought into sight, it answers the file just chosen.
    if (changed.has('_error') && this._error)
      this.renderRoot.querySelector('[role="alert"]')?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const source = this._render.source;
    // Busy, a button says so (aria-disabled) but stays focusable: a disabled one would drop
    // the keyboard's focus to the page while its task runs.
    const off = !source;
    const busy = this._busy ? 'true' : 'false';
    // Before an image the view is its invitation: its actions and settings, which would be
    // greyed out with nothing to act on, are put away (reveal-styles.ts, `.empty`).
    return html`
      <h2>Reveal</h2>
      <div class="workspace ${source ? '' : 'empty'}">
        <div class="stage">
          <div class="drop ${source ? 'compact' : ''} ${this._drop.dragging ? 'dragging' : ''}">
            ${
              source
                ? ''
                : html`<p class="drop-title">${intakeWords.title}</p>
                    <p class="about">${intakeWords.about}</p>`
            }
            <div class="pick">
              <label for="file">Image</label>
              <input id="file" type="file" accept="image/*" @change=${this._onFile} />
            </div>
            <p role="status" class="status" id="status">${this._status}</p>
            <p class="note">${source ? intakeWords.open : intakeWords.empty}</p>
            ${
              source
                ? ''
                : html`<p class="try">
                    <button type="button" @click=${this._onSample}>
                      Try it: the lesson's hidden message
                    </button>
                    <span class="note"
                      >#73D955 text on #7ED957, invisible until the red channel is cut at 120.</span
                    >
                  </p>`
            }
          </div>
          <div role="alert">${this._error}</div>
          <p class="toolbar">
            <button
              type="button"
              class="primary"
              ?disabled=${off}
              aria-disabled=${busy}
              @click=${this._onAuto}
            >
              Auto reveal
            </button>
            ${
              this._looking
                ? html`<button type="button" class="stop" @click=${this._onStopAuto}>
                    Stop Auto reveal
                  </button>`
                : ''
            }
            <button
              type="button"
              class="read"
              ?disabled=${off}
              aria-disabled=${this._busy || this._reading ? 'true' : 'false'}
              @click=${this._onReadText}
            >
              Read text
            </button>
            <button
              type="button"
              aria-expanded=${this._allViews ? 'true' : 'false'}
              ?disabled=${!source}
              @click=${this._onAllViews}
            >
              All views
            </button>
            <button
              type="button"
              class="end"
              ?disabled=${off}
              aria-disabled=${busy}
              @click=${this._onDownload}
            >
              Download PNG
            </button>
            <button type="button" ?disabled=${off} aria-disabled=${busy} @click=${this._onAsk}>
              Ask Gemini
            </button>
          </p>
          ${
            source
              ? html`<div class="picture">
                  <reveal-canvas
                    .pixels=${this._render.shown}
                    .displaySize=${source}
                    description=${this._describe()}
                    @reveal-scale=${this._onScale}
                  ></reveal-canvas>
                </div>`
              : ''
          }
        </div>
        <div class="side">
          ${
            // Where the answer will stand, while Auto reveal looks: named by the status line.
            this._looking
              ? html`<progress class="looking" aria-labelledby="status"></progress>`
              : ''
          }
          <p class="found" aria-live="polite">${this._found}</p>
          ${
            this._found
              ? html`<p class="muted">
                  The picture shows Auto reveal's mask; choose another View to set it by hand.
                </p>`
              : ''
          }
          <reveal-text @reveal-text-ask=${this._onAskAboutText}></reveal-text>
          <div class="panel box">
            <reveal-controls
              .settings=${this._settings}
              .counts=${this._render.counts}
              ?disabled=${!source}
              ?auto=${this._found !== ''}
              @reveal-settings=${this._onSettings}
            ></reveal-controls>
          </div>
        </div>
      </div>
      ${
        source && this._allViews
          ? html`<section class="all-views" aria-labelledby="all-views">
              <h3 id="all-views">All views</h3>
              <reveal-views
                .source=${source}
                .settings=${this._settings}
                @reveal-settings=${this._onTileChosen}
              ></reveal-views>
            </section>`
          : ''
      }
    `;
  }

  /** Take an image handed over from another view (Hide → Reveal). */
  receive(detail: HandoffDetail): void {
    void this._load(detail.image, detail.name).then(async () => {
      // The keyboard's focus was on the button that handed over, now out of sight: bring it
      // to the next step here, once the picture is in.
      if (!this._render.source) return;
      await this.updateComplete;
      focusWhenShown(this, () =>
        this.renderRoot.querySelector<HTMLElement>('.toolbar .primary')?.focus(),
      );
    });
  }

  /** The lesson's own image (drawn by the project, shipped in the build, offline too). */
  private async _onSample(): Promise<void> {
    const sample = SAMPLES.find((s) => s.id === 'hidden-message');
    if (!sample) return;
    const name = `${sample.id}.png`;
    try {
      const response = await fetch(new URL(sample.path, document.baseURI));
      if (!response.ok) throw new Error(String(response.status));
      await this._load(await response.blob(), name);
    } catch {
      this._error = 'The lesson image could not be loaded. Reload the page and try again.';
    }
  }

  private _onFile(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    // A file that failed leaves the chooser: it named that file beside "Still showing" another,
    // and choosing the same file again (once mended) would fire no change.
    if (file) void this._load(file).then((shown) => shown || (input.value = ''));
  }

  /**
   * Decode and show a new image; on failure say why and keep the image there was. Resolves
   * whether the image is now shown.
   */
  private async _load(blob: Blob, name = (blob as File).name ?? 'image'): Promise<boolean> {
    this._loading?.abort();
    const loading = (this._loading = new AbortController());
    this._status = `Reading ${name}…`;
    // The worker decodes the new image: an Auto reveal of the old one there would hold it up.
    this._render.stopAuto();
    try {
      const { pixels, note, histograms, background } = await decodeForReveal(blob, loading.signal);
      if (loading.signal.aborted) return false;
      this._name = name;
      this._error = '';
      this._found = '';
      this._textReader()?.clear();
      // The note says when the browser's canvas noise kept the pixels from being exact.
      const size = `${name}: ${pixels.width} × ${pixels.height} pixels.`;
      this._status = this._info = note ? `${size} ${note}` : size;
      this._render.setSource(pixels, this._settings, histograms, background);
      return true;
    } catch (err) {
      if (loading.signal.aborted) return false;
      this._error = err instanceof Error ? err.message : String(err);
      this._status = this._render.source ? `Still showing ${this._name}.` : '';
      return false;
    }
  }

  private _onSettings(e: CustomEvent<RevealSettingsDetail>): void {
    const { mapChannel, ...settings } = e.detail.settings;
    // A one-channel colour map lasts until the view changes (then the menu's map is all three).
    this._settings = settings.mode === this._settings.mode ? { ...settings, mapChannel } : settings;
    this._found = '';
    this._render.update(this._settings, e.detail.moving);
  }

  private _onAllViews(): void {
    this._allViews = !this._allViews;
    // The grid opens under the picture, out of sight on most screens: bring it into view.
    if (this._allViews) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector('.all-views')?.scrollIntoView({ block: 'start' }),
      );
    }
  }

  /** A picture of "All views" becomes the current view; the grid closes to show it. */
  private _onTileChosen(e: CustomEvent<RevealSettingsDetail>): void {
    e.stopPropagation();
    this._settings = e.detail.settings;
    this._found = '';
    this._allViews = false;
    this._render.update(this._settings, false);
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[aria-expanded]')?.focus(),
    );
  }

  private async _onAuto(): Promise<void> {
    if (this._busy) return;
    this._busy = this._looking = true;
    this._error = '';
    const looking = (this._status = autoWords.looking);
    try {
      const found = await this._render.auto();
      this._found = found?.description ?? '';
    } catch (err) {
      this._fail(err);
    } finally {
      // Stop vanishes with the run: the keyboard's focus on it goes back to Auto reveal.
      const onStop = this.shadowRoot?.activeElement?.classList.contains('stop') === true;
      this._busy = this._looking = false;
      // Back to what the image is, unless a new one was loaded meanwhile: its line stays.
      if (this._status === looking) this._status = this._info;
      if (onStop) this._focusAuto();
    }
  }

  /** The picture's scale on screen: a big image's views are painted no larger (showAt). */
  private _onScale(e: CustomEvent<number>): void {
    this._render.showAt(e.detail);
  }

  /** A long Auto reveal (a huge image) can be ended: the picture shown before stays. */
  private _onStopAuto(): void {
    if (!this._looking) return;
    this._render.stopAuto();
    this._status = `${this._info} ${autoWords.stopped}`;
  }

  private _focusAuto(): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('.toolbar .primary')?.focus(),
    );
  }

  private async _onDownload(): Promise<void> {
    if (this._busy) return;
    const blob = await this._png();
    if (!blob) return;
    download(blob, this._outName());
  }

  private async _onAsk(): Promise<void> {
    if (this._busy) return;
    const blob = await this._png();
    if (!blob) return;
    this.dispatchEvent(
      handoffEvent({ target: 'ask', image: blob, name: this._outName(), prompt: askPrompt }),
    );
  }

  /** Read the text of the picture shown (and of other candidate masks), on the device. */
  private async _onReadText(): Promise<void> {
    const reader = this._textReader();
    if (!reader || this._busy || this._reading) return;
    this._reading = true;
    try {
      await reader.read(
        (signal) => this._ocrCandidates(signal),
        (signal) => this._render.readingPreparer(signal),
      );
    } finally {
      this._reading = false;
    }
    // "Stop reading" goes with the bar: the focus it had fell to the page; give it to Read text.
    if (!reader.stopped) return;
    await reader.updateComplete;
    if (document.activeElement === document.body) {
      this.renderRoot.querySelector<HTMLElement>('.toolbar .read')?.focus();
    }
  }

  /**
   * What "Read text" reads, in order (src/lib/reveal/reading-candidates.ts): the picture on
   * screen, then Auto reveal's mask where it is not what is shown, then the further pictures,
   * each made in the worker only when the ones before did not read confidently.
   */
  private _ocrCandidates(signal: AbortSignal): Candidates {
    const render = this._render;
    const source = render.source;
    return readingCandidates(
      {
        shown: () => render.full(),
        showingAuto: render.showingAuto,
        autoMask: (s) => render.autoMask(s),
        picture: (kind, s) => render.readingPicture(kind, s),
        current: () => render.source === source,
      },
      signal,
    );
  }

  /** Hand the picture shown and the text read from it to Ask. */
  private async _onAskAboutText(e: CustomEvent<RevealTextAskDetail>): Promise<void> {
    const blob = await this._png();
    if (!blob) return;
    this.dispatchEvent(
      handoffEvent({
        target: 'ask',
        image: blob,
        name: this._outName(),
        prompt: askAboutTextPrompt(e.detail.text),
      }),
    );
  }

  private _textReader(): RevealText | null {
    return this.renderRoot.querySelector('reveal-text');
  }

  /** What is shown, at full resolution, as a PNG. */
  private async _png(): Promise<Blob | undefined> {
    this._busy = true;
    try {
      const full: Pixels | undefined = await this._render.full();
      return full && (await this._render.png(full));
    } catch (err) {
      this._fail(err);
      return undefined;
    } finally {
      this._busy = false;
    }
  }

  /** Show what went wrong, unless it is a pass a newer setting cancelled on purpose. */
  private _fail(err: unknown): void {
    if (err instanceof Error && err.name === 'AbortError') return;
    this._error = err instanceof Error ? err.message : String(err);
  }

  private _outName(): string {
    return `${this._name.replace(/\.[^.]*$/, '') || 'image'}-revealed.png`;
  }

  /** The picture's text alternative: which view of which image, or what Auto found. */
  private _describe(): string {
    const s = this._settings;
    const channel = channelLabels[s.channel].toLowerCase();
    const [on, off] = s.invert ? ['white', 'black'] : ['black', 'white'];
    const what = this._found
      ? `Auto reveal: ${this._found}`
      : {
          threshold: `${channel} above ${s.threshold} shown ${on}, the rest ${off}`,
          'level-window': `${channel} values from ${s.centre - s.width / 2} to ${s.centre + s.width / 2} stretched from black to white`,
          'bit-plane': `bit ${s.bit} of ${channel}: set shown white, clear black`,
          equalise: `${channel} values equalised`,
          'colour-map': s.mapChannel
            ? `${channelLabels[s.mapChannel].toLowerCase()} through random colours`
            : 'red, green and blue each through random colours',
          original: 'the original image',
        }[s.mode];
    return `${this._name} revealed: ${what}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reveal-view': RevealView;
  }
}
