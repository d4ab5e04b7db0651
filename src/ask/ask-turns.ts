import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { type Conversation, type ModelTurn, type UserTurn } from '../lib/conversation/types.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import { dialogStyles } from '../ui/dialog-styles.ts';
import { buttonStyles } from '../ui/form-styles.ts';
import type { AskState } from './ask-controller.ts';
import './ask-answer.ts';
import { answerStateOf } from './answer-state.ts';
// With the conversation, not the page: its Markdown renderer is what the first answer loads.
import { copyConversationMarkdown, exportConversation } from './conversation-export.ts';
import { styleWaiting } from './answer-waiting.ts';

/**
 * Detail of `ask-retry`: from ask-turns, the earlier answer to ask again in place of it and
 * every turn after it; none from the newest answer (a plain event that bubbles through).
 */
export type RetryDetail = string | undefined;

/** Detail of `ask-edit`: the last question, to edit in the Prompt. */
export interface EditDetail {
  text: string;
}

/**
 * The conversation: each question with its image thumbnails and text ("Edit" on the last),
 * each answer with its Markdown, model, tokens and time ("Copy" and "Retry"; "Retry" on an
 * earlier answer first confirms that the turns after it go), the newest answer (the view's
 * own, slotted as `live`) where it belongs; then "New conversation", "Export" (a
 * self-contained .html file) and "Copy as Markdown", with what they did. Loaded with the
 * first question.
 *
 * @slot live - the newest answer, as it streams
 *
 * @fires ask-edit - "Edit" on the last question ({@link EditDetail}).
 * @fires ask-new-conversation - "New conversation".
 * @fires ask-cancel-edit - "Cancel edit".
 * @fires ask-fresh - "New conversation with this image".
 * @fires ask-retry - "Retry" on an earlier answer, confirmed ({@link RetryDetail}: its id).
 */
@customElement('ask-turns')
export class AskTurns extends LitElement {
  static override styles = [
    buttonStyles,
    dialogStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--g-space-3);
      }
      ol {
        display: flex;
        flex-direction: column;
        gap: var(--g-space-3);
        margin: 0;
        padding: 0;
        list-style: none;
      }
      /* A long conversation: turns out of sight are neither laid out nor painted until they
         come near the viewport (the newest turn, last, always is). Not a question's bubble:
         it takes its width from its text, which size containment would hide (a sliver). */
      ol > li:not(:last-child, .you) {
        content-visibility: auto;
        contain-intrinsic-size: auto 8rem;
      }
      .you {
        align-self: end;
        max-width: 90%;
        padding: var(--g-space-2) var(--g-space-3);
        border-radius: var(--g-radius-large);
        background: var(--g-surface);
        border: 1px solid var(--g-border);
      }
      /* "Edit" sits at the end of the question's last line, not on a row of its own: a
         question a row shorter leaves room under it for the answer with its Copy and Retry
         (ask-pane.ts lifts them clear of the pane's bottom fade otherwise). */
      .you {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: end;
        column-gap: var(--g-space-3);
      }
      .you > * {
        grid-column: 1 / -1;
      }
      .you > p:has(+ button) {
        grid-column: 1;
      }
      .you > button {
        grid-column: 2;
        margin-bottom: var(--g-space-1);
      }
      .you p {
        margin: var(--g-space-1) 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .who {
        font-size: var(--g-text-small);
        color: var(--g-muted);
        font-weight: var(--g-weight-strong);
      }
      .thumbs {
        display: flex;
        flex-wrap: wrap;
        gap: var(--g-space-1);
      }
      .thumbs img {
        width: 4rem;
        height: 4rem;
        object-fit: cover;
        border-radius: var(--g-radius);
        border: 1px solid var(--g-border);
      }
      button {
        padding: 0.35rem 0.9rem;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--g-space-2);
      }
      .tools p {
        margin: 0;
      }
      /* What is done with the whole conversation, and Edit on a question: small buttons, as
         each answer's Copy and Retry are. */
      .tools button,
      .you button {
        padding: var(--g-space-1) var(--g-space-3);
        font-size: var(--g-text-small);
      }
      dialog {
        max-width: min(32rem, calc(100vw - 2rem));
      }
      dialog div {
        display: flex;
        flex-wrap: wrap;
        gap: var(--g-space-2);
      }
    `,
  ];

  /** The conversation to show. */
  @property({ attribute: false }) conversation?: Conversation;
  /** The newest answer's live state. */
  @property({ attribute: false }) live?: AskState;
  /** An answer is on its way: no "Edit" meanwhile. */
  @property({ type: Boolean }) busy = false;
  /** Where to find an image's thumbnail by hash. */
  @property({ attribute: false }) imageUrl: (hash: string) => string | undefined = () => undefined;
  /** The Prompt holds the last question for "Edit". */
  @property({ type: Boolean }) editing = false;
  /** The request was too large with the earlier turns: offer a fresh start with the question. */
  @property({ type: Boolean }) offerFresh = false;
  /** The bare base64 of an image by hash, for "Export". */
  @property({ attribute: false }) imageData: (hash: string) => string | undefined = () => undefined;
  /** Read the images whose base64 is read only when needed (before "Export" uses it). */
  @property({ attribute: false }) readImages: () => Promise<void> = async () => {};

  /** What "Export" or "Copy as Markdown" did, said in the status region beside them. */
  @state() private _note = '';
  /** The earlier answer whose "Retry" waits for the person's yes, and how many turns go. */
  @state() private _retrying?: { answerId: string; later: number };
  @query('dialog') private _dialog?: HTMLDialogElement;

  override render() {
    const turns = this.conversation?.turns ?? [];
    // The newest answer is the view's own element, slotted in, so it stays the same element
    // (and the same live region) from the first question on.
    const live = html`<slot name="live"></slot>`;
    if (turns.length === 0) return live;
    const lastQuestion = turns.findLastIndex((t) => t.role === 'user');
    return html`<ol aria-label="Conversation">
        ${repeat(
          turns,
          (t) => t.id,
          (t, i) => {
            if (t.role === 'user') return this._renderQuestion(t, i === lastQuestion && !this.busy);
            if (i === turns.length - 1) return html`<li>${live}</li>`;
            // The same state object for the same turn: a long conversation does not update
            // (nor render again) every earlier answer while the newest one streams.
            return html`<li>
              <ask-answer
                past
                ?lazy=${turns.length - 1 - i > EAGER_TURNS}
                ?busy=${this.busy}
                .state=${pastState(t)}
                .meta=${answerMeta(t)}
                @ask-retry=${(e: Event) => this._askRetry(e, t.id, turns.length - 1 - i)}
              ></ask-answer>
            </li>`;
          },
        )}
        ${turns.at(-1)?.role === 'user' ? html`<li>${live}</li>` : nothing}
      </ol>
      ${
        this.editing
          ? html`<p>
              ${M.editingLast}
              <button type="button" @click=${() => this._emit('ask-cancel-edit', undefined)}>
                Cancel edit
              </button>
            </p>`
          : nothing
      }
      <div class="tools">
        ${
          this.offerFresh
            ? html`<button type="button" @click=${() => this._emit('ask-fresh', undefined)}>
                ${M.newWithImage}
              </button>`
            : nothing
        }
        <button type="button" @click=${this._onNew}>New conversation</button>
        <button type="button" @click=${this._onExport}>Export</button>
        <button type="button" @click=${this._onCopyMarkdown}>Copy as Markdown</button>
        <p role="status">${this._note}</p>
      </div>
      ${this._renderRetryDialog()}`;
  }

  /** The question before "Retry" on an earlier answer: the turns after it would go. */
  private _renderRetryDialog() {
    return html`<dialog
      aria-labelledby="retry-title"
      aria-describedby="retry-detail"
      @close=${() => (this._retrying = undefined)}
    >
      <h2 id="retry-title">${M.retryEarlierTitle}</h2>
      <p id="retry-detail">${M.retryEarlierDetail(this._retrying?.later ?? 0)}</p>
      <div>
        <button type="button" @click=${this._confirmRetry}>${M.retryEarlierConfirm}</button>
        <button type="button" autofocus @click=${() => this._dialog?.close()}>
          ${M.retryEarlierCancel}
        </button>
      </div>
    </dialog>`;
  }

  /** "Retry" on an earlier answer: ask first (the newest answer's Retry goes to the view). */
  private async _askRetry(e: Event, answerId: string, later: number): Promise<void> {
    e.stopPropagation();
    if (this.busy) return;
    this._retrying = { answerId, later };
    await this.updateComplete;
    this._dialog?.showModal();
  }

  private _confirmRetry(): void {
    const answerId = this._retrying?.answerId;
    this._dialog?.close();
    if (!answerId) return;
    // The Retry pressed goes with its answer: the keyboard focus stays in place, on the
    // question asked again, rather than falling back to the top of the page.
    const turns = this.conversation?.turns ?? [];
    const question = turns[turns.findIndex((t) => t.id === answerId) - 1];
    this.renderRoot.querySelector<HTMLElement>(`li[data-turn="${question?.id}"]`)?.focus();
    this._emit<RetryDetail>('ask-retry', answerId);
  }

  private async _onExport(): Promise<void> {
    if (!this.conversation) return;
    this._note = '';
    await this.readImages();
    this._note = await exportConversation(this.conversation, this.imageData);
  }

  private async _onCopyMarkdown(): Promise<void> {
    if (!this.conversation) return;
    this._note = '';
    this._note = await copyConversationMarkdown(this.conversation);
  }

  protected override firstUpdated(): void {
    // The newest answer (slotted in) shows dots while it waits for its first words.
    styleWaiting(this.querySelector('ask-answer'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // What Export or Copy did concerns the conversation it was done on: a new one starts quiet.
    if (changed.has('conversation') && changed.get('conversation')?.id !== this.conversation?.id)
      this._note = '';
  }

  private _renderQuestion(turn: UserTurn, editable: boolean) {
    return html`<li class="you" data-turn=${turn.id} tabindex="-1">
      <span class="who">${M.exportYou}</span>
      ${
        turn.images.length
          ? html`<div class="thumbs">
              ${turn.images.map((img, n) => {
                const url = this.imageUrl(img.hash);
                const alt = `Image ${n + 1} of this question: ${img.name ?? img.mimeType}`;
                return url
                  ? html`<img src=${url} alt=${alt} loading="lazy" decoding="async" />`
                  : html`<span>${alt}</span>`;
              })}
            </div>`
          : nothing
      }
      <p>${turn.text}</p>
      ${
        editable
          ? html`<button type="button" @click=${() => this._onEdit(turn)}>Edit</button>`
          : nothing
      }
    </li>`;
  }

  private _onEdit(turn: UserTurn): void {
    this._emit<EditDetail>('ask-edit', { text: turn.text });
  }

  private _onNew(): void {
    this._emit('ask-new-conversation', undefined);
  }

  private _emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true }));
  }
}

/**
 * How many of the newest turns render their answers' Markdown at once; earlier ones wait
 * until they come near the screen, so a long conversation opens fast, while the answer just
 * before a follow-up never shows as raw Markdown for a frame.
 */
const EAGER_TURNS = 12;

/**
 * The one line of facts of an answer that has ended (empty otherwise): its model, tokens (or
 * this device's context use) and time, the same for the newest answer, earlier ones and an
 * answer reopened from History.
 */
export function answerMeta(turn: UserTurn | ModelTurn | undefined): string {
  if (turn?.role !== 'model' || turn.meta.state === 'streaming') return '';
  const { meta } = turn;
  return ASK_TEXT.answer.facts({
    model: meta.modelVersion ?? meta.model,
    usage: meta.usage,
    context: meta.context,
    ms: meta.durationMs,
  });
}

/** Each earlier answer's state, made once per turn object (turns are never changed in place). */
const pastStates = new WeakMap<ModelTurn, AskState>();

/** An earlier answer as the answer element shows it. */
function pastState(turn: ModelTurn): AskState {
  let state = pastStates.get(turn);
  if (!state) pastStates.set(turn, (state = answerStateOf(turn)));
  return state;
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-turns': AskTurns;
  }
  interface GlobalEventHandlersEventMap {
    'ask-edit': CustomEvent<EditDetail>;
    'ask-new-conversation': CustomEvent<undefined>;
    'ask-cancel-edit': CustomEvent<undefined>;
    'ask-fresh': CustomEvent<undefined>;
  }
}
