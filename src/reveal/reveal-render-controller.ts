import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { downsample } from '../lib/reveal/downsample.ts';
import { histogram } from '../lib/reveal/histogram.ts';
import { mostCommonColour } from '../lib/reveal/background.ts';
import { renderView, type RevealView } from '../lib/reveal/render-view.ts';
import { type AutoRevealResult } from '../lib/reveal/auto-reveal.ts';
import type { ReadingPictureKind } from '../lib/reveal/reading-candidates.ts';
import { prepareHere, type ReadingPreparer } from '../lib/ocr/reading-order.ts';
import { encodePng } from '../platform/png-encode.ts';
import { type Channel, type Pixels, type Rgba } from '../lib/reveal/types.ts';
import { type RevealSettings, viewOf } from '../lib/reveal/settings.ts';
import { revealBridge } from '../workers/reveal-bridge.ts';
import { renderInWorker } from './reveal-worker-render.ts';
import { WORKER_CRASHED } from '../workers/protocol.ts';

/** Images above this many pixels get a preview while a slider moves. */
export const PREVIEW_ABOVE = 2_000_000;
/** Longest side of the preview: about what a screen shows of the picture. */
export const PREVIEW_SIDE = 1280;
/**
 * Pictures up to this many pixels are prepared for the reader, and encoded as PNG, on the page:
 * that takes it a few tens of ms, no more than sending them to the worker would. Larger ones
 * go to the worker (a 35 MP picture took the page 1–2 s to prepare and a second to encode).
 */
export const HERE_UP_TO = 1_000_000;
/** Quiet time after the last slider move before the full-resolution pass starts. */
export const SETTLE_MS = 120;

/**
 * Keeps the Reveal view's picture in step with its settings, and fluid on big images: while
 * a slider moves it renders a cached screen-sized preview synchronously; once the slider
 * settles it renders the full resolution (cancelling any pass a newer move made stale): in
 * the reveal worker for a big image it holds (reveal-worker-render.ts), here otherwise.
 * Auto reveal, the one heavy pass, runs in the reveal worker.
 * Also caches the background colour and each channel's histogram per image.
 */
export class RevealRenderController implements ReactiveController {
  /** The image at full resolution. */
  source?: Pixels;
  /** What the view shows now: a preview or the full-resolution picture. */
  shown?: Pixels;
  /** Histogram of the current channel of the full image. */
  counts?: Uint32Array;
  /** Pictures up to this many pixels are prepared and encoded here (see {@link HERE_UP_TO}). */
  hereUpTo = HERE_UP_TO;

  private _preview?: Pixels;
  private _background?: Rgba;
  private _settings?: RevealSettings;
  private _histograms = new Map<Channel, Uint32Array>();
  /**
   * Full-resolution picture and the settings it was made with; `scale` when what was painted of
   * it is that much smaller (see {@link showAt}).
   */
  private _full?: { settings: RevealSettings | 'auto'; pixels: Pixels; scale?: number };
  /** Device pixels per image pixel where the picture is shown, once the canvas says. */
  private _scale = 1;
  /** The full-resolution pass under way, so a download can wait for it instead of redoing it. */
  private _pending?: { settings: RevealSettings; promise: Promise<Pixels> };
  private _timer?: ReturnType<typeof setTimeout>;
  /** Auto reveal's last result and the image it was for. */
  private _auto?: { source: Pixels; found: AutoRevealResult };
  private _pass?: AbortController;
  /** Auto reveal's pass while it runs, so Stop ends that one and no other. */
  private _autoPass?: AbortController;
  /** Keeps the worker, and the copy of a big image it holds, while that image is shown. */
  private _hold?: AbortController;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this._cancel();
    this._hold?.abort();
  }

  /**
   * Take a new image and show it with these settings; `histograms`, of some of its channels,
   * and its `background` colour, when they were counted already (by the worker that decoded it).
   */
  setSource(
    pixels: Pixels,
    settings: RevealSettings,
    histograms: Partial<Record<Channel, Uint32Array>> = {},
    background?: Rgba,
  ): void {
    this._cancel();
    this.source = pixels;
    this._background = background ?? mostCommonColour(pixels);
    this._histograms = new Map(Object.entries(histograms) as [Channel, Uint32Array][]);
    this._preview =
      pixels.width * pixels.height > PREVIEW_ABOVE ? downsample(pixels, PREVIEW_SIDE) : undefined;
    this._full = undefined;
    this._hold?.abort();
    this._hold = undefined;
    // A big image the worker kept when it decoded it: its full-size views are rendered there
    // (see full()), so the worker stays, with the image, while it is shown.
    if (this._preview && revealBridge.keepsImage(pixels)) {
      this._hold = new AbortController();
      revealBridge.holdUntil(this._hold.signal);
    }
    this.update(settings, false);
  }

  /** Show the image with new settings; `moving` while a slider is still being dragged. */
  update(settings: RevealSettings, moving: boolean): void {
    this._settings = settings;
    const source = this.source;
    if (!source) return;
    this.counts = this._histogram(settings.channel);
    this._cancel();
    if (!this._preview) {
      this.shown = renderView(source, viewOf(settings, this._background));
      this._full = { settings, pixels: this.shown };
    } else {
      this.shown = renderView(this._preview, viewOf(settings, this._background));
      // Whatever was full size (Auto's mask included) no longer matches what is shown.
      this._full = undefined;
      this._timer = setTimeout(() => void this.full().catch(() => {}), moving ? SETTLE_MS : 0);
    }
    this.host.requestUpdate();
  }

  /** Find the message by itself (in the worker) and show its mask until the settings change. */
  async auto(): Promise<AutoRevealResult | undefined> {
    const source = this.source;
    if (!source) return undefined;
    this._cancel();
    const pass = (this._pass = this._autoPass = new AbortController());
    // In the worker only: a worker that dies (out of memory) is not retried on the page,
    // where the same pass would take the page down with it. The bridge itself runs it here
    // when no worker can start at all.
    let found: AutoRevealResult;
    try {
      found = await revealBridge.call(pass.signal, 'autoReveal', source);
    } finally {
      if (this._autoPass === pass) this._autoPass = undefined;
    }
    this._auto = { source, found };
    if (this.source !== source || pass.signal.aborted) return undefined;
    this._full = { settings: 'auto', pixels: found.mask };
    this.shown = found.mask;
    this.host.requestUpdate();
    return found;
  }

  /**
   * Stop the Auto reveal under way: its worker is ended (the only way to stop a pass there) and
   * the picture shown before stays, brought to full resolution if Auto cut its pass short.
   */
  stopAuto(): void {
    if (!this._autoPass) return;
    this._autoPass.abort();
    this._autoPass = undefined;
    if (this.source && !this._full) void this.full().catch(() => {});
  }

  /**
   * Where the picture is shown: `scale` device pixels per image pixel (the fitted or zoomed
   * scale times devicePixelRatio). A big image's full-size views are painted no larger than
   * that; when it grows past what the picture shown was painted at (zoomed in), it is made again.
   */
  showAt(scale: number): void {
    this._scale = scale;
    const full = this._full;
    if (full?.scale !== undefined && full.scale < Math.min(1, scale) * 0.999) {
      // (The pass that made it is over: a new one, not that one's promise.)
      this._full = this._pending = undefined;
      void this.full().catch(() => {});
    }
  }

  /** Whether the picture shown is Auto reveal's mask. */
  get showingAuto(): boolean {
    return this._full?.settings === 'auto';
  }

  /**
   * Auto reveal's mask of the current image, without showing it ("Read text" reads it as a
   * candidate): the one already found, or a new pass in the worker.
   */
  async autoMask(signal: AbortSignal): Promise<Pixels | undefined> {
    const source = this.source;
    if (!source) return undefined;
    // Read text asks again after each reading: keep the worker, and the image it holds, until then.
    revealBridge.holdUntil(signal);
    if (this._auto?.source === source) return this._auto.found.mask;
    const found = await revealBridge.call(signal, 'autoReveal', source);
    this._auto = { source, found };
    return found.mask;
  }

  /**
   * One of the pictures "Read text" reads after Auto reveal's mask
   * (src/lib/reveal/reading-pictures.ts), made in the worker from the current image and what
   * Auto found (found first if need be); undefined when it has nothing to show for this image.
   */
  async readingPicture(kind: ReadingPictureKind, signal: AbortSignal): Promise<Pixels | undefined> {
    const source = this.source;
    if (!source) return undefined;
    revealBridge.holdUntil(signal);
    if (this._auto?.source !== source) await this.autoMask(signal);
    const found = this._auto?.source === source ? this._auto.found : undefined;
    if (!found) return undefined;
    const picture = await revealBridge.call(signal, 'readingPicture', source, found, kind);
    // Made for Read text alone: it goes back to the worker to be prepared, moved, not copied.
    return picture ? revealBridge.give(picture) : undefined;
  }

  /**
   * How Read text prepares each picture for the reader: one larger than {@link HERE_UP_TO} in
   * the worker, which hands back the PNG the reader reads; a smaller one here. Shrinking a 35 MP picture to the reader's size took the page 1–2 s.
   */
  readingPreparer(signal: AbortSignal): ReadingPreparer<Blob | Pixels> {
    const prepare = (pixels: Pixels, second: boolean) => {
      if (pixels.width * pixels.height <= this.hereUpTo) return undefined;
      // The reader reads for a while between two pictures: keep the worker and what it holds.
      revealBridge.holdUntil(signal);
      const held = this._heldAs(pixels);
      if (held?.found) {
        return revealBridge.call(signal, 'prepareFoundToRead', held.source, held.found, second);
      }
      if (held?.view) {
        return revealBridge.call(signal, 'prepareViewToRead', held.source, held.view, second);
      }
      return revealBridge.call(signal, 'prepareToRead', pixels, second);
    };
    return {
      prepare: async (pixels) => (await prepare(pixels, false)) ?? prepareHere.prepare(pixels),
      secondLook: async (first) => {
        const look = prepare(first, true);
        return look ? (await look)?.picture : prepareHere.secondLook(first);
      },
    };
  }

  /**
   * `pixels` as a PNG, encoded in the worker when larger than {@link HERE_UP_TO}: 35 MP took
   * the page a second. Where the worker died (out of memory), encoded here after all.
   */
  async png(pixels: Pixels): Promise<Blob> {
    if (pixels.width * pixels.height <= this.hereUpTo) return encodePng(pixels);
    const signal = new AbortController().signal;
    const held = this._heldAs(pixels);
    try {
      if (held?.found) {
        return await revealBridge.call(signal, 'encodeFoundPng', held.source, held.found);
      }
      if (held?.view)
        return await revealBridge.call(signal, 'encodeViewPng', held.source, held.view);
      return await revealBridge.call(signal, 'encodePng', pixels);
    } catch (err) {
      if (err instanceof Error && err.name === WORKER_CRASHED) return encodePng(pixels);
      throw err;
    }
  }

  /**
   * How the worker can make `pixels` again from the image it holds: they are the view shown
   * (of `view`) or Auto's mask (of `found`). Then they need not be copied across: 140 MB at
   * 35 MP held the page for a tenth of a second or more. Undefined otherwise.
   */
  private _heldAs(
    pixels: Pixels,
  ): { source: Pixels; view?: RevealView; found?: AutoRevealResult } | undefined {
    const source = this.source;
    if (!source || !revealBridge.keepsImage(source)) return undefined;
    const auto = this._auto;
    if (auto?.source === source && auto.found.mask === pixels) return { source, found: auto.found };
    const full = this._full;
    if (full?.pixels === pixels && full.settings !== 'auto') {
      return { source, view: viewOf(full.settings, this._background) };
    }
    return undefined;
  }

  /** What is shown, at full resolution (waits for the pass under way, or starts one). */
  full(): Promise<Pixels | undefined> {
    const source = this.source;
    const settings = this._settings;
    if (!source || !settings) return Promise.resolve(undefined);
    if (this._full && (this._full.settings === 'auto' || this._full.settings === settings)) {
      return Promise.resolve(this._full.pixels);
    }
    if (this._pending?.settings === settings) return this._pending.promise;
    this._pass?.abort();
    const pass = (this._pass = new AbortController());
    const view = viewOf(settings, this._background);
    // A big image the worker holds: rendered and made ready to paint there (200–330 ms of
    // the page's time per move at 35 MP), no larger than the screen shows it (showAt: drawing
    // the full 35 MP on the page held it 160–350 ms more per move). Anywhere else (the worker
    // is gone, or the page decoded the image itself), here, at full size; its `scale` is noted
    // all the same, which costs one needless pass there when zoomed in.
    const scale = this._scale < 1 ? this._scale : undefined;
    const rendered =
      this._preview && revealBridge.keepsImage(source)
        ? renderInWorker(
            source,
            view,
            pass.signal,
            () => renderView(source, view, pass.signal),
            scale,
          )
        : this._renderHere(source, view, pass.signal);
    const promise = rendered
      .then((pixels) => {
        if (this._settings === settings && this.source === source) {
          this._full = { settings, pixels, scale };
          this.shown = pixels;
          this.host.requestUpdate();
          // Zoomed in while it was made: made again, larger.
          this.showAt(this._scale);
        }
        return pixels;
      })
      .finally(() => {
        if (this._pending?.promise === promise) this._pending = undefined;
      });
    this._pending = { settings, promise };
    return promise;
  }

  /** {@link renderView} on this thread, after a macrotask so a newer move can cancel it first. */
  private _renderHere(source: Pixels, view: RevealView, signal: AbortSignal): Promise<Pixels> {
    // On this thread, measured: a LUT pass over 12 MP plus its paint takes ~60 ms here, while
    // the worker round trip took 190–390 ms, most of it cloning the 48 MB input (on this
    // thread too). A macrotask first, so a newer slider move can cancel the pass unstarted.
    return new Promise<Pixels>((resolve, reject) =>
      setTimeout(() => {
        try {
          signal.throwIfAborted();
          resolve(renderView(source, view, signal));
        } catch (err) {
          reject(err);
        }
      }, 0),
    );
  }

  private _histogram(channel: Channel): Uint32Array | undefined {
    if (!this.source) return undefined;
    let counts = this._histograms.get(channel);
    if (!counts) {
      counts = histogram(this.source, channel, { background: this._background });
      this._histograms.set(channel, counts);
    }
    return counts;
  }

  private _cancel(): void {
    clearTimeout(this._timer);
    this._pass?.abort();
    this._pending = undefined;
  }
}
