import { LitElement, css, html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { HandoffDetail } from '../ui/events.ts';
import { type GeminiSettings, DEFAULT_MODEL } from '../lib/gemini/types.ts';
import { connectAllowed } from '../platform/connect-policy.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import { needsConsent } from './key-consent-dialog.ts';
import { loadModel, saveKeyModels, saveModel } from '../platform/storage.ts';
import type { AskKeyPanel, KeyWorksDetail } from './ask-key-panel.ts';
import { checkUploadSize, type UploadPlan } from '../platform/upload-plan.ts';
import { checkRequestSize } from '../lib/image/limits.ts';
import { AskController, type QuestionImage } from './ask-controller.ts';
import type { EditDetail } from './ask-turns.ts';
import type { FindDetail } from './ask-find.ts';
import type { AskAboutDetail } from './ask-stage.ts';
import type { HistoryController } from './history-controller.ts';
import { historyToRestore } from '../platform/history-restore.ts';
import type { ImageDetail, RequestOptions, ThinkingChoice } from '../lib/conversation/options.ts';

/** The conversation model: loaded once the person starts on a question, not with the page. */
type ConversationLib = typeof import('../lib/conversation/index.ts');
import { DropPasteController } from '../ui/drop-paste-controller.ts';
import { OnlineStatusController } from '../ui/online-status-controller.ts';
import { LESSON_PROMPTS } from '../lib/samples.ts';
import { fieldStyles } from './ask-styles.ts';
import type { ModelChoice } from './ask-model-choice.ts';
import type {
  AskImagePanel,
  ImageChangeDetail,
  ImageSource,
  SampleDetail,
} from './ask-image-panel.ts';
import './ask-key-panel.ts';
import './ask-image-panel.ts';
import './ask-answer.ts';

// The picker for the browser's own model matters only where the browser has one: elsewhere
// its code stays unloaded (the element, never defined, shows nothing).
if ('LanguageModel' in globalThis) void import('./ask-model-choice.ts');

/**
 * The choices of "Image detail" and "Thinking": value ('' leaves it to the model: "Default",
 * short so both fit beside the model's name in one row of a wide pane), label.
 */
const OPTION_CHOICES = {
  detail: [
    ['', 'Default'],
    ['low', 'Low'],
    ['medium', 'Medium'],
    ['high', 'High'],
  ],
  thinking: [
    ['', 'Default'],
    ['off', 'Off'],
    ['low', 'Low'],
    ['high', 'High'],
  ],
} as const;

/** An image attached to the next question, shown as a chip with "Remove image". */
interface Chip {
  plan: UploadPlan;
  name: string;
  /** A thumbnail URL of its own ('' when the browser cannot show the format). */
  url: string;
  source?: ImageSource;
}

/** Said when Ask is pressed with an empty prompt. */
const NO_PROMPT = ASK_TEXT.composer.noPrompt;

/**
 * The Ask view: a key, an image and a prompt go in, a streamed Markdown answer comes out.
 * Images arrive from the file input, a drop anywhere on the view, a paste, a sample, or a
 * hand-off from Reveal/Hide. The prompt, the image and any partial answer survive every
 * failure; Enter (or Ctrl/Cmd+Enter) asks, Shift+Enter is a new line.
 */
@customElement('ask-view')
export class AskView extends LitElement {
  // The composer is compact: the prompt first (two lines, growing with what is typed up to a
  // third of the screen) with Ask right under it (Stop in its place while an answer comes, as
  // in a chat app; as wide for either word, so it does not jump); Model, Image
  // detail and Thinking small fields below (the model's name the widest: with Thinking beside
  // them it had a third of the row and its name was cut, so then it takes a row). Once there
  // is a conversation, ask-late-styles.ts makes the column a pane on wide screens. "Key
  // works…" is a small line under Settings and History (right under the buttons on wide
  // screens), where the key went, not a large green line below the composer. Before the first
  // question the conversation takes no room (its status is for screen readers), so the key
  // setup or the Question box starts level with the image. Wide screens put the image large on
  // the left and the conversation beside it; the suggested prompts are light chips that wrap
  // (suggestions, not commands); offline is a state, not a fault: a calm line that says what
  // still works. (Comments inside css`` ship in the first view: they are kept out here.)
  static override styles = [
    fieldStyles,
    css`
      :host([dragging]) {
        outline: 3px dashed var(--g-accent);
        outline-offset: 4px;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--g-space-2);
      }
      .head h2 {
        margin: 0;
      }
      .head h2 {
        flex: 1;
      }
      .layout {
        display: grid;
        gap: var(--g-space-4) var(--g-space-5);
        grid-template-columns: minmax(0, 1fr);
        margin-top: var(--g-space-3);
      }
      @media (min-width: 60rem) {
        .layout {
          grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
          align-items: start;
        }
        .image-side {
          position: sticky;
          top: var(--g-space-3);
        }
      }
      .talk {
        display: flex;
        flex-direction: column;
        gap: var(--g-space-3);
        min-width: 0;
      }
      .settings {
        margin-top: var(--g-space-3);
        padding: var(--g-space-2) var(--g-space-4) var(--g-space-4);
        border: 1px solid var(--g-border);
        border-radius: var(--g-radius-large);
        background: var(--g-surface);
      }
      .settings > label {
        display: flex;
        margin: var(--g-space-3) 0;
      }
      .settings h3 {
        margin: var(--g-space-2) 0;
        font-size: var(--g-text-title);
      }
      .composer {
        margin: 0;
        padding: var(--g-space-1) var(--g-space-3) var(--g-space-3);
        border-radius: var(--g-radius-large);
        background: var(--g-bg);
      }
      .prompt-line {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        grid-template-areas: 'label label' 'text text' 'hint send';
        align-items: center;
        gap: var(--g-space-1) var(--g-space-3);
        margin: var(--g-space-1) 0 var(--g-space-2);
      }
      .prompt-line .field {
        display: contents;
      }
      .prompt-line label {
        grid-area: label;
      }
      .prompt-line textarea {
        grid-area: text;
      }
      .prompt-line .note {
        grid-area: hint;
        font-size: var(--g-text-small);
      }
      .prompt-line .send {
        grid-area: send;
        flex-wrap: nowrap;
        gap: var(--g-space-2);
        margin: 0;
      }
      .send button {
        min-width: 4.5rem;
      }
      .composer-row {
        display: flex;
        flex-wrap: wrap;
        align-items: start;
        gap: var(--g-space-2) var(--g-space-3);
        margin-top: var(--g-space-2);
        font-size: var(--g-text-small);
      }
      .composer-row .field {
        flex: 0 1 auto;
        min-width: 0;
        margin: 0;
        gap: 0;
      }
      .composer-row .field:first-child {
        flex: 1 1 8rem;
      }
      .composer-row:has(#thinking) .field:first-child {
        flex-basis: 100%;
      }
      .composer-row label {
        color: var(--g-muted);
      }
      .composer-row input,
      .composer-row select {
        padding: var(--g-space-1) var(--g-space-2);
      }
      .composer-row select {
        width: auto;
        max-width: 100%;
      }
      .composer-row .note:empty {
        display: none;
      }
      .composer-row .note {
        font-size: inherit;
      }
      .conversation.empty {
        height: 0;
        margin-bottom: calc(-1 * var(--g-space-3));
      }
      .head .works {
        order: 1;
        flex: 1 1 100%;
        margin: 0;
        color: var(--g-muted);
        font-size: var(--g-text-small);
      }
      @media (min-width: 60rem) {
        .head .works {
          text-align: end;
        }
      }
      .chips {
        display: flex;
        flex-wrap: wrap;
        gap: var(--g-space-2);
        margin: var(--g-space-2) 0 0;
        padding: 0;
        list-style: none;
      }
      .chips li {
        display: inline-flex;
        align-items: center;
        gap: var(--g-space-2);
        padding: var(--g-space-1) var(--g-space-2);
        border: 1px solid var(--g-border);
        border-radius: var(--g-radius-large);
        background: var(--g-surface);
        font-size: var(--g-text-small);
      }
      .chips img {
        width: 2.5rem;
        height: 2.5rem;
        object-fit: cover;
        border-radius: var(--g-radius);
      }
      .prompts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--g-space-2);
      }
      .prompts button {
        padding: var(--g-space-1) var(--g-space-3);
        border-radius: var(--g-radius-pill);
        font-size: var(--g-text-small);
        text-align: left;
      }
      textarea {
        min-height: 3.25rem;
        max-height: 33vh;
        field-sizing: content;
        resize: vertical;
      }
      .offline {
        margin: var(--g-space-2) 0 var(--g-space-3);
        padding: var(--g-space-2) var(--g-space-3);
        border: 1px solid var(--g-border);
        border-inline-start: 4px solid var(--g-muted);
        border-radius: var(--g-radius);
        background: var(--g-surface);
      }
    `,
  ];

  @state() private _settings?: GeminiSettings;
  /** The settings once the key is complete: what token counts use (never a partial key). */
  @state() private _countSettings?: GeminiSettings;
  @state() private _source?: ImageSource;
  @state() private _plan: UploadPlan | null = null;
  /** The image the stage shows (what `_plan` was made from). */
  private _stageSource?: ImageSource;
  /** The image a conversation reopened from History put on the stage: already in a turn. */
  private _reopenedSource?: ImageSource;
  @state() private _prompt = '';
  @state() private _blocked = '';
  /** Ask was pressed and waits for the image still being prepared. */
  @state() private _preparing = false;
  /** Gemini, or the model built into the browser (offered only where there is one). */
  @state() private _model: ModelChoice = 'gemini';
  /** The Gemini model questions go to (the composer's "Model" field). */
  @state() private _geminiModel = loadModel() ?? DEFAULT_MODEL;
  /** What "Check key" listed, offered in the Model field. */
  @state() private _models: string[] = [];
  /** "Check key" worked: the key's settings move behind "Settings". */
  @state() private _keyWorks = false;
  @state() private _keyNote = '';
  @state() private _settingsOpen = false;
  /** The Prompt holds the last question, to be sent in place of it. */
  @state() private _editing = false;
  /** The request would pass the inline limit, but the question alone fits: offer a fresh start. */
  @state() private _offerFresh = false;
  /** The Find that did not fit with the earlier turns: the fresh start asks it again. */
  private _freshFind?: FindDetail;
  /** The conversation's element has loaded (with the first question to Gemini). */
  @state() private _turnsReady = false;
  /** What to say under an ended answer (model, tokens, time), once the element loaded. */
  private _turnsMeta?: typeof import('./ask-turns.ts').answerMeta;
  /** Once a Find was asked: the newest answer as shown (a Find's in words, not its JSON). */
  private _shownState?: typeof import('./find-answer-state.ts').shownState;
  /** "Image detail" and "Thinking" for the next request (undefined: the model's default). */
  @state() private _options: RequestOptions = {};
  /** The images going with the next question, in the order shown (each planned to send). */
  @state() private _chips: Chip[] = [];
  /** What the question's images cost at Low, Medium and High, once counted. */
  @state() private _detailCounts?: [number, number, number];
  /** The person chose an Image detail: keep its counts up to date. */
  private _detailWanted = false;
  private _detailAbort?: AbortController;
  /** The conversation model, once loaded (it says which models think). */
  @state() private _lib?: ConversationLib;

  /**
   * One key panel, moved between the inline setup and Settings (a node moved keeps its
   * state: the check's result, the field's value).
   */
  private readonly _keyPanel: AskKeyPanel = this._makeKeyPanel();

  @query('textarea') private _textarea?: HTMLTextAreaElement;
  @query('ask-image-panel') private _imagePanel?: AskImagePanel;

  private readonly _ask = new AskController(this);
  private readonly _online = new OnlineStatusController(this);
  private readonly _drop = new DropPasteController(this, (file) => {
    this._source = { blob: file, name: file.name || 'pasted image' };
  });

  override render() {
    const busy = this._ask.busy || this._preparing;
    const empty = this._ask.state.status === 'idle';
    // Once a key works and a conversation has started, the composer's options fold behind one
    // toggle on a phone (the fold's styles come with the pane's: ask-late-styles.ts).
    const fold =
      this._keyWorks && !!this._pane && !!this._lib && this._ask.conversation.turns.length > 0;
    const folded = fold && !this._optionsOpen ? 'folded' : '';
    return html`
      <div class="head">
        <h2>Ask</h2>
        ${this._keyNote ? html`<p class="works" role="status">${this._keyNote}</p>` : nothing}
        ${
          this._keyWorks
            ? html`<button
                type="button"
                aria-expanded=${this._settingsOpen ? 'true' : 'false'}
                aria-controls="settings"
                @click=${this._toggleSettings}
              >
                Settings
              </button>`
            : nothing
        }
        <button type="button" aria-haspopup="dialog" @click=${this._openHistory}>History</button>
      </div>
      ${this._history?.renderPanel() ?? nothing} ${this._history?.renderStatus() ?? nothing}
      ${
        this._keyWorks && this._settingsOpen
          ? html`<section id="settings" class="settings" aria-labelledby="settings-title">
              <h3 id="settings-title">Settings</h3>
              ${this._keyPanel} ${this._history?.renderKeepSwitch() ?? nothing}
              <button type="button" @click=${this._toggleSettings}>Close settings</button>
            </section>`
          : nothing
      }
      ${
        this._online.online || this._model === 'device'
          ? nothing
          : html`<p class="offline" role="status">${ASK_TEXT.composer.offline}</p>`
      }
      <div class="layout">
        <div class="image-side">
          <ask-image-panel
            .settings=${
              // Offline, Gemini cannot count: the estimate stands until the network is back.
              this._model === 'device' || !this._online.online ? undefined : this._countSettings
            }
            .source=${this._source}
            .conversation=${this._ask.conversation}
            ?busy=${busy}
            @ask-find=${this._onFind}
            @ask-about=${this._onAskAbout}
            @ask-image-change=${this._onImage}
            @ask-sample=${this._onSample}
          ></ask-image-panel>
        </div>
        <div class="talk">
          <div class="conversation ${empty && !this._ask.conversation.turns.length ? 'empty' : ''}">
            ${this._renderConversation()}
          </div>
          ${this._keyWorks ? nothing : this._keyPanel}
          <fieldset class="composer">
            <legend>Question</legend>
            ${this._renderChips()}
            <div class="prompt-line">
              <div class="field">
                <label for="prompt">Prompt</label>
                <textarea
                  id="prompt"
                  .value=${this._prompt}
                  @input=${this._onPrompt}
                  @keydown=${this._onPromptKey}
                  aria-describedby="prompt-hint"
                ></textarea>
                <span id="prompt-hint" class="note">${ASK_TEXT.composer.promptHint}</span>
              </div>
              <div class="row send">
                <button
                  id="ask"
                  type="button"
                  class="primary"
                  @click=${busy ? this._onStop : this._onAsk}
                >
                  ${busy ? 'Stop' : 'Ask'}
                </button>
              </div>
            </div>
            ${this._blocked ? html`<p role="alert">${this._blocked}</p>` : nothing}
            ${
              empty
                ? html`<div class="prompts">
                    ${LESSON_PROMPTS.map(
                      (p) =>
                        html`<button type="button" @click=${() => this._usePrompt(p)}>
                          ${p}
                        </button>`,
                    )}
                  </div>`
                : nothing
            }
            ${fold && this._lib ? this._renderOptionsToggle(this._lib) : nothing}
            ${
              this._model === 'gemini'
                ? html`<div id="options" class="composer-row ${folded}">
                    ${this._renderModelField()} ${this._renderRequestOptions()}
                  </div>`
                : nothing
            }
            <ask-model-choice
              id="model-choice"
              class=${folded}
              @ask-model-choice-change=${this._onModelChoice}
            ></ask-model-choice>
          </fieldset>
        </div>
      </div>
    `;
  }

  /**
   * The newest answer, always the same element (its live region announces each answer once);
   * once the first question went to Gemini, slotted into the conversation around it.
   */
  private _renderConversation() {
    const turns = this._ask.conversation.turns;
    const last = turns.at(-1);
    const live = html`<ask-answer
      slot="live"
      .state=${this._shownState?.(this._ask) ?? this._ask.state}
      .meta=${this._turnsMeta?.(last) ?? ''}
    ></ask-answer>`;
    return html`<ask-turns
      .conversation=${this._turnsReady ? this._ask.conversation : undefined}
      .imageUrl=${(hash: string) => this._ask.imageUrl(hash)}
      .imageData=${(hash: string) => this._ask.imageData(hash)}
      .readImages=${() => this._ask.readImages()}
      ?busy=${this._ask.busy || this._preparing}
      ?editing=${this._editing}
      ?offerFresh=${this._offerFresh}
      @ask-edit=${this._onEdit}
      @ask-cancel-edit=${this._cancelEdit}
      @ask-new-conversation=${this._onNewConversation}
      @ask-fresh=${this._onFresh}
      @ask-retry=${(e: Event) => this._onRetry((e as CustomEvent<string | undefined>).detail)}
      >${live}</ask-turns
    >`;
  }

  /** The options folded on a phone: a toggle whose words say the current choices. */
  @state() private _optionsOpen = false;

  private _renderOptionsToggle(lib: ConversationLib) {
    const thinks = lib.modelThinks(this._geminiModel);
    const model = this._model === 'device' ? '' : this._geminiModel;
    const said = lib.CONVERSATION_MESSAGES.optionsToggle(
      model,
      this._options.imageDetail,
      thinks ? this._options.thinking : undefined,
    );
    // On one line, the choices made stay whole while a long model name gives way (ellipsis);
    // the toggle's name is the whole of what it says, said once (its two parts, flex items,
    // would be named with a space between them; an aria-label would be found as a label).
    const what = lib.CONVERSATION_MESSAGES.optionsToggle(model);
    return html`<button
      type="button"
      class="options-toggle"
      aria-expanded=${this._optionsOpen ? 'true' : 'false'}
      aria-controls=${this._model === 'gemini' ? 'options model-choice' : 'model-choice'}
      @click=${() => (this._optionsOpen = !this._optionsOpen)}
    >
      <span class="name">${said}</span><span class="what" aria-hidden="true">${what}</span
      ><span class="chosen" aria-hidden="true">${said.slice(what.length)}</span>
    </button>`;
  }

  /** "Image detail" always; "Thinking" only for models that think (once that is known). */
  private _renderRequestOptions() {
    const lib = this._lib;
    const thinks = lib?.modelThinks(this._geminiModel) ?? false;
    const mapped =
      lib && thinks ? lib.mapThinking(this._options.thinking, this._geminiModel) : undefined;
    return html`<div class="field">
        <label for="detail">Image detail</label>
        <select id="detail" @change=${this._onDetail} aria-describedby="detail-note">
          ${OPTION_CHOICES.detail.map(
            ([value, label]) =>
              html`<option value=${value} ?selected=${(this._options.imageDetail ?? '') === value}>
                ${label}
              </option>`,
          )}
        </select>
        <span id="detail-note" class="note"
          >${lib && this._detailCounts ? lib.CONVERSATION_MESSAGES.detailTokens(...this._detailCounts) : ''}</span
        >
      </div>
      ${
        thinks
          ? html`<div class="field">
              <label for="thinking">Thinking</label>
              <select id="thinking" @change=${this._onThinking} aria-describedby="thinking-note">
                ${OPTION_CHOICES.thinking.map(
                  ([value, label]) =>
                    html`<option
                      value=${value}
                      ?selected=${(this._options.thinking ?? '') === value}
                    >
                      ${label}
                    </option>`,
                )}
              </select>
              <span id="thinking-note" class="note">${mapped?.note ?? mapped?.chosen ?? ''}</span>
            </div>`
          : nothing
      }`;
  }

  private _onDetail(e: Event): void {
    const value = (e.target as HTMLSelectElement).value as ImageDetail | '';
    this._options = { ...this._options, imageDetail: value || undefined };
    // From the first choice on, each choice's cost is shown (and kept up to date).
    this._detailWanted = true;
    void this._countDetails();
  }

  /** Count what the question's images cost at Low, Medium and High (three countTokens). */
  private async _countDetails(): Promise<void> {
    const settings = this._countSettings;
    const lib = this._lib;
    this._detailAbort?.abort();
    this._detailCounts = undefined;
    if (!this._detailWanted || !settings?.apiKey || !lib || this._chips.length === 0) return;
    // A count never asks whether the key may go to a new host, nor goes where policy refuses.
    if (needsConsent(settings.baseUrl) || !connectAllowed(settings.baseUrl)) return;
    const abort = new AbortController();
    this._detailAbort = abort;
    try {
      const { countTokens } = await import('../lib/gemini/tokens.ts');
      const images = await Promise.all(this._chips.map((c) => c.plan.inlineImage()));
      const contents = [{ role: 'user' as const, parts: images.map((i) => ({ inlineData: i })) }];
      const count = (imageDetail: ImageDetail) =>
        countTokens(
          settings,
          { prompt: '', contents, options: lib.askOptions({ imageDetail }, settings.model) },
          abort.signal,
        );
      const [low, medium, high] = await Promise.all([count('low'), count('medium'), count('high')]);
      if (!abort.signal.aborted) this._detailCounts = [low, medium, high];
    } catch {
      // A count is a nicety: the choice works without it.
    }
  }

  private _onThinking(e: Event): void {
    const value = (e.target as HTMLSelectElement).value as ThinkingChoice | '';
    this._options = { ...this._options, thinking: value || undefined };
  }

  /** Load the conversation model when the person starts on a question. */
  private _loadLib(): void {
    if (this._lib || this._libLoad) return;
    this._libLoad = import('../lib/conversation/index.ts').then(
      (lib) => {
        this._lib = lib;
        // An Image detail chosen before the model arrived is counted now.
        void this._countDetails();
      },
      () => (this._libLoad = undefined),
    );
  }
  private _libLoad?: Promise<unknown>;

  private _renderModelField() {
    return html`<div class="field">
      <label for="model">Model</label>
      <input
        id="model"
        list="models"
        spellcheck="false"
        autocomplete="off"
        .value=${this._geminiModel}
        @change=${this._onGeminiModel}
      />
      <datalist id="models">
        ${this._models.map((m) => html`<option value=${m}></option>`)}
      </datalist>
    </div>`;
  }

  private _makeKeyPanel(): AskKeyPanel {
    const panel = document.createElement('ask-key-panel');
    panel.model = this._geminiModel;
    panel.addEventListener('ask-settings-change', (e) => this._onSettings(e));
    panel.addEventListener('ask-key-ready', (e) => this._onKeyReady(e));
    panel.addEventListener('ask-key-works', (e) => this._onKeyWorks(e));
    return panel;
  }

  protected override willUpdate(): void {
    // Gemini is streaming an answer: the key works, "Check key" pressed or not. Its setup
    // goes behind Settings, as after a check, or it keeps the conversation out of sight.
    const s = this._ask.state;
    if (!this._keyWorks && s.status === 'streaming' && s.text && !s.context) {
      this._keyWorks = true;
      saveKeyModels(this._models);
    }
    // Before a key works the panel is the short setup; in Settings it shows everything.
    this._keyPanel.setup = !this._keyWorks;
  }

  protected override updated(): void {
    // With the first conversation, its pane's layout (wide screens) loads: not with the page.
    if (this._turnsReady && !this._paneStyled) {
      this._paneStyled = true;
      void import('./ask-late-styles.ts').then((m) => {
        m.adoptOnce(this.renderRoot, m.paneStyles);
        this._pane = new m.AskPane(this.renderRoot as ShadowRoot);
        m.adoptOnce(this.renderRoot, m.foldStyles);
        this.requestUpdate();
      });
    }
    // The pane fits the window, and keeps the newest question in sight (ask-pane.ts).
    this._pane?.update();
    // Outlines the whole view while a file hovers over it (see :host([dragging])).
    this.toggleAttribute('dragging', this._drop.dragging);
  }

  /** The conversation's pane styles are loaded (or on their way). */
  private _paneStyled = false;
  /** Fits the conversation's pane to the window and scrolls it, once loaded. */
  private _pane?: import('./ask-late-styles.ts').AskPane;

  /** History (saving as the conversation goes, and its panel), loaded on first use. */
  private _history?: HistoryController;
  private _historyLoad?: Promise<HistoryController>;
  private _historyController(): Promise<HistoryController> {
    this._historyLoad ??= import('./history-controller.ts').then(
      (m) =>
        (this._history = new m.HistoryController(this, this._ask, () => this._historyOpened())),
    );
    return this._historyLoad;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._ask.onSave = (c) => void this._historyController().then((h) => h.save(c));
    // A reload brings back the conversation that was open, and History if it was.
    if (historyToRestore()) void this._historyController().then((h) => h.restore());
  }

  private _openHistory(): void {
    void this._historyController().then((h) => h.show());
  }

  /** A conversation opened from History is on screen: show it as a conversation. */
  private async _historyOpened(): Promise<void> {
    this._loadLib();
    this._turnsMeta ??= (await import('./ask-turns.ts')).answerMeta;
    this._turnsReady = true;
    this._editing = false;
    this._offerFresh = false;
    this._blocked = '';
    // The stage shows the image of the conversation's newest Find, with its boxes again.
    const shown = this._history?.stageImage();
    if (shown) this._source = this._reopenedSource = shown;
  }

  /** Take an image handed over from another view, with its prompt. */
  receive(detail: HandoffDetail): void {
    this._source = { blob: detail.image, name: detail.name };
    if (detail.prompt) this._prompt = detail.prompt;
  }

  private _onSettings(e: CustomEvent<GeminiSettings>): void {
    this._settings = e.detail;
    // A key cleared (or Forget key) stops counting at once; a new one waits to be complete.
    if (!e.detail.apiKey) {
      this._countSettings = undefined;
      // No key: the short setup comes back where the person asks.
      this._keyWorks = false;
      this._keyNote = '';
      this._settingsOpen = false;
    }
  }

  private _onKeyWorks(e: CustomEvent<KeyWorksDetail>): void {
    this._models = e.detail.models;
    if (e.detail.suggested) this._setGeminiModel(e.detail.suggested);
    this._keyWorks = true;
    this._settingsOpen = false;
    // After a reload the key is old news: no note.
    if (!e.detail.restored) this._keyNote = ASK_TEXT.composer.keyWorks(e.detail.models.length);
  }

  private _toggleSettings(): void {
    this._settingsOpen = !this._settingsOpen;
    // Settings says "Key works" itself: the note under its button has been read.
    this._keyNote = '';
    // Settings holds "Keep history on this device", which comes with History's code.
    void this._historyController();
  }

  private _onGeminiModel(e: Event): void {
    const model = (e.target as HTMLInputElement).value.trim() || DEFAULT_MODEL;
    saveModel(model === DEFAULT_MODEL ? '' : model);
    this._setGeminiModel(model);
  }

  /** Questions (and token counts, when the key is complete) go to `model` from now on. */
  private _setGeminiModel(model: string): void {
    this._geminiModel = model;
    this._keyPanel.model = model;
    if (this._settings) this._settings = { ...this._settings, model };
    if (this._countSettings) this._countSettings = { ...this._countSettings, model };
  }

  private _onKeyReady(e: CustomEvent<GeminiSettings>): void {
    this._countSettings = e.detail;
    // A complete key may come after Image detail was chosen: count the choices now.
    void this._countDetails();
  }

  private _onModelChoice(e: CustomEvent<ModelChoice>): void {
    this._model = e.detail;
    this._blocked = '';
  }

  private _onImage(e: CustomEvent<ImageChangeDetail>): void {
    this._loadLib();
    const { plan, source } = e.detail;
    this._plan = plan;
    this._stageSource = source;
    this._blocked = '';
    // An image an earlier turn carried is not added to the next question again.
    if (!plan || source === this._reopenedSource) return;
    const chip = this._chipOf(plan, source);
    // Auto/Original planned the same image again: it keeps its place.
    const same = this._chips.findIndex((c) => source && c.source === source);
    if (same >= 0) {
      this._dropChipUrl(this._chips[same]);
      this._chips = this._chips.map((c, i) => (i === same ? chip : c));
    } else {
      this._chips = [...this._chips, chip];
    }
    void this._countDetails();
  }

  private _chipOf(plan: UploadPlan, source: ImageSource | undefined): Chip {
    return {
      plan,
      name: source?.name ?? 'image',
      url: plan.previewUrl ? URL.createObjectURL(plan.blob) : '',
      source,
    };
  }

  private _removeChip(index: number): void {
    this._dropChipUrl(this._chips[index]);
    this._chips = this._chips.filter((_, i) => i !== index);
    void this._countDetails();
  }

  private _dropChipUrl(chip: Chip | undefined): void {
    if (chip?.url) URL.revokeObjectURL(chip.url);
  }

  /** The images of the next question, in order, as chips with "Remove image". */
  private _renderChips() {
    if (this._chips.length === 0) return nothing;
    return html`<ul class="chips" aria-label="Images for this question">
      ${this._chips.map(
        (c, i) =>
          html`<li>
            ${c.url ? html`<img src=${c.url} alt="" />` : nothing}
            <span id="chip-${i}">${c.name}</span>
            <button type="button" aria-describedby="chip-${i}" @click=${() => this._removeChip(i)}>
              Remove image
            </button>
          </li>`,
      )}
    </ul>`;
  }

  private _onSample(e: CustomEvent<SampleDetail>): void {
    this._prompt = e.detail.prompt;
  }

  private _onPrompt(e: Event): void {
    this._loadLib();
    this._prompt = (e.target as HTMLTextAreaElement).value;
  }

  private _usePrompt(prompt: string): void {
    this._prompt = prompt;
    this._textarea?.focus();
  }

  private _onPromptKey(e: KeyboardEvent): void {
    // Enter asks, as in every chat app; Shift+Enter is a new line, and Enter that ends an
    // IME composition (Japanese, Chinese…) only ends it.
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      void this._onAsk();
    }
  }

  private async _onAsk(): Promise<void> {
    if (this._ask.busy || this._preparing) return;
    const settings = this._settings;
    this._blocked = '';
    this._freshFind = undefined;
    // "Key works…" was said once; with a question asked it is old news.
    this._keyNote = '';
    // The model on this device needs no key and has no 20 MB request limit.
    const device = this._model === 'device';
    if (!device && !settings?.apiKey) {
      this._blocked = ASK_TEXT.composer.noKey;
      return;
    }
    const images: QuestionImage[] = [];
    let prompt: string;
    this._preparing = true;
    this._stopWanted = false;
    try {
      // An image picked a moment ago may still be loading or shrinking (a sample also brings
      // its prompt): wait for it, then read the question.
      await this._imagePanel?.ready();
      prompt = this._prompt.trim();
      if (!prompt) {
        this._blocked = NO_PROMPT;
        return;
      }
      // Over 20 MB the API refuses the request: say what to do before sending it.
      const chips = this._editing ? [] : this._chips;
      const tooLarge = chips.length
        ? chips.map((c) => checkUploadSize(c.plan, prompt)).find(Boolean)
        : checkRequestSize(0, prompt, 'auto');
      if (tooLarge && !device) {
        this._blocked = tooLarge.message;
        return;
      }
      for (const { plan, name } of chips) {
        const image = await this._ask.imageFor(plan.blob, plan.mimeType, name, () => plan.base64());
        if (image) images.push(image);
      }
      // The conversation's element comes with the first question.
      this._turnsMeta ??= (await import('./ask-turns.ts')).answerMeta;
      this._turnsReady = true;
    } finally {
      this._preparing = false;
    }
    if (this._stopWanted) return;
    // (Without settings only for the device model, as checked above.)
    if (device || !settings) return this._sendOnDevice(prompt, images);
    this._offerFresh = false;
    if (this._editing) {
      this._editing = false;
      await this._ask.editGemini(settings, prompt, this._options);
      if (this._ask.state.status === 'done') this._clearAsked(prompt);
    } else {
      const notSent = await this._ask.askGemini(settings, prompt, images, this._options);
      if (notSent) {
        this._blocked = notSent.message;
        this._offerFresh = notSent.offerFresh;
        return;
      }
      // Answered (or stopped, whose part-answer stays in the conversation): these images are
      // in the conversation now; the next question brings its own.
      if (this._ask.state.status === 'done' || this._ask.state.status === 'stopped') {
        this._chips.forEach((c) => this._dropChipUrl(c));
        this._chips = [];
        void this._countDetails();
      }
      if (this._ask.state.status === 'done') this._clearAsked(prompt);
    }
    // A question that failed or was stopped stays in the composer, to be asked again as it is
    // or changed.
  }

  /**
   * Empty the Prompt once its question is in the conversation, as chat apps do (with Enter
   * asking, a question left there is one key from being sent twice), unless the person has
   * typed on while the answer came: that is their next question.
   */
  private _clearAsked(asked: string): void {
    if (this._prompt.trim() === asked) this._prompt = '';
  }

  /** Ask the model on this device, in the same conversation as Gemini's questions. */
  private async _sendOnDevice(text: string, images: QuestionImage[]): Promise<void> {
    const edit = this._editing;
    this._offerFresh = this._editing = false;
    const notSent = await this._ask.askOnDevice({ text, images, edit });
    if (notSent) {
      this._blocked = notSent.message;
      this._offerFresh = notSent.offerFresh;
    } else if (!edit && this._ask.state.status === 'done') {
      // Answered: these images are in the conversation now; the next question brings its own.
      this._chips.forEach((c) => this._dropChipUrl(c));
      this._chips = [];
    }
    if (!notSent && this._ask.state.status === 'done') this._clearAsked(text);
  }

  /**
   * Stop, where Ask was while the answer comes (one button, as in chat apps): the answer so
   * far stays; a question still being prepared (its image loading) is not sent.
   */
  private _onStop(): void {
    if (this._preparing) this._stopWanted = true;
    this._ask.stop();
  }

  /** Stop was pressed while the question was being prepared: do not send it. */
  private _stopWanted = false;

  /**
   * Retry asks again with the settings on screen now (a corrected key or model counts): in a
   * conversation, the answer (and all after it) goes and its question is sent again.
   */
  private _onRetry(answerId?: string): void {
    const turns = this._ask.conversation.turns;
    if (turns.length === 0 || this._ask.busy) {
      void this._onAsk();
      return;
    }
    const device = this._model === 'device';
    const settings = this._settings;
    if (!device && !settings?.apiKey) {
      void this._onAsk();
      return;
    }
    this._blocked = '';
    this._editing = this._offerFresh = false;
    void (device || !settings
      ? this._ask.askOnDevice({ retry: answerId })
      : this._ask.retryGemini(settings, this._options, answerId));
  }

  private _onEdit(e: CustomEvent<EditDetail>): void {
    this._prompt = e.detail.text;
    this._editing = true;
    this._textarea?.focus();
  }

  private _cancelEdit(): void {
    this._editing = false;
    this._prompt = '';
  }

  /** "Find": a turn ("Find: …") asking Gemini for the boxes of what is in the stage's image. */
  private async _onFind(e: CustomEvent<FindDetail>): Promise<void> {
    const flow = await import('./ask-find-flow.ts');
    this._preparing = true;
    this._stopWanted = false;
    const { blocked, plan, send } = await flow
      .prepareFind(this._model, this._settings, this._ask, this._imagePanel, e.detail)
      .finally(() => (this._preparing = false));
    this._blocked = blocked ?? '';
    if (!send || this._stopWanted) return;
    this._turnsMeta ??= flow.answerMeta;
    this._shownState ??= flow.shownState;
    this._turnsReady = true;
    const notSent = await send(this._options);
    this._blocked = notSent?.message ?? '';
    // Too large with the earlier turns, as a question can be: the same fresh start.
    this._offerFresh = !!notSent?.offerFresh;
    this._freshFind = notSent?.offerFresh ? e.detail : undefined;
    // Answered (or stopped: its part-answer stays in the conversation, as a question's does):
    // the image is in the conversation now, its chip goes. (Not sent, it stays for the next
    // question: the state's "done" is then the earlier answer's.)
    const i = this._chips.findIndex((c) => c.plan === plan);
    const ended = this._ask.state.status === 'done' || this._ask.state.status === 'stopped';
    if (!notSent && ended && i >= 0) this._removeChip(i);
  }

  /** "Ask about this (part)": the crop, at full resolution, joins the next question. */
  private async _onAskAbout(e: CustomEvent<AskAboutDetail>): Promise<void> {
    const crop = await (await import('./ask-find-flow.ts')).cropChip(this._imagePanel, e.detail);
    if (typeof crop === 'string') return void (this._blocked = crop);
    this._chips = [...this._chips, this._chipOf(crop.plan, crop.source)];
    void this._countDetails();
    this._textarea?.focus();
  }

  private _onNewConversation(): void {
    this._ask.reset();
    this._history?.forget();
    // The stage's image is no longer in a turn: it is this conversation's to send.
    this._reopenedSource = undefined;
    // The image on the stage goes with the first question of the new conversation.
    if (this._plan && this._chips.length === 0) {
      this._chips = [this._chipOf(this._plan, this._stageSource)];
    }
    this._editing = false;
    this._offerFresh = false;
    this._blocked = '';
    this._textarea?.focus();
  }

  /** "New conversation with this image": the question alone, in a conversation of its own. */
  private _onFresh(): void {
    const find = this._freshFind;
    // As "New conversation" (which also forgets History's open conversation): the image on
    // the stage goes with the question.
    this._onNewConversation();
    // A Find that did not fit is asked again as it was (what to find, about that image).
    if (find) void this._onFind(new CustomEvent('ask-find', { detail: find }));
    else void this._onAsk();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ask-view': AskView;
  }
}
