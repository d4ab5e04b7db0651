/**
 * The one place where model text becomes HTML: marked turns Markdown into HTML, DOMPurify
 * cleans it before it touches the page. Model output is untrusted (it can echo anything a
 * prompt or an image asked it to), so nothing here trusts it.
 */
import { Marked, type Token, type Tokens } from 'marked';
import DOMPurify, { type Config } from 'dompurify';

// A private Marked instance so other code's `marked.use()` cannot change how answers render.
const markdown = new Marked({
  gfm: true,
  async: false,
  // Raw HTML in an answer is text, shown as typed: without these two tokenizers a `<div>`
  // line or an inline `<b>` is read as a paragraph's words, which the renderer escapes.
  // Interpreted, an unclosed tag (`<math><mtext><table>`) would swallow the rest of the
  // answer, and a `<dialog open class="problem">` would pose as Glimpse's own error box.
  // (Returning `undefined`, not `false`: `false` would fall back to marked's own rule.)
  tokenizer: {
    html: () => undefined,
    tag: () => undefined,
  },
  renderer: {
    // Images become plain links: an <img> in an answer would fetch a URL the model chose
    // the moment it appears (a tracking pixel in the person's name), so the person decides.
    image({ href, text }) {
      const label = escapeHtml(text || href);
      return `<a href="${escapeHtml(href)}">Image: ${label}</a>`;
    },
    // A task list's box as a character: the sanitiser removes every <input>, and the
    // person should still see which items are done.
    checkbox({ checked }) {
      return checked ? '☑ ' : '☐ ';
    },
  },
});

// A private DOMPurify instance: its hooks must not leak into anyone else's sanitising.
const purify = DOMPurify(window);
purify.addHook('uponSanitizeAttribute', (node, data) => {
  // A fenced block's language (`class="language-ts"`, written by marked) is the one class
  // that survives; every other class and id is dropped (see FORBID_ATTR).
  if (data.attrName === 'class' && node.nodeName === 'CODE' && CODE_LANGUAGE.test(data.attrValue)) {
    data.forceKeepAttr = true;
  }
});
purify.addHook('afterSanitizeAttributes', (node) => {
  // Links open in a new tab and the opened page gets no handle on this one.
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** The class marked gives a fenced code block: one word, prefixed, so it matches no style. */
const CODE_LANGUAGE = /^language-[\w+#.-]+$/;

/** Remote media: each fetches a URL the model chose the moment it appears. */
const MEDIA_TAGS = ['img', 'video', 'audio', 'source', 'track', 'picture'];
/** Forms and controls: an answer must not ask for input or pose as Glimpse's own fields. */
const FORM_TAGS = ['form', 'input', 'button', 'textarea', 'select'];
/** Attributes that fetch a URL the model chose (on elements that survive, or would). */
const MEDIA_ATTRIBUTES = ['srcset', 'background', 'poster'];

/**
 * What DOMPurify lets through, the last line of defence behind marked (which already turns
 * raw HTML into text). Each rule is one case of the hostile-HTML list in
 * test/components/markdown.test.ts.
 * - HTML only: no SVG or MathML (and the HTML profile has no `iframe`, `object`, `embed`).
 * - No remote media and no forms or controls (above).
 * - No `style` element or attribute, no `class` or `id`: an answer must not restyle the page
 *   or borrow Glimpse's styles (a `.problem` error box).
 * - No `dialog`: nothing in the top layer, nothing posing as Glimpse's own dialogs.
 */
const purifyConfig: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [...MEDIA_TAGS, ...FORM_TAGS, 'style', 'dialog'],
  FORBID_ATTR: ['style', 'class', 'id', ...MEDIA_ATTRIBUTES],
  RETURN_DOM_FRAGMENT: true,
};
// Set once on the private instance: passing a config to every sanitize() call rebuilds all
// of DOMPurify's allow-lists each time, which cost more than parsing the Markdown itself.
purify.setConfig(purifyConfig);

/** The sanitiser's rules, for the test that checks each has a hostile case. */
export const SANITIZER_RULES = {
  forbiddenTags: purifyConfig.FORBID_TAGS ?? [],
  forbiddenAttributes: purifyConfig.FORBID_ATTR ?? [],
} as const;

/**
 * Sanitise HTML into a fragment ready to insert. Only marked's output reaches it in the app;
 * it is exported so tests can check each rule against raw HTML.
 */
export function sanitizeHtml(html: string): DocumentFragment {
  // The instance is configured with RETURN_DOM_FRAGMENT (above), so a fragment comes back.
  return purify.sanitize(html) as unknown as DocumentFragment;
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A Markdown reference-link definition line, which can change how earlier blocks render. */
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

/** Sanitise block tokens into a fragment ready to insert. */
function tokensToFragment(tokens: Token[]): DocumentFragment {
  return sanitizeHtml(markdown.parser(tokens) as string);
}

/**
 * Turn model Markdown into a sanitised fragment: headings, lists, tables and code render;
 * raw HTML shows as typed; scripts, event handlers, `javascript:` URLs and remote images
 * do not survive.
 */
export function renderMarkdown(text: string): DocumentFragment {
  return tokensToFragment(markdown.lexer(text));
}

/** Replace the children of `target` with the rendered Markdown of `text`. */
export function renderMarkdownInto(target: HTMLElement, text: string): void {
  target.replaceChildren(renderMarkdown(text));
}

/**
 * Blocks that a blank line does not end: a list goes on with its next item (`1.` after a
 * blank line joins the list above), indented code with its next indented line.
 */
function continuesPastBlank(token: Token | undefined): boolean {
  return token?.type === 'list' || (token?.type === 'code' && token.codeBlockStyle === 'indented');
}

/** Inline formatting that an emphasis or code marker run opens. */
const FORMATTING = new Set(['em', 'strong', 'codespan']);

/** The deepest last token: the inline one a text ends with (its formatting, if any). */
function lastLeaf(tokens: Token[]): Token | undefined {
  let leaf = tokens.findLast((t) => t.type !== 'space');
  while (leaf && !FORMATTING.has(leaf.type)) {
    const children: Token[] | undefined =
      leaf.type === 'list' ? (leaf as Tokens.List).items : (leaf as Tokens.Generic).tokens;
    const next = children?.at(-1);
    if (!next) break;
    leaf = next;
  }
  return leaf;
}

/** The most marker runs left out of one streaming render (`***_` is three runs at most). */
const MAX_OPEN_RUNS = 3;

/**
 * The text so far without the emphasis or code markers it opens and has not closed yet (in
 * its last line): `Some **bo` shows as `Some bo`, not `Some **bo` until the closing `**`
 * arrives. A run is left out only when marked itself would make it formatting once closed,
 * so a lone `2 * 3`, an escaped `\*`, a closing `**`, an intraword `_` and anything in a
 * code block stay. Only for streaming: a finished answer renders its whole text.
 */
export function withoutOpenMarkers(text: string): string {
  let shown = text;
  for (let n = 0; n < MAX_OPEN_RUNS; n++) {
    const line = shown.slice(shown.lastIndexOf('\n') + 1);
    const run = Array.from(line.matchAll(/\*+|_+|`+/g)).at(-1);
    if (!run) break;
    const at = shown.length - line.length + run.index;
    // Closed after one more character: does marked then start formatting at this run?
    const closed = `${shown}x${run[0]}`;
    const leaf = lastLeaf(markdown.lexer(closed));
    if (!leaf || !FORMATTING.has(leaf.type) || closed.length - leaf.raw.length !== at) break;
    shown = shown.slice(0, at) + shown.slice(at + run[0].length);
  }
  return shown;
}

/** A list at the end of a streamed answer, its settled items shown once. */
interface GrowingList {
  /** Ordered, start and looseness: if any changes, every item renders differently. */
  kind: string;
  /** How many items are settled and shown. */
  count: number;
  /** Their Markdown, to check they are still the same items. */
  raw: string;
  element: Element;
  /** The nodes of the last, still growing item. */
  live: ChildNode[];
}

/** The nodes inside the single list a fragment holds, without its leading line break. */
function listChildren(fragment: DocumentFragment): ChildNode[] {
  const nodes = Array.from(fragment.firstElementChild?.childNodes ?? []);
  return nodes[0]?.nodeType === Node.TEXT_NODE && !nodes[0].nodeValue?.trim()
    ? nodes.slice(1)
    : nodes;
}

/**
 * Shortest time between two renders of a streaming answer. Text appearing 20 times a second
 * reads as smooth, and each render costs a parse, a sanitise and a layout; pieces that
 * arrive faster are simply rendered together.
 */
export const MIN_RENDER_INTERVAL_MS = 50;

/**
 * Renders a streamed answer into `target` efficiently: text is appended as it arrives; the
 * DOM is updated in an animation frame, at most every {@link MIN_RENDER_INTERVAL_MS}; and
 * blocks that can no longer change are rendered once and kept, so only the growing tail
 * (for a list, only its last item) is re-rendered. `finish()` brings it up to date at once,
 * rendering the whole text again only when something requires it.
 */
export class StreamingMarkdown {
  private _text = '';
  /** How much of `_text` is rendered into `_done` and will not change. */
  private _doneLength = 0;
  private readonly _done: HTMLElement;
  private readonly _tail: HTMLElement;
  private _frame = 0;
  private _timer = 0;
  private _lastFlush = -Infinity;
  /** The list growing at the end of the tail, with its settled items already shown. */
  private _list?: GrowingList;
  /** `finish()` is rendering: the whole text, open markers and all. */
  private _finishing = false;

  /** Render into `target`, which this object then owns the children of. */
  constructor(private readonly target: HTMLElement) {
    this._done = document.createElement('div');
    this._tail = document.createElement('div');
    this._done.className = 'md-done';
    this._tail.className = 'md-tail';
    target.replaceChildren(this._done, this._tail);
  }

  /** The Markdown received so far. */
  get text(): string {
    return this._text;
  }

  /** Add a piece of the answer; the page updates in a coming animation frame. */
  append(piece: string): void {
    if (!piece) return;
    this._text += piece;
    if (this._frame || this._timer) return;
    const wait = this._lastFlush + MIN_RENDER_INTERVAL_MS - performance.now();
    if (wait <= 0) {
      this._frame = requestAnimationFrame(() => this.flush());
    } else {
      this._timer = window.setTimeout(() => {
        this._timer = 0;
        this._frame = requestAnimationFrame(() => this.flush());
      }, wait);
    }
  }

  /** Bring the page up to date now (normally called by the scheduled animation frame). */
  flush(): void {
    this._cancel();
    this._lastFlush = performance.now();
    let rest = this._text.slice(this._doneLength);
    // While streaming, a marker run not closed yet is left out rather than shown raw.
    if (!this._finishing) rest = withoutOpenMarkers(rest);
    let tokens: Token[] = markdown.lexer(rest);
    // Blocks settle only behind a blank line that comes before the last block: without one,
    // more text can still merge the last block into the one before (`* **` is a rule until
    // it turns into a list item with bold text); lists and indented code even go on past
    // a blank line.
    let last = tokens.length - 1;
    while (last > 0 && tokens[last].type === 'space') last--;
    let cut = last - 1;
    while (cut >= 0 && (tokens[cut].type !== 'space' || continuesPastBlank(tokens[cut - 1]))) {
      cut--;
    }
    if (cut >= 0) {
      last = cut + 1;
      const settled = tokens.slice(0, last);
      // Lexer tokens cover their source exactly; if not, render everything as the tail.
      if (rest.startsWith(settled.map((t) => t.raw).join(''))) {
        this._done.append(tokensToFragment(settled));
        this._doneLength += settled.reduce((n, t) => n + t.raw.length, 0);
        this._list = undefined;
        tokens = tokens.slice(last);
      }
    }
    const [head, ...after] = tokens;
    // A long list is often the growing block: only its last item is re-rendered.
    if (head?.type === 'list' && after.every((t) => t.type === 'space')) {
      this._flushList(head as Tokens.List);
      return;
    }
    this._list = undefined;
    this._tail.replaceChildren(tokensToFragment(tokens));
  }

  /**
   * Show a growing list in the tail: items before the last cannot change (as long as the
   * list keeps its kind, start and looseness), so they are rendered once and kept.
   */
  private _flushList(list: Tokens.List): void {
    const settledCount = list.items.length - 1;
    const kind = `${list.ordered}|${list.start}|${list.loose}`;
    const raw = (items: Tokens.ListItem[]) => items.map((i) => i.raw).join('');
    let state = this._list;
    const stillValid =
      state &&
      state.kind === kind &&
      state.count <= settledCount &&
      raw(list.items.slice(0, state.count)) === state.raw;
    if (!state || !stillValid) {
      const fragment = tokensToFragment([{ ...list, items: list.items.slice(0, settledCount) }]);
      const element = fragment.firstElementChild;
      if (!element) {
        this._list = undefined;
        this._tail.replaceChildren(tokensToFragment([list]));
        return;
      }
      this._tail.replaceChildren(fragment);
      const items = list.items.slice(0, settledCount);
      state = { kind, count: settledCount, raw: raw(items), element, live: [] };
      this._list = state;
    } else if (state.count < settledCount) {
      const more = list.items.slice(state.count, settledCount);
      const before = state.live[0] ?? null;
      for (const node of listChildren(tokensToFragment([{ ...list, items: more }]))) {
        state.element.insertBefore(node, before);
      }
      state.count = settledCount;
      state.raw += raw(more);
    }
    for (const node of state.live) node.remove();
    state.live = listChildren(tokensToFragment([{ ...list, items: list.items.slice(-1) }]));
    state.element.append(...state.live);
  }

  /**
   * The answer is complete. Block by block rendering equals a whole render unless the text
   * defines reference links (`[x]: url`), which can change blocks above them: only then is
   * the whole text rendered again. (Raw HTML is text, so no tag can reach across blocks.)
   */
  finish(): void {
    this._finishing = true;
    if (!REFERENCE_DEFINITION.test(this._text)) {
      this.flush();
      return;
    }
    this._cancel();
    this._done.replaceChildren(renderMarkdown(this._text));
    this._doneLength = this._text.length;
    this._list = undefined;
    this._tail.replaceChildren();
  }

  /** Start over with no text. */
  reset(): void {
    this._cancel();
    this._lastFlush = -Infinity;
    this._text = '';
    this._finishing = false;
    this._doneLength = 0;
    this._list = undefined;
    this._done.replaceChildren();
    this._tail.replaceChildren();
    this.target.replaceChildren(this._done, this._tail);
  }

  /** Drop a scheduled render (one is about to happen now, or no longer should). */
  private _cancel(): void {
    if (this._frame) cancelAnimationFrame(this._frame);
    if (this._timer) clearTimeout(this._timer);
    this._frame = 0;
    this._timer = 0;
  }
}
