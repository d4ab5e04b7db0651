/**
 * The one place where model text becomes HTML: marked turns Markdown into HTML, DOMPurify
 * cleans it before it touches the page. Model output is untrusted (it can echo anything a
 * prompt or an image asked it to), so nothing here trusts it.
 */
import { Marked, type Token } from 'marked';
import DOMPurify, { type Config } from 'dompurify';

// A private Marked instance so other code's `marked.use()` cannot change how answers render.
// Images become plain links: an <img> in an answer would fetch a URL the model chose the
// moment it appears (a tracking pixel in the person's name), so the person decides instead.
const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    image({ href, text }) {
      const label = escapeHtml(text || href);
      return `<a href="${escapeHtml(href)}">Image: ${label}</a>`;
    },
  },
});

// A private DOMPurify instance: its hook must not leak into anyone else's sanitising.
const purify = DOMPurify(window);
purify.addHook('afterSanitizeAttributes', (node) => {
  // Links open in a new tab and the opened page gets no handle on this one.
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** What DOMPurify lets through: HTML only (no SVG/MathML), no forms, no remote images. */
const purifyConfig: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['img', 'style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
  FORBID_ATTR: ['style', 'srcset'],
  RETURN_DOM_FRAGMENT: true,
};

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
  const html = markdown.parser(tokens) as string;
  return purify.sanitize(html, purifyConfig);
}

/**
 * Turn model Markdown into a sanitised fragment: headings, lists, tables and code render;
 * scripts, event handlers, `javascript:` URLs and remote images do not survive.
 */
export function renderMarkdown(text: string): DocumentFragment {
  return tokensToFragment(markdown.lexer(text));
}

/** Replace the children of `target` with the rendered Markdown of `text`. */
export function renderMarkdownInto(target: HTMLElement, text: string): void {
  target.replaceChildren(renderMarkdown(text));
}

/**
 * Renders a streamed answer into `target` efficiently: text is appended as it arrives, the
 * DOM is updated at most once per animation frame, and blocks that can no longer change
 * (every top-level block except the last) are rendered once and kept, so only the growing
 * tail is re-parsed. `finish()` renders the whole text once more, so anything only the full
 * text decides (such as a reference link defined at the end) comes out right.
 */
export class StreamingMarkdown {
  private _text = '';
  /** How much of `_text` is rendered into `_done` and will not change. */
  private _doneLength = 0;
  private readonly _done: HTMLElement;
  private readonly _tail: HTMLElement;
  private _frame = 0;

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

  /** Add a piece of the answer; the page updates on the next animation frame. */
  append(piece: string): void {
    if (!piece) return;
    this._text += piece;
    if (!this._frame) this._frame = requestAnimationFrame(() => this.flush());
  }

  /** Bring the page up to date now (normally called by the animation frame). */
  flush(): void {
    if (this._frame) cancelAnimationFrame(this._frame);
    this._frame = 0;
    const rest = this._text.slice(this._doneLength);
    const tokens = markdown.lexer(rest);
    // Trailing blank space belongs to the last block, which may still grow.
    let last = tokens.length - 1;
    while (last > 0 && tokens[last].type === 'space') last--;
    if (last > 0) {
      const settled = tokens.slice(0, last);
      const settledLength = settled.reduce((n, t) => n + t.raw.length, 0);
      // Lexer tokens cover their source exactly; if not, fall back to a whole render.
      if (rest.startsWith(settled.map((t) => t.raw).join(''))) {
        this._done.append(tokensToFragment(settled));
        this._doneLength += settledLength;
        this._tail.replaceChildren(tokensToFragment(tokens.slice(last)));
        return;
      }
    }
    this._tail.replaceChildren(tokensToFragment(tokens));
  }

  /**
   * The answer is complete. Block by block rendering equals a whole render unless the text
   * defines reference links (`[x]: url`), which can change blocks above them: only then is
   * the whole text rendered again.
   */
  finish(): void {
    if (!REFERENCE_DEFINITION.test(this._text)) {
      this.flush();
      return;
    }
    if (this._frame) cancelAnimationFrame(this._frame);
    this._frame = 0;
    this._done.replaceChildren(renderMarkdown(this._text));
    this._doneLength = this._text.length;
    this._tail.replaceChildren();
  }

  /** Start over with no text. */
  reset(): void {
    if (this._frame) cancelAnimationFrame(this._frame);
    this._frame = 0;
    this._text = '';
    this._doneLength = 0;
    this._done.replaceChildren();
    this._tail.replaceChildren();
    this.target.replaceChildren(this._done, this._tail);
  }
}
