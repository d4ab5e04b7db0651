/**
 * The conversation pane's fit and scrolling on wide screens (where ask-late-styles.ts makes
 * the talk column a pane): loaded with the first conversation, never with the empty view.
 */

import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';

/** An answer's states once it stopped short (an alert under it may say why). */
const ENDED = new Set(['stopped', 'failed']);

/** How far the pane's top edge fades (px, --g-space-4): a reason aligned there is still read. */
const TOP_FADE = 16;
/**
 * How far "More below" reaches up from the pane's bottom edge (px: its 2rem and the 0.5rem
 * under it), over the bottom fade (2rem): an ended answer's last row is kept above both, so
 * Retry is not drawn faded, or beside (on a phone, under) the button.
 */
const BOTTOM_CUE = 40;

/** Where the pane shows the newest turn from: its question's top, or the conversation's end. */
type Anchor = 'question' | 'end';

/**
 * Keeps the talk column inside the window and the newest question in sight.
 *
 * The column is as tall as the window below where it starts (its page offset goes to
 * `--talk-top`), so at the top of the page the composer is whole above the fold rather
 * than cut off by a column a window tall that starts under the heading.
 *
 * In the conversation (a column-reverse scroller, which keeps its end in sight by itself),
 * a new question and its answer start at the question's top, as a chat app shows them, while
 * the answer's text fits under it; while the text streams past the pane's bottom the pane
 * follows the end, and a complete answer no taller than the pane goes back under its
 * question (the question scrolled out of the top read as clipped), unless that would draw its
 * Copy and Retry under the bottom fade: then it goes up just enough for them
 * (`_underQuestion`); one stopped or failed keeps the end. Once the person scrolls or uses
 * the pane, it stays where they put it until the next question. While there is more below what the pane shows (a short answer under a
 * tall question can end just below it), its bottom edge fades (`data-more`) and a "More
 * below" button takes it to the end.
 */
export class AskPane {
  private _question?: Element;
  /** What the pane keeps in sight of the newest answer that stopped or failed (its reason). */
  private _reason?: Element;
  /** The person scrolled (or used) the pane since the newest question: leave it be. */
  private _moved = false;
  private _pane?: HTMLElement;
  /** Answers render after the view (Markdown later still): their growth is watched too. */
  private readonly _grown = new ResizeObserver(() => this.update());
  private _watched?: Element;
  /** The person scrolled the page since the newest question (narrow screens): leave it be. */
  private _pageMoved = false;

  constructor(private readonly _root: ShadowRoot) {
    addEventListener('resize', () => this.update());
    for (const type of ['wheel', 'touchmove']) {
      addEventListener(type, () => (this._pageMoved = true), { passive: true });
    }
    this.update();
  }

  /** Measure again: after every render of the view (an answer's chunk included). */
  update(): void {
    const talk = this._root.querySelector<HTMLElement>('.talk');
    const pane = this._root.querySelector<HTMLElement>('.conversation');
    if (!talk || !pane) return;
    const top = talk.getBoundingClientRect().top + scrollY;
    talk.style.setProperty('--talk-top', `${Math.round(top)}px`);
    if (getComputedStyle(pane).overflowY !== 'auto') return;
    this._scroll(pane);
    if (getComputedStyle(talk).position !== 'sticky') this._keepComposer(talk);
  }

  /**
   * Narrow screens: the page scrolls (the image above the pane), and a pane growing with an
   * answer would push the composer below the window's bottom edge. While the person is at the
   * composer (asked from it), until they scroll the page, the pane's bottom (the composer) is
   * kept in the window, as in a chat app. A Find asked from the image, or a focus moved to
   * the image, leaves the page where it is.
   */
  private _keepComposer(talk: HTMLElement): void {
    if (!this._question || this._pageMoved) return;
    if (!talk.querySelector('.composer')?.contains(this._root.activeElement)) return;
    const below = talk.getBoundingClientRect().bottom - innerHeight;
    // An answer that stopped or failed: its reason stays in the window, even if that leaves
    // the composer's foot below it (a short window has no room for both).
    const reason = this._reason?.isConnected ? this._reason.getBoundingClientRect().top : Infinity;
    const step = Math.min(below, reason);
    if (step > 1 || reason < -1) scrollBy(0, step);
  }

  private _scroll(pane: HTMLElement): void {
    if (pane !== this._pane) {
      // The browser moves scrollTop itself as content grows: only input says the person did.
      this._pane = pane;
      const moved = () => (this._moved = true);
      for (const type of ['wheel', 'touchstart', 'pointerdown', 'keydown']) {
        pane.addEventListener(type, moved, { passive: true });
      }
      pane.addEventListener('scroll', () => this._cue(pane), { passive: true });
    }
    this._cue(pane);
    const host = pane.querySelector('ask-turns');
    if (host && host !== this._watched) {
      this._watched = host;
      this._grown.disconnect();
      this._grown.observe(host);
    }
    const turns = host?.shadowRoot;
    const live = turns?.querySelector('li:has(slot)');
    const question = live?.previousElementSibling;
    const text = pane.querySelector('ask-answer')?.shadowRoot?.querySelector('.answer');
    if (!question || !text) return;
    if (question !== this._question) {
      // A new question: it starts at its top, whatever the person did with the one before.
      this._question = question;
      this._moved = this._pageMoved = false;
    } else if (this._moved) return;
    const box = pane.getBoundingClientRect();
    const q = question.getBoundingClientRect();
    const t = text.getBoundingClientRect();
    const state = text.getAttribute('data-state') ?? '';
    // Streaming, the text is read as it comes: under the question while it fits there, then
    // at the end. A complete answer no taller than the pane goes back under its question (its
    // end may then be below the pane's bottom edge: "More below" says so); one stopped or
    // failed shows what happened, and Retry, at the pane's bottom edge (the conversation's
    // end has its tools under them): its last row (Copy, Retry) above the bottom cue, unless
    // that would take the reason above it (an alert, or "Stopped: …") past the top edge.
    // (A stopped answer's alert is empty and not drawn: aligning its empty box took the
    // pane up to the question, and "Stopped" out of sight.)
    const root = text.parentNode as ParentNode | null;
    const alert = ENDED.has(state) && root?.querySelector('.actions');
    // A stopped answer the pane has room for is read from its start (a stopped Find's first
    // line says what it had found so far): its "Stopped" line is then "More below" away.
    const whole = state === 'stopped' && t.height <= box.height - TOP_FADE - BOTTOM_CUE;
    const reason =
      alert &&
      ((whole && text) || (root?.querySelector('.problem:not(:empty), .stopped') ?? alert));
    this._reason = reason || undefined;
    const anchor: Anchor = alert
      ? 'end'
      : (state === 'done' ? t.height <= box.height : t.bottom - q.top <= box.height)
        ? 'question'
        : 'end';
    // In a column-reverse scroller scrollTop is 0 at the end and negative above it.
    const target = alert
      ? Math.min(
          0,
          pane.scrollTop +
            Math.min(
              alert.getBoundingClientRect().bottom - box.bottom + BOTTOM_CUE,
              (reason || alert).getBoundingClientRect().top - box.top - TOP_FADE,
            ),
        )
      : anchor === 'end'
        ? 0
        : Math.min(0, pane.scrollTop + this._underQuestion(box, q, text, state));
    if (Math.abs(pane.scrollTop - target) > 1) pane.scrollTop = target;
  }

  /**
   * How far to scroll to show a new question from its top. A complete answer whose last row
   * (Copy, Retry) would then be drawn under the pane's bottom fade or beside "More below"
   * (the pane nearly full) goes up just enough to bring that row clear of them, as long as the
   * answer's own first line stays below the top fade: the question moves up by that row and
   * the cue's height at most, its top under the top fade. A row wholly below the pane stays
   * there, "More below" taking the pane to it (a question taller than the pane is read from
   * its top).
   */
  private _underQuestion(box: DOMRect, q: DOMRect, text: Element, state: string): number {
    const top = q.top - box.top;
    const row = state === 'done' && text.parentNode?.querySelector('.actions:has(button)');
    const r = row && row.getBoundingClientRect();
    if (!r || r.top - top >= box.bottom || r.bottom - top <= box.bottom - BOTTOM_CUE) return top;
    const clear = r.bottom - box.bottom + BOTTOM_CUE;
    return Math.max(top, Math.min(clear, text.getBoundingClientRect().top - box.top - TOP_FADE));
  }

  /** "More below", made on first need: it takes the pane to its end. */
  private _more?: HTMLButtonElement;

  /**
   * Mark the pane while there is more below what it shows (its bottom edge then fades) and
   * offer "More below". The button goes after the composer, outside what Lit renders (so a
   * render leaves it be); the styles place it over the pane's bottom edge.
   */
  private _cue(pane: HTMLElement): void {
    // In a column-reverse scroller scrollTop is 0 at the end and negative above it.
    const more = pane.scrollTop < -4;
    pane.toggleAttribute('data-more', more);
    if (more && !this._more) {
      this._more = document.createElement('button');
      this._more.type = 'button';
      this._more.className = 'more-below';
      this._more.textContent = M.moreBelow;
      this._more.addEventListener('click', () => {
        // At once, not smoothly: nothing moves on its own (reduced motion or not).
        const at = this._root.querySelector<HTMLElement>('.conversation');
        if (at) at.scrollTop = 0;
      });
    }
    const talk = pane.parentElement;
    if (this._more && talk && this._more.parentElement !== talk) talk.append(this._more);
    this._more?.toggleAttribute('hidden', !more);
  }
}
