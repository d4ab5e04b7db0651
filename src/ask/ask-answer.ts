import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import type { StreamingMarkdown } from '../platform/markdown.ts';
import { buttonStyles, visuallyHidden } from '../ui/form-styles.ts';
import type { AskState } from './ask-controller.ts';

/**
 * The answer to a question: Markdown rendered as it streams in (at most once per frame),
 * its usage, any thought summary kept apart in a collapsed "Thoughts", and what went wrong
 * with the next step in an alert. The finished answer is announced once to screen readers.
 *
 * @fires ask-retry - The person asked to repeat the question.
 */
@customElement('ask-answer')
export class AskAnswer extends LitElement {
  // The conversation reads as one list of turns: the newest answer's heading (which names its
  // region) and its "Done." are for screen readers only (sr-only), as earlier answers have
  // neither; while an answer is on its way its status shows. Copy and Retry are small, as a
  // chat app's are. Before the first question the status ("Ask a question to see the answer
  // here.") is for screen readers only too: beside the image, the key setup or the Question
  // box already says what to do first, as chat apps show no line above an empty chat (and the
  // live region stays in the page, so "Sending…" is still announced). Its buttons sit on the
  // page colour, a little lower than the form's. (Comments inside css`` ship in the first
  // view: they are kept out here.)
  static override styles = [
    buttonStyles,
    css`
      [hidden] {
        display: none !important;
      }
      .answer {
        min-height: 3rem;
        padding: 0.25rem 1rem;
        border: 1px solid var(--g-border);
        border-radius: var(--g-radius);
        background: var(--g-surface);
        overflow-wrap: anywhere;
      }
      .answer[data-chars='0']:is([data-state='failed'], [data-state='stopped']) {
        min-height: 0;
        padding: 0;
        border: 0;
      }
      .answer table {
        border-collapse: collapse;
      }
      .answer th,
      .answer td {
        border: 1px solid var(--g-border);
        padding: 0.2rem 0.5rem;
      }
      .answer pre {
        overflow-x: auto;
        padding: 0.5rem;
        background: var(--g-bg);
        border-radius: var(--g-radius);
      }
      .answer a {
        color: var(--g-focus);
      }
      .answer code {
        font-family: var(--g-font-mono);
        font-size: 0.9em;
      }
      .status {
        color: var(--g-muted);
        font-size: var(--g-text-small);
        margin: var(--g-space-1) 0;
      }
      .stopped {
        font-weight: 600;
        color: var(--g-fg);
      }
      .problem {
        border: 1px solid var(--g-danger);
        border-inline-start-width: 4px;
        border-radius: var(--g-radius);
        padding: 0.5rem 1rem;
        margin: 0.5rem 0;
      }
      .problem strong {
        color: var(--g-danger);
      }
      .problem:empty {
        display: none;
      }
      .sr-only,
      #answer-heading,
      .status[role='status']:has(~ .answer[data-state='done']),
      .status[role='status']:has(~ .answer[data-state='idle']),
      .status[role='status']:has(~ .answer[data-state='stopped']) {
        ${visuallyHidden}
      }
      .thoughts {
        white-space: pre-wrap;
        color: var(--g-muted);
      }
      button {
        padding: 0.35rem 0.9rem;
        background: var(--g-bg);
      }
      .actions {
        display: flex;
        gap: var(--g-space-2);
        margin-top: var(--g-space-1);
      }
      .actions button {
        padding: var(--g-space-1) var(--g-space-3);
        font-size: var(--g-text-small);
      }
      .actions [role='status'] {
        order: 1;
        align-self: center;
        font-size: var(--g-text-small);
        color: var(--g-muted);
      }
    `,
  ];

  /** The state of the current question (text, status, usage, problem). */
  @property({ attribute: false }) state?: AskState;
  /**
   * An earlier answer of the conversation: no "Answer" heading or region, no status line and
   * no alert (those belong to the newest answer). Its "Retry" discards every turn after it,
   * so the conversation asks first.
   */
  @property({ type: Boolean }) past = false;
  /** Another answer is on its way: an earlier answer offers no "Retry" meanwhile. */
  @property({ type: Boolean }) busy = false;
  /**
   * The line of facts of an ended answer in a conversation (model, tokens, time: `answerMeta`);
   * it takes the place of the facts the state brought, and with it "Retry" shows beside
   * "Copy" on the newest answer.
   */
  @property() meta = '';
  /**
   * An earlier answer far up a long conversation: its Markdown is rendered only once it comes
   * near the screen (until then its text shows as typed).
   */
  @property({ type: Boolean }) lazy = false;

  @state() private _copied = false;

  @query('.answer', true) private _answerEl!: HTMLElement;
  @query('.live', true) private _liveEl!: HTMLElement;
  private _markdown?: StreamingMarkdown;
  /** Loading the Markdown renderer (marked + DOMPurify), begun with the first question. */
  private _markdownLoad?: Promise<void>;
  private _shownText = '';
  /** An earlier answer has come near the screen: its Markdown is rendered from then on. */
  private _near = false;

  // `data-state` and `data-chars` on the answer say what the page holds (status, characters
  // of answer received), and `data-rendered` how it is shown (`text` until the Markdown
  // renderer has loaded, `markdown` once a finished answer is rendered), so tests wait on
  // them instead of on time.
  override render() {
    const s = this.state;
    const status = s?.status ?? 'idle';
    // Before the first question only the hint shows: no empty box waiting for an answer.
    const empty = status === 'idle' && !this.past;
    // One line of facts: the ended answer's (model, tokens, seconds), or while it arrives
    // what the stream has said so far.
    const facts = this.meta || liveFacts(s);
    // What went wrong comes under the answer, where the eye (and the conversation pane, kept
    // at its end) is when a long answer breaks off: above it, it was scrolled out of sight.
    return html`
      ${this.past ? nothing : html`<h3 id="answer-heading" ?hidden=${empty}>Answer</h3>`}
      ${this.past ? nothing : html`<p class="status" role="status">${this._statusText(s)}</p>`}
      <div
        class="answer"
        ?hidden=${empty}
        role=${this.past ? 'article' : 'region'}
        aria-labelledby=${this.past ? nothing : 'answer-heading'}
        aria-label=${this.past ? 'Earlier answer' : nothing}
        aria-busy=${status === 'streaming' ? 'true' : 'false'}
        data-state=${status}
        data-chars=${s?.text.length ?? 0}
      ></div>
      ${
        status === 'stopped'
          ? html`<p class="stopped" data-testid="stopped">
              ${s?.text ? ASK_TEXT.answer.partial : ASK_TEXT.answer.stoppedEmpty}
            </p>`
          : nothing
      }
      <div class="problem" role=${this.past ? nothing : 'alert'}>${this._renderProblem(s)}</div>
      ${
        s?.thoughts
          ? html`<details>
              <summary>Thoughts</summary>
              <div class="thoughts">${s.thoughts}</div>
            </details>`
          : nothing
      }
      ${facts ? html`<p class="status facts">${facts}</p>` : nothing}
      <div class="actions">
        ${
          s?.text
            ? html`<button type="button" @click=${this._onCopy}>Copy</button>
                <span role="status">${this._copied ? ASK_TEXT.answer.copied : ''}</span>`
            : nothing
        }
        ${
          (this.past && !this.busy) ||
          (this.meta && !this.past && (s?.status === 'done' || s?.status === 'stopped'))
            ? html`<button type="button" @click=${this._onRetry}>Retry</button>`
            : nothing
        }
      </div>
      <div class="sr-only live" aria-live="polite"></div>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('state')) return;
    if (this._markdown) {
      this._sync(changed.get('state') as AskState | undefined);
      return;
    }
    if (!this.state || this.state.status === 'idle') return;
    // Until the renderer arrives the answer shows as plain text, so what has arrived is
    // never hidden (a short answer can be complete before the renderer is loaded).
    this._answerEl.textContent = this.state.text ?? '';
    this._answerEl.dataset.rendered = 'text';
    // An earlier answer out of sight (a long conversation opened from History) stays plain
    // text, findable and copied as it is, until it comes near the screen: rendering fifty
    // answers' Markdown would hold up the newest one.
    if (this.lazy && !this._near) {
      whenNear(this, () => {
        this._near = true;
        this._loadMarkdown();
      });
      return;
    }
    this._loadMarkdown();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    notNear(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved while still plain text: watched again where it now is.
    if (this.hasUpdated && this.lazy && !this._near && !this._markdown)
      whenNear(this, () => {
        this._near = true;
        this._loadMarkdown();
      });
  }

  /** Load the Markdown renderer (once) and render the answer with it. */
  private _loadMarkdown(): void {
    // The renderer is most of Ask's code: it loads when the first question is sent, not
    // with the page. Once loaded it catches up with the whole state at once.
    this._markdownLoad ??= import('../platform/markdown.ts').then(
      ({ StreamingMarkdown }) => {
        this._markdown = new StreamingMarkdown(this._answerEl);
        this._sync(undefined);
      },
      () => {
        // Unreachable (offline before the first visit was cached): the answer as plain
        // text for now, and another try with the next change.
        this._answerEl.textContent = this.state?.text ?? '';
        this._markdownLoad = undefined;
      },
    );
  }

  /** Also wait for the Markdown renderer, so "updated" means the answer is on screen. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this._markdownLoad;
    return done;
  }

  /** Show the state's answer text and announce its end; `prev` is the state shown before. */
  private _sync(prev: AskState | undefined): void {
    if (!this._markdown) return;
    const s = this.state;
    const text = s?.text ?? '';
    const ended = s && (s.status === 'done' || s.status === 'stopped' || s.status === 'failed');
    if (text !== this._shownText) {
      if (text.startsWith(this._shownText))
        this._markdown.append(text.slice(this._shownText.length));
      else {
        this._markdown.reset();
        this._markdown.append(text);
        this._copied = false;
      }
      this._shownText = text;
      if (!ended) this._answerEl.dataset.rendered = 'streaming';
    }
    if (ended && prev?.status !== s.status) {
      this._markdown.finish();
      this._answerEl.dataset.rendered = 'markdown';
      // Announced once, when the answer is complete, never per token.
      // Written straight to the live region (not through a state) so it changes only here.
      // An earlier answer shown again (a follow-up, History) is not news.
      // Code blocks are not read out (a Find's boxes as Gemini gave them, a program): a
      // screen reader spells them out symbol by symbol; they are there in the answer to read.
      if (s.status === 'done' && !this.past) {
        const spoken = this._answerEl.cloneNode(true) as HTMLElement;
        spoken.querySelectorAll('pre').forEach((pre) => pre.remove());
        this._liveEl.textContent = `${ASK_TEXT.answer.ready} ${spoken.textContent ?? ''}`;
      }
    } else if (s?.status === 'streaming' && prev?.status !== 'streaming') {
      this._liveEl.textContent = '';
    }
  }

  private _renderProblem(s: AskState | undefined) {
    if (!s?.problem) return nothing;
    return html`<p><strong>${s.problem.title}</strong>: ${s.problem.detail}</p>
      <p>${s.problem.action}</p>
      ${
        s.status === 'failed' && !this.past
          ? html`<button type="button" @click=${this._onRetry}>Retry</button>`
          : nothing
      }`;
  }

  private _statusText(s: AskState | undefined): string {
    switch (s?.status) {
      case 'sending':
        return ASK_TEXT.answer.sending;
      case 'streaming':
        return ASK_TEXT.answer.answering;
      case 'retrying':
        return s.retryInSeconds
          ? ASK_TEXT.answer.retryingIn(s.retryInSeconds)
          : ASK_TEXT.answer.retrying;
      case 'done':
        return s.finishNote ?? ASK_TEXT.answer.done;
      case 'stopped':
        return ASK_TEXT.answer.stopped;
      case 'failed':
        return ASK_TEXT.answer.failed;
      default:
        return ASK_TEXT.answer.idle;
    }
  }

  private async _onCopy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.state?.text ?? '');
      this._copied = true;
    } catch {
      this._copied = false;
    }
  }

  private _onRetry(): void {
    this.dispatchEvent(new Event('ask-retry', { bubbles: true, composed: true }));
  }
}

/** The facts an answer's state holds while it arrives (this device's model names itself). */
function liveFacts(s: AskState | undefined): string {
  if (!s) return '';
  const model = s.modelVersion ?? (s.context ? ASK_TEXT.device.where : undefined);
  return ASK_TEXT.answer.facts({ model, usage: s.usage, context: s.context });
}

/** What to do when each watched element first comes near the screen. */
const nearWork = new Map<Element, () => void>();
let nearObserver: IntersectionObserver | undefined;

/**
 * Call `work` once `element` comes within half a screen of being seen (in the page or in a
 * scrolling box around it). One observer serves every answer.
 */
function whenNear(element: Element, work: () => void): void {
  nearObserver ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const run = nearWork.get(entry.target);
        notNear(entry.target);
        run?.();
      }
    },
    // scrollMargin (Chromium 120+) widens scrolling boxes too, not only the page's viewport.
    { rootMargin: '50% 0px', scrollMargin: '50% 0px' } as IntersectionObserverInit,
  );
  nearWork.set(element, work);
  nearObserver.observe(element);
}

/** Stop watching `element` (shown, or taken off the page). */
function notNear(element: Element): void {
  if (!nearWork.delete(element)) return;
  nearObserver?.unobserve(element);
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-answer': AskAnswer;
  }
  interface GlobalEventHandlersEventMap {
    'ask-retry': Event;
  }
}
