/**
 * History in the Ask view: saves the conversation as it goes (each question sent, each answer
 * ended), runs the History panel (open, continue, rename, delete, export all, import) and
 * brings back, after a reload, the conversation that was open. The view loads it (and with
 * it the IndexedDB store, `idb`, and the panel's element) on first use: on the first save, or
 * when History or Settings is first opened; none of it weighs on the first view. "Export
 * all" and "Import" load when first pressed.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { answerStateOf } from './answer-state.ts';
import { imageHashes } from '../lib/conversation/model.ts';
import type { Conversation, ModelTurn } from '../lib/conversation/types.ts';
import {
  dataUrlOf,
  openHistory,
  type HistoryChange,
  type HistoryEntry,
  type HistoryStore,
} from '../platform/history.ts';

/** Export all / Import, loaded when first pressed. */
const transfer = () => import('../platform/history-transfer.ts');
import {
  historyWasOpen,
  loadKeepHistory,
  openConversationId,
  rememberHistoryOpen,
  rememberOpenConversation,
  saveKeepHistory,
} from '../platform/history-settings.ts';
import type { AskController, AskState } from './ask-controller.ts';
import type { ImageSource } from './ask-image-panel.ts';
import './ask-history.ts';
import type { HistoryEventMap } from './ask-history.ts';

/** The message to show for a failure of History (the table's own, or the generic one). */
function messageOf(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown } | null;
  return e?.name === 'ConversationError' && typeof e.message === 'string'
    ? e.message
    : M.saveFailed;
}

/**
 * Bare base64 of a Blob: the browser's own `Uint8Array.prototype.toBase64` where there is one
 * (about ten times faster than a FileReader on a 100-turn conversation's 18 MB of images),
 * else through a `data:` URL. Not lib/image/base64.ts: see `dataUrlOf`.
 */
async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer()) as Uint8Array & {
    toBase64?: () => string;
  };
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  return (await dataUrlOf(blob)).replace(/^[^,]*,/, '');
}

/** A saved answer as the live answer element shows it (the newest answer of an opened one). */
export function savedAnswerState(turn: ModelTurn | undefined): AskState {
  return turn ? answerStateOf(turn) : { status: 'idle', text: '', thoughts: '' };
}

/**
 * Keeps the Ask view's conversation in History and runs the History panel. The view renders
 * `renderPanel()` and `renderStatus()`; the AskController tells it when to save (`onSave`).
 */
export class HistoryController implements ReactiveController {
  /** The History panel is open. */
  isOpen = false;
  /** The list, newest first (undefined until read). */
  entries?: HistoryEntry[];
  /** Space used, in words, when the browser says. */
  space = '';
  /** What the last action did (import counts, deleted), said politely in the panel. */
  notice = '';
  /** Why the last action in the panel failed. */
  panelError = '';
  /** Why the conversation on screen could not be saved (it stays on screen). */
  saveError = '';

  private _store?: Promise<HistoryStore>;
  private _saving: Promise<void> = Promise.resolve();
  private _unsubscribe?: () => void;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ask: AskController,
    /** Called once an opened conversation is on screen (the view readies its turns). */
    private readonly onOpened: () => Promise<void> | void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this._unsubscribe?.();
  }

  /** The store, opened once (again after a failure, so a later try can work). */
  private store(): Promise<HistoryStore> {
    this._store ??= openHistory().then((store) => {
      this._unsubscribe = store.onChange((change) => this._changed(change));
      return store;
    });
    this._store.catch(() => (this._store = undefined));
    return this._store;
  }

  /**
   * Keep the conversation as it stands (a question sent, or an answer ended). Saves run one
   * after another, so an older state never overwrites a newer one. With Keep history off,
   * nothing is written (and IndexedDB is not even opened).
   */
  save(c: Conversation): void {
    if (!c.id || c.turns.length === 0 || !loadKeepHistory()) return;
    // The Blobs are taken now: the view may drop its images before the save runs.
    const images = new Map<string, Blob>();
    for (const hash of imageHashes(c)) {
      const blob = this.ask.imageBlob(hash);
      if (blob) images.set(hash, blob);
    }
    this._saving = this._saving.then(async () => {
      try {
        const result = await (await this.store()).save(c, images);
        if (result === 'saved') rememberOpenConversation(c.id);
        this.saveError = '';
      } catch (error) {
        this.saveError = messageOf(error);
      }
      this.host.requestUpdate();
    });
  }

  /** Wait for the saves asked for so far (tests and the panel read after them). */
  saved(): Promise<void> {
    return this._saving;
  }

  /** After a reload: open the conversation that was open, and History if it was. */
  async restore(): Promise<void> {
    const id = openConversationId();
    if (id && this.ask.conversation.turns.length === 0) await this.openConversation(id, false);
    if (historyWasOpen()) await this.show();
  }

  /** Open the History panel and read the list. */
  async show(): Promise<void> {
    this.isOpen = true;
    this.notice = '';
    this.panelError = '';
    rememberHistoryOpen(true);
    this.host.requestUpdate();
    await this.refresh();
  }

  /** Close the History panel. */
  close(): void {
    this.isOpen = false;
    rememberHistoryOpen(false);
    this.host.requestUpdate();
  }

  /** Reads of the list started so far: only the newest one's list is shown. */
  private _reads = 0;

  /** Read the list and the space used again. */
  async refresh(): Promise<void> {
    // Reads overlap (a change while the panel opens, or two saves in a row) and the space used
    // takes its own time: an older read ending last must not put back an older list.
    const read = ++this._reads;
    try {
      const store = await this.store();
      const [entries, space] = await Promise.all([store.list(), store.spaceUsed()]);
      if (read !== this._reads) return;
      this.entries = entries;
      this.space = space?.text ?? '';
    } catch (error) {
      if (read !== this._reads) return;
      this.entries ??= [];
      this.panelError = messageOf(error);
    }
    this.host.requestUpdate();
  }

  private _changed(change: HistoryChange): void {
    if (this.isOpen) {
      void this.refresh();
    } else {
      // Closed: the list read before (and any read still on its way) is out of date. History,
      // opened again, says it is loading until the new list is read, not the old list.
      this.entries = undefined;
      this._reads++;
    }
    // Deleted here: the conversation on screen goes too, and a reload no longer brings it.
    const shown = this.ask.conversation.id;
    const gone = (change.kind === 'deleted' && change.id === shown) || change.kind === 'cleared';
    if (gone && !change.remote && shown) {
      this.ask.reset();
      rememberOpenConversation(undefined);
    }
  }

  /** Open a saved conversation in the view, ready to be continued. */
  async openConversation(id: string, closePanel = true): Promise<void> {
    try {
      const { conversation, images } = await (await this.store()).open(id);
      const last = conversation.turns.at(-1);
      this.ask.reset();
      // Follow-ups send the images again, as base64 in their turns: read when one is sent
      // (or on Export), not to show the conversation (megabytes for a long one).
      for (const [hash, blob] of images) this.ask.adopt(hash, blob, () => base64Of(blob));
      this.ask.conversation = conversation;
      this.ask.state = savedAnswerState(last?.role === 'model' ? last : undefined);
      this.host.requestUpdate();
      rememberOpenConversation(id);
      // Closed first: while the modal panel is open, the rest of the page cannot take focus.
      if (closePanel) this.close();
      await this.onOpened();
      if (closePanel) {
        // Opened by the person: the Prompt has the focus, ready for a follow-up.
        await this.host.updateComplete;
        (this.host as unknown as HTMLElement).shadowRoot?.querySelector('textarea')?.focus();
      }
    } catch (error) {
      // Gone (deleted in another tab) or unreadable: a reload starts afresh.
      if (!closePanel) rememberOpenConversation(undefined);
      this.panelError = messageOf(error);
      this.host.requestUpdate();
    }
  }

  /**
   * The image the stage shows for the conversation opened: the one its newest Find was about,
   * so that the boxes kept with that answer are drawn again (issue 9); else the newest image
   * it carried, so that a reloaded or reopened conversation about an image shows that image,
   * not the empty drop area; undefined when it has no image (the stage is left as it is).
   */
  stageImage(): ImageSource | undefined {
    const turns = this.ask.conversation.turns;
    const found = turns.findLast((t): t is ModelTurn => t.role === 'model' && !!t.meta.boxes);
    const newest = turns.flatMap((t) => (t.role === 'user' ? t.images : [])).at(-1)?.hash;
    const hash = found?.meta.boxes?.image ?? newest;
    const blob = hash ? this.ask.imageBlob(hash) : undefined;
    if (!hash || !blob) return undefined;
    const ref = turns
      .flatMap((t) => (t.role === 'user' ? t.images : []))
      .find((i) => i.hash === hash);
    return { blob, name: ref?.name ?? 'image' };
  }

  /** Run a panel action, saying what it did or why it failed. */
  private async _act(work: (store: HistoryStore) => Promise<string>): Promise<void> {
    this.notice = '';
    this.panelError = '';
    try {
      this.notice = await work(await this.store());
    } catch (error) {
      this.panelError = messageOf(error);
    }
    await this.refresh();
  }

  private readonly _on = {
    open: (e: HistoryEventMap['history-open']) => void this.openConversation(e.detail.id),
    rename: (e: HistoryEventMap['history-rename']) =>
      void this._act(async (s) => {
        await s.rename(e.detail.id, e.detail.title);
        return '';
      }),
    delete: (e: HistoryEventMap['history-delete']) =>
      void this._act(async (s) => {
        await s.delete(e.detail.id);
        return M.deleted;
      }),
    deleteAll: () =>
      void this._act(async (s) => {
        await s.deleteAll();
        return M.deletedAll;
      }),
    exportAll: () =>
      void this._act(async (s) => {
        const { download, exportAll } = await transfer();
        const text = await exportAll(s);
        const date = new Date().toISOString().slice(0, 10);
        download(text, `glimpse-history-${date}.json`, 'application/json');
        return M.exportedAll(this.entries?.length ?? 0);
      }),
    import: (e: HistoryEventMap['history-import']) =>
      void this._act(async (s) => {
        const { importAll } = await transfer();
        return (await importAll(s, await e.detail.file.text())).message;
      }),
    keep: (e: HistoryEventMap['history-keep']) => {
      saveKeepHistory(e.detail.on);
      this.host.requestUpdate();
    },
    close: () => this.close(),
  };

  /** The thumbnails of the rows the panel shows (read as they come into view). */
  private readonly _thumbnails = async (rows: HistoryEntry[]) =>
    (await this.store()).thumbnails(rows);

  /** The History panel, when open. */
  renderPanel() {
    if (!this.isOpen) return nothing;
    return html`<ask-history
      .entries=${this.entries}
      .loadThumbnails=${this._thumbnails}
      .keepHistory=${loadKeepHistory()}
      .space=${this.space}
      .notice=${this.notice}
      .error=${this.panelError}
      @history-open=${this._on.open}
      @history-rename=${this._on.rename}
      @history-delete=${this._on.delete}
      @history-delete-all=${this._on.deleteAll}
      @history-export-all=${this._on.exportAll}
      @history-import=${this._on.import}
      @history-keep=${this._on.keep}
      @history-close=${this._on.close}
    ></ask-history>`;
  }

  /** "New conversation": a reload no longer brings back the one that was open. */
  forget(): void {
    rememberOpenConversation(undefined);
  }

  /** "Keep history on this device", for Settings (the panel has its own). */
  renderKeepSwitch() {
    return html`<label class="inline">
      <input
        type="checkbox"
        .checked=${loadKeepHistory()}
        @change=${(e: Event) => {
          saveKeepHistory((e.target as HTMLInputElement).checked);
          this.host.requestUpdate();
        }}
      />
      Keep history on this device
    </label>`;
  }

  /** Why the conversation on screen was not saved, said plainly (it stays on screen). */
  renderStatus() {
    return this.saveError
      ? html`<p role="alert" data-testid="history-save-error">${this.saveError}</p>`
      : nothing;
  }
}
