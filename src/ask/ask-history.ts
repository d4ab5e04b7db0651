/**
 * The History panel: a modal `<dialog>` (focus kept inside, Escape closes) listing the saved
 * conversations newest first, each with its thumbnail, title and date, "Rename" and "Delete
 * conversation"; then Keep history, the space used, "Export all", "Import" and "Delete all
 * history". It only shows what it is given and says what the person chose: the
 * HistoryController does the work. Loaded the first time History opens.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import type { HistoryEntry } from '../platform/history.ts';
import { dialogStyles } from '../ui/dialog-styles.ts';
import { fieldStyles } from './ask-styles.ts';

/** The events the panel sends, with their details. */
export interface HistoryEventMap {
  'history-open': CustomEvent<{ id: string }>;
  'history-rename': CustomEvent<{ id: string; title: string }>;
  'history-delete': CustomEvent<{ id: string }>;
  'history-delete-all': CustomEvent<undefined>;
  'history-export-all': CustomEvent<undefined>;
  'history-import': CustomEvent<{ file: File }>;
  'history-keep': CustomEvent<{ on: boolean }>;
  'history-close': CustomEvent<undefined>;
}

/**
 * Rows rendered at first, and added each time the end of the list comes into view (or "Show
 * more conversations" is pressed): 1,000 rows rendered at once took about 200 ms to open.
 */
const PAGE = 40;

/** What the confirmation dialog asks about. */
type Confirm = { kind: 'one'; entry: HistoryEntry } | { kind: 'all' };

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * How many questions a row's conversation holds, which is what a person counts. The stored
 * row keeps questions and answers together (`turnCount`); each question is followed by its
 * answer, and only the last may still lack one, so the questions are the larger half.
 */
export function questionCount(turnCount: number): number {
  return Math.ceil(turnCount / 2);
}

/**
 * @fires history-open - a conversation's title was pressed: open it.
 * @fires history-rename - a new name was saved (Enter).
 * @fires history-delete - "Delete conversation" was confirmed.
 * @fires history-delete-all - "Delete all history" was confirmed.
 * @fires history-export-all - "Export all".
 * @fires history-import - a file was chosen in "Import".
 * @fires history-keep - "Keep history on this device" changed.
 * @fires history-close - the panel closed (Close history, Escape).
 */
@customElement('ask-history')
export class AskHistory extends LitElement {
  static override styles = [
    fieldStyles,
    dialogStyles,
    css`
      dialog {
        width: min(40rem, calc(100vw - 1rem));
        max-height: calc(100dvh - 1rem);
      }
      .top {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
      }
      ol {
        margin: 0.5rem 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        padding: 0.5rem 0;
        border-top: 1px solid var(--g-border);
        /* Rows off screen are not laid out or painted: 1,000 rows open as fast as 20. */
        content-visibility: auto;
        contain-intrinsic-size: auto 4rem;
      }
      .thumb {
        flex: none;
        width: 3rem;
        height: 3rem;
        object-fit: cover;
        border-radius: var(--g-radius);
        background: var(--g-surface);
      }
      .what {
        flex: 1 1 10rem;
        min-width: 0;
        display: flex;
        flex-direction: column;
        align-items: start;
      }
      .title {
        text-align: start;
        overflow-wrap: anywhere;
        font-weight: 600;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem;
      }
      .error {
        color: var(--g-danger);
        font-weight: 600;
      }
      .file {
        display: inline-flex;
        flex-direction: column;
        gap: 0.2rem;
      }
      /* Never the scroll anchor: rows added above it must not keep it (and its loading) in view. */
      .more {
        overflow-anchor: none;
      }
      input[type='file'] {
        max-width: 100%;
      }
    `,
  ];

  /** The saved conversations, newest first; undefined while they are read. */
  @property({ attribute: false }) entries?: HistoryEntry[];
  /** Reads the thumbnails of the given rows (by conversation id). */
  @property({ attribute: false }) loadThumbnails?: (
    rows: HistoryEntry[],
  ) => Promise<Map<string, string>>;
  /** "Keep history on this device". */
  @property({ type: Boolean }) keepHistory = true;
  /** The space used, in words. */
  @property() space = '';
  /** What the last action did. */
  @property() notice = '';
  /** Why the last action failed. */
  @property() error = '';

  @state() private _renaming?: string;
  @state() private _confirm?: Confirm;
  @state() private _thumbs = new Map<string, string>();
  /** How many rows are rendered. */
  @state() private _shown = PAGE;

  @query('dialog#history') private _dialog?: HTMLDialogElement;
  @query('dialog#confirm') private _confirmDialog?: HTMLDialogElement;

  /** Rows whose thumbnail was asked for, and the rows waiting to be asked for. */
  private readonly _asked = new Set<string>();
  private _pending: HistoryEntry[] = [];
  /** A row was deleted from here: once the list is read again, focus its first row. */
  private _refocus = false;
  private _observer?: IntersectionObserver;
  private _moreObserver?: IntersectionObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.updateComplete.then(() => {
      if (this._dialog && !this._dialog.open) this._dialog.showModal();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._observer?.disconnect();
    this._moreObserver?.disconnect();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('entries') || changed.has('_shown')) {
      this._observeRows();
      if (this._refocus) {
        this._refocus = false;
        // The button that asked is gone with its row: the focus stays in the panel.
        const next = this.renderRoot.querySelector<HTMLElement>('button.title');
        (next ?? this.renderRoot.querySelector<HTMLElement>('.top button'))?.focus();
      }
    }
    const confirm = this._confirmDialog;
    if (this._confirm && confirm && !confirm.open) confirm.showModal();
  }

  /** Thumbnails are read for the rows that come into view, a batch at a time. */
  private _observeRows(): void {
    this._observer?.disconnect();
    this._moreObserver?.disconnect();
    const dialog = this._dialog;
    if (!dialog) return;
    this._observer = new IntersectionObserver(
      (seen) => {
        const byId = new Map((this.entries ?? []).map((e) => [e.id, e]));
        for (const s of seen) {
          const id = (s.target as HTMLElement).dataset.id ?? '';
          const entry = byId.get(id);
          if (!s.isIntersecting || !entry || this._asked.has(id) || !entry.thumbnailOf) continue;
          this._asked.add(id);
          this._pending.push(entry);
        }
        void this._readThumbnails();
      },
      { root: dialog, rootMargin: '200px 0px' },
    );
    for (const row of this.renderRoot.querySelectorAll('li[data-id]')) this._observer.observe(row);
    // The end of the list in view: the next rows come.
    const more = this.renderRoot.querySelector('button.more');
    if (more) {
      this._moreObserver = new IntersectionObserver(
        (seen, self) => {
          if (!seen.some((s) => s.isIntersecting)) return;
          // The focus on the button (a keyboard or screen reader user reached it): they are
          // about to press it. Adding rows now would move it, and their focus, 200 rows down.
          if (more.matches(':focus')) return;
          self.disconnect();
          this._shown += PAGE * 5;
        },
        { root: dialog, rootMargin: '400px 0px' },
      );
      this._moreObserver.observe(more);
    }
  }

  /** "Show more conversations": the next rows, the focus on the first of them. */
  private async _showMore(): Promise<void> {
    const first = this._shown;
    this._shown += PAGE * 5;
    await this.updateComplete;
    this.renderRoot.querySelectorAll<HTMLElement>('button.title')[first]?.focus();
  }

  private async _readThumbnails(): Promise<void> {
    const rows = this._pending;
    this._pending = [];
    if (!rows.length || !this.loadThumbnails) return;
    try {
      const found = await this.loadThumbnails(rows);
      this._thumbs = new Map([...this._thumbs, ...found]);
    } catch {
      // A missing thumbnail is a blank square; the row still opens.
      for (const r of rows) this._asked.delete(r.id);
    }
  }

  override render() {
    const entries = this.entries;
    return html`<dialog
        id="history"
        aria-labelledby="history-title"
        @close=${this._onClose}
        @cancel=${this._onCancel}
      >
        <div class="top">
          <h2 id="history-title">History</h2>
          <button type="button" @click=${this._close}>Close history</button>
        </div>
        <label class="inline">
          <input type="checkbox" .checked=${this.keepHistory} @change=${this._onKeep} />
          Keep history on this device
        </label>
        ${this.keepHistory ? nothing : html`<p>${M.historyOff} ${M.historyOnScreenOnly}</p>`}
        <p role="status">${this.notice}</p>
        ${this.error ? html`<p role="alert" class="error">${this.error}</p>` : nothing}
        ${
          entries === undefined
            ? html`<p>${ASK_TEXT.historyLoading}</p>`
            : entries.length === 0
              ? html`<p>${M.historyEmpty}</p>`
              : html`<ol aria-label="Saved conversations">
                    ${entries.slice(0, this._shown).map((e) => this._renderRow(e))}
                  </ol>
                  ${
                    entries.length > this._shown
                      ? html`<button type="button" class="more" @click=${this._showMore}>
                            Show more conversations
                          </button>
                          <span class="note">${M.historyMore(entries.length - this._shown)}</span>`
                      : nothing
                  }`
        }
        ${this.space ? html`<p class="note">${this.space}</p>` : nothing}
        <div class="actions">
          <button type="button" @click=${this._exportAll} ?disabled=${!entries?.length}>
            Export all
          </button>
          <span class="file">
            <label for="import">Import</label>
            <input
              id="import"
              type="file"
              accept=".json,application/json"
              @change=${this._onImport}
            />
          </span>
          <button type="button" @click=${this._askDeleteAll} ?disabled=${!entries?.length}>
            Delete all history
          </button>
        </div>
      </dialog>
      ${this._renderConfirm()}`;
  }

  private _renderRow(e: HistoryEntry) {
    const titleId = `title-${e.id}`;
    const thumb = this._thumbs.get(e.id);
    const facts = M.historyRowFacts(dateFormat.format(e.updatedAt), questionCount(e.turnCount));
    if (this._renaming === e.id) {
      return html`<li data-id=${e.id}>
        <div class="field what">
          <label for="rename">Name</label>
          <input
            id="rename"
            .value=${e.title}
            aria-describedby="rename-hint"
            @keydown=${(k: KeyboardEvent) => this._onRenameKey(k, e)}
          />
          <span id="rename-hint" class="note">${M.renameHint}</span>
        </div>
      </li>`;
    }
    return html`<li data-id=${e.id}>
      ${thumb ? html`<img class="thumb" src=${thumb} alt="" />` : html`<span class="thumb"></span>`}
      <div class="what">
        <button type="button" class="title" id=${titleId} @click=${() => this._open(e)}>
          ${e.title}
        </button>
        <span class="note">${facts}</span>
      </div>
      <div class="actions">
        <button type="button" aria-describedby=${titleId} @click=${() => this._startRename(e)}>
          Rename
        </button>
        <button
          type="button"
          aria-describedby=${titleId}
          @click=${() => (this._confirm = { kind: 'one', entry: e })}
        >
          Delete conversation
        </button>
      </div>
    </li>`;
  }

  private _renderConfirm() {
    const c = this._confirm;
    if (!c) return nothing;
    const title = c.kind === 'one' ? M.confirmDelete(c.entry.title) : M.confirmDeleteAll;
    const detail =
      c.kind === 'one'
        ? M.confirmDeleteDetail
        : M.confirmDeleteAllDetail(this.entries?.length ?? 0);
    return html`<dialog
      id="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-detail"
      @close=${this._onConfirmClose}
    >
      <h3 id="confirm-title">${title}</h3>
      <p id="confirm-detail">${detail}</p>
      <div class="row">
        <button type="button" @click=${this._confirmed}>Delete</button>
        <button type="button" autofocus @click=${() => this._confirmDialog?.close()}>Cancel</button>
      </div>
    </dialog>`;
  }

  private _emit<K extends keyof HistoryEventMap>(
    type: K,
    detail: HistoryEventMap[K]['detail'],
  ): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  private _open(e: HistoryEntry): void {
    this._emit('history-open', { id: e.id });
  }

  private async _startRename(e: HistoryEntry): Promise<void> {
    this._renaming = e.id;
    await this.updateComplete;
    const field = this.renderRoot.querySelector<HTMLInputElement>('#rename');
    field?.focus();
    field?.select();
  }

  private async _onRenameKey(k: KeyboardEvent, e: HistoryEntry): Promise<void> {
    if (k.key !== 'Enter' && k.key !== 'Escape') return;
    // Escape cancels the rename only; the panel stays open.
    k.preventDefault();
    k.stopPropagation();
    const title = (k.target as HTMLInputElement).value;
    this._renaming = undefined;
    if (k.key === 'Enter' && title.trim() !== e.title) {
      this._emit('history-rename', { id: e.id, title });
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[id="title-${e.id}"]`)?.focus();
  }

  private _askDeleteAll(): void {
    this._confirm = { kind: 'all' };
  }

  private _confirmed(): void {
    const c = this._confirm;
    this._confirmDialog?.close();
    this._refocus = true;
    if (c?.kind === 'one') this._emit('history-delete', { id: c.entry.id });
    if (c?.kind === 'all') this._emit('history-delete-all', undefined);
  }

  private _onConfirmClose(): void {
    this._confirm = undefined;
  }

  private _exportAll(): void {
    this._emit('history-export-all', undefined);
  }

  private _onImport(e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) this._emit('history-import', { file });
    // The same file may be chosen again (to see that it is skipped).
    input.value = '';
  }

  private _onKeep(e: Event): void {
    this._emit('history-keep', { on: (e.target as HTMLInputElement).checked });
  }

  /** Escape while renaming cancels the rename, not the panel. */
  private _onCancel(e: Event): void {
    if (this._renaming !== undefined) {
      e.preventDefault();
      this._renaming = undefined;
    }
  }

  private _close(): void {
    this._dialog?.close();
  }

  private _onClose(e: Event): void {
    if (e.target !== this._dialog) return;
    this._emit('history-close', undefined);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-history': AskHistory;
  }
}
