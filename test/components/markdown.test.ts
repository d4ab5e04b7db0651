import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MIN_RENDER_INTERVAL_MS,
  SANITIZER_RULES,
  StreamingMarkdown,
  renderMarkdown,
  sanitizeHtml,
  withoutOpenMarkers,
} from '../../src/platform/markdown.ts';

declare global {
  interface Window {
    __pwned?: string[];
  }
}

/** Serialise a fragment so two renderings can be compared. */
function htmlOf(fragment: DocumentFragment | Node): string {
  const div = document.createElement('div');
  div.append(fragment.cloneNode(true));
  return div.innerHTML;
}

/** What a StreamingMarkdown target shows, ignoring its two wrapper blocks. */
function shownHtml(target: HTMLElement): string {
  return Array.from(target.children)
    .map((c) => c.innerHTML)
    .join('');
}

/**
 * What a streaming render of `sent` must show: a whole render of it with the emphasis and code
 * markers it has opened and not closed yet left out (they would show raw, then jump).
 */
function streamedRender(sent: string): string {
  return htmlOf(renderMarkdown(withoutOpenMarkers(sent)));
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

// An answer shaped like a real one: heading, loose and tight lists, a table, code, a quote,
// a link and a reference link defined at the very end (only the whole text can resolve it).
const ANSWER = `## Cats and dogs

Okay, let's dive into the world of cats and dogs! This is a **broad** topic.

*   **Domestication:**
    *   **Dogs:** started 15,000 years ago.
    *   **Cats:** about 10,000 years ago.

1. First
2. Second

| Trait | Cat | Dog |
| --- | --- | --- |
| Size | small | varies |
| Sound | meow | woof |

\`\`\`ts
const pet = 'cat';

console.log(pet);
\`\`\`

> A quote, with a [link](https://example.com/a "title").

See [the guide][guide] for more.

[guide]: https://example.com/guide
`;

afterEach(() => {
  document.body.replaceChildren();
  delete window.__pwned;
});

describe('renderMarkdown', () => {
  it('renders headings, lists, tables and code', () => {
    const html = htmlOf(renderMarkdown(ANSWER));
    expect(html).toContain('<h2>Cats and dogs</h2>');
    expect(html).toContain('<strong>broad</strong>');
    expect(html).toMatch(/<ul>\s*<li><strong>Domestication:<\/strong>/);
    expect(html).toMatch(/<ol>\s*<li>First<\/li>/);
    expect(html).toMatch(/<table>[\s\S]*<th>Trait<\/th>[\s\S]*<td>woof<\/td>/);
    expect(html).toContain('<code class="language-ts">');
    expect(html).toContain('<blockquote>');
  });

  it('opens links in a new tab with no handle on this page', () => {
    const div = document.createElement('div');
    div.append(renderMarkdown(ANSWER));
    const links = Array.from(div.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.com/a',
      'https://example.com/guide',
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('runs none of the scripts, handlers or javascript: links an answer carries', async () => {
    window.__pwned = [];
    const hostile = [
      '<img src=x onerror="window.__pwned.push(\'img\')">',
      '<script>window.__pwned.push("script")</script>',
      '[click me](javascript:window.__pwned.push("link"))',
      '<a href="javascript:window.__pwned.push(\'a\')">raw link</a>',
      '<svg onload="window.__pwned.push(\'svg\')"><circle r="5"/></svg>',
      '<svg><animate onbegin="window.__pwned.push(\'anim\')" attributeName="x" dur="1s"/></svg>',
      '<iframe src="javascript:window.__pwned.push(\'iframe\')"></iframe>',
      '<details open ontoggle="window.__pwned.push(\'toggle\')">x</details>',
      '![remote](https://tracker.example/pixel.png)',
    ].join('\n\n');
    const target = document.createElement('div');
    document.body.append(target);
    target.append(renderMarkdown(hostile));
    // Give image errors, SVG load and toggle events every chance to fire.
    await nextFrame();
    await new Promise((r) => setTimeout(r, 100));
    expect(window.__pwned).toEqual([]);
    expect(target.querySelector('script, svg, img, iframe, [onerror], [onload], [ontoggle]')).toBe(
      null,
    );
    for (const a of Array.from(target.querySelectorAll('a'))) {
      expect(a.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    // A Markdown image becomes a link the person may follow, not a fetch the model chose.
    const remote = Array.from(target.querySelectorAll('a')).find((a) =>
      a.href.includes('tracker.example'),
    );
    expect(remote?.textContent).toBe('Image: remote');
  });
});

/**
 * One hostile case per rule of the sanitiser. `html` is what a model might write; `gone` is
 * what the rule must keep out of the page (a selector). Payloads try to hide, restyle or
 * pose as the page, so a rule that lets them through also hides or changes visible text.
 */
interface RuleCase {
  /** The rule as the config names it, e.g. `FORBID_TAGS video`; test names start with it. */
  rule: string;
  html: string;
  gone: string;
}

const TRACKER = 'https://tracker.example/p.png';

const RULE_CASES: RuleCase[] = [
  { rule: 'FORBID_TAGS img', html: `<img src="${TRACKER}" alt="pixel">`, gone: 'img' },
  { rule: 'FORBID_TAGS video', html: `<video src="${TRACKER}" autoplay></video>`, gone: 'video' },
  { rule: 'FORBID_TAGS audio', html: `<audio src="${TRACKER}" autoplay></audio>`, gone: 'audio' },
  { rule: 'FORBID_TAGS source', html: `<source src="${TRACKER}">`, gone: 'source' },
  { rule: 'FORBID_TAGS track', html: `<track src="${TRACKER}">`, gone: 'track' },
  { rule: 'FORBID_TAGS picture', html: '<picture>a picture</picture>', gone: 'picture' },
  { rule: 'FORBID_TAGS style', html: '<style>p { display: none }</style>', gone: 'style' },
  {
    rule: 'FORBID_TAGS form',
    html: '<form action="https://evil.example/"><p>Enter your key below.</p></form>',
    gone: 'form',
  },
  { rule: 'FORBID_TAGS input', html: '<input placeholder="Gemini API key">', gone: 'input' },
  { rule: 'FORBID_TAGS button', html: '<button>Check key</button>', gone: 'button' },
  { rule: 'FORBID_TAGS textarea', html: '<textarea>Prompt</textarea>', gone: 'textarea' },
  { rule: 'FORBID_TAGS select', html: '<select><option>Model</option></select>', gone: 'select' },
  {
    rule: 'USE_PROFILES html (no iframe)',
    html: '<iframe src="https://evil.example/"></iframe>',
    gone: 'iframe',
  },
  {
    rule: 'FORBID_TAGS dialog',
    html: '<dialog open>Your key was rejected. Paste it again.</dialog>',
    gone: 'dialog',
  },
  {
    rule: 'FORBID_ATTR style',
    html: '<p style="display: none">Styled by the model.</p>',
    gone: '[style]',
  },
  {
    rule: 'FORBID_ATTR srcset',
    html: `<p srcset="${TRACKER} 1x">A srcset.</p>`,
    gone: '[srcset]',
  },
  {
    rule: 'FORBID_ATTR background',
    html: `<table background="${TRACKER}"><tbody><tr><td>cell</td></tr></tbody></table>`,
    gone: '[background]',
  },
  { rule: 'FORBID_ATTR poster', html: `<p poster="${TRACKER}">A poster.</p>`, gone: '[poster]' },
  {
    rule: 'FORBID_ATTR class',
    html: '<p class="problem">Error: looks like Glimpse.</p>',
    gone: '[class]',
  },
  { rule: 'FORBID_ATTR id', html: '<p id="prompt">Takes the Prompt id.</p>', gone: '[id]' },
  { rule: 'USE_PROFILES html (no SVG)', html: '<svg><circle r="5"/></svg>', gone: 'svg' },
  { rule: 'USE_PROFILES html (no MathML)', html: '<math><mi>x</mi></math>', gone: 'math' },
];

/** Render `fragment` into the page, with a last paragraph a person should still see. */
function showWithAfter(fragment: DocumentFragment): { target: HTMLElement; after: Element } {
  const target = document.createElement('div');
  target.append(fragment);
  document.body.append(target);
  const after = Array.from(target.querySelectorAll('p')).find((p) =>
    p.textContent?.includes('The text after it.'),
  );
  if (!after) throw new Error(`the text after it is gone: ${target.innerHTML}`);
  return { target, after };
}

describe('the sanitiser (the last line of defence behind marked)', () => {
  it('has one hostile case for every rule in its config', () => {
    const covered = RULE_CASES.map((c) => c.rule);
    for (const tag of SANITIZER_RULES.forbiddenTags)
      expect(covered).toContain(`FORBID_TAGS ${tag}`);
    for (const attr of SANITIZER_RULES.forbiddenAttributes) {
      expect(covered).toContain(`FORBID_ATTR ${attr}`);
    }
  });

  it.each(RULE_CASES)('$rule: $gone is absent from the DOM, the text after it is shown', (c) => {
    const { target, after } = showWithAfter(
      sanitizeHtml(`<p>Before.</p>${c.html}<p>The text after it.</p>`),
    );
    expect(target.querySelector(c.gone), target.innerHTML).toBe(null);
    expect(after.checkVisibility()).toBe(true);
    // Content the rule keeps (a dialog's words, a styled paragraph) is visible text too.
    for (const p of Array.from(target.querySelectorAll('p'))) {
      expect(p.checkVisibility(), p.outerHTML).toBe(true);
    }
  });

  it('keeps the language class marked writes on a code block, and no other class', () => {
    const div = document.createElement('div');
    div.append(
      sanitizeHtml(
        '<pre><code class="language-ts">a</code></pre><pre><code class="problem">b</code></pre>',
      ),
    );
    expect(Array.from(div.querySelectorAll('code')).map((c) => c.className)).toEqual([
      'language-ts',
      '',
    ]);
  });
});

describe('raw HTML in an answer', () => {
  it.each(RULE_CASES)('$rule: its HTML shows as typed, and the text after it', (c) => {
    const { target } = showWithAfter(renderMarkdown(`Before.\n\n${c.html}\n\nThe text after it.`));
    expect(target.textContent).toContain(c.html);
    // Three paragraphs and nothing else, but a link where GFM finds a typed URL.
    expect(target.querySelectorAll('p')).toHaveLength(3);
    expect(target.querySelector(':not(p, a)')).toBe(null);
  });

  it('keeps everything after an unclosed <math><mtext><table>, while streaming too', () => {
    const text = [
      'Before the table.\n\n',
      '<math><mtext><table><tr><td>cell\n\n',
      '## Still here\n\n',
      '- a list item with <b>**bold**</b>\n\n',
      '<dialog open class="problem">Fake error</dialog>\n\n',
      '<pre>\n\n<!-- an unclosed comment\n\n',
      'The last sentence.\n',
    ].join('');
    const whole = document.createElement('div');
    whole.append(renderMarkdown(text));
    const streamed = document.createElement('div');
    const stream = new StreamingMarkdown(streamed);
    for (let i = 0; i < text.length; i += 3) {
      stream.append(text.slice(i, i + 3));
      stream.flush();
      expect(shownHtml(streamed)).toBe(streamedRender(text.slice(0, i + 3)));
    }
    stream.finish();
    for (const target of [whole, streamed]) {
      document.body.append(target);
      expect(target.querySelector('math, mtext, table, dialog, pre, .problem')).toBe(null);
      expect(target.querySelector('h2')?.textContent).toBe('Still here');
      // Markdown renders inside what looks like HTML; the tags show as typed around it.
      expect(target.querySelector('li strong')?.textContent).toBe('bold');
      expect(target.querySelector('li')?.textContent).toBe('a list item with <b>bold</b>');
      expect(target.textContent).toContain('<math><mtext><table><tr><td>cell');
      expect(target.textContent).toContain('<dialog open class="problem">Fake error</dialog>');
      const last = Array.from(target.querySelectorAll('p')).at(-1);
      expect(last?.textContent).toBe('The last sentence.');
      expect(last?.checkVisibility()).toBe(true);
    }
  });

  it("shows a task list's boxes as characters, since no <input> survives", () => {
    const div = document.createElement('div');
    div.append(renderMarkdown('- [x] done\n- [ ] to do\n'));
    expect(Array.from(div.querySelectorAll('li'), (li) => li.textContent)).toEqual([
      '☑ done',
      '☐ to do',
    ]);
  });
});

describe('StreamingMarkdown', () => {
  it('shows, after every flush, exactly what rendering the text so far without its open markers shows', () => {
    const target = document.createElement('div');
    const stream = new StreamingMarkdown(target);
    // Odd-sized pieces, so blocks are cut in every possible place.
    let sent = '';
    for (let i = 0; i < ANSWER.length; i += 7) {
      const piece = ANSWER.slice(i, i + 7);
      stream.append(piece);
      sent += piece;
      stream.flush();
      // Only the not-yet-defined reference link may differ before the end.
      if (!sent.includes('[guide]:')) {
        expect(shownHtml(target)).toBe(streamedRender(sent));
      }
    }
    stream.finish();
    expect(shownHtml(target)).toBe(htmlOf(renderMarkdown(ANSWER)));
    expect(target.querySelector('a[href="https://example.com/guide"]')).not.toBe(null);
  });

  it('never shows the markers of bold, italics or code that are not closed yet', () => {
    const text = 'A **bold** claim, *so* to say: **bo';
    const target = document.createElement('div');
    const stream = new StreamingMarkdown(target);
    for (const c of text) {
      stream.append(c);
      stream.flush();
      // Every marker is either still hidden or already turned into formatting.
      expect(target.textContent).not.toMatch(/[*]/);
    }
    expect(target.textContent?.trim()).toBe('A bold claim, so to say: bo');
    stream.append('ld** and `co');
    stream.flush();
    expect(target.querySelector('p')?.innerHTML).toBe(
      'A <strong>bold</strong> claim, <em>so</em> to say: <strong>bold</strong> and co',
    );
    // The finished answer renders its whole text: a marker never closed shows as typed.
    stream.finish();
    expect(target.textContent?.trim()).toBe('A bold claim, so to say: bold and `co');
  });

  it('hides no marker that cannot open formatting, nor any in a code block', () => {
    for (const text of [
      '2 * 3 = 6',
      'a snake_case_name',
      'an escaped \\*',
      'Closed: **yes**',
      '```\nconst a = b ** 2; // *x `y\n',
      '    indented **code',
    ]) {
      const target = document.createElement('div');
      const stream = new StreamingMarkdown(target);
      stream.append(text);
      stream.flush();
      expect(shownHtml(target), text).toBe(htmlOf(renderMarkdown(text)));
    }
  });

  it('keeps a growing list right as it turns loose, nests or changes kind', () => {
    const text = [
      '* **Dogs:**\n    * loyal\n    * loud\n* **Cats:**\n    * aloof\n',
      '* tight so far\n\n* now loose, every item gets a paragraph\n* third\n\n',
      '3. starts at three\n4. four\n5. five `code`\n\n',
      '- a\n- b\n+ another kind of list\n+ again\n\nThe end.\n',
    ].join('');
    for (const step of [1, 3, 11]) {
      const target = document.createElement('div');
      const stream = new StreamingMarkdown(target);
      for (let i = 0; i < text.length; i += step) {
        stream.append(text.slice(i, i + step));
        stream.flush();
        expect(shownHtml(target)).toBe(streamedRender(text.slice(0, i + step)));
      }
      stream.finish();
      expect(shownHtml(target)).toBe(htmlOf(renderMarkdown(text)));
    }
  });

  it('matches a whole render at every step for many mixed answers (seeded, repeatable)', () => {
    // Block pieces that interact at their edges: rules vs list items, setext underlines,
    // lazy continuations, fences, tables, loose and tight lists, blank lines or none, and
    // raw HTML that would open a block or swallow the rest if it were interpreted.
    // (Reference definitions are left out: only the finished text can resolve them.)
    // Every answer must also end exactly as a whole render.
    const pieces = [
      '* item\n',
      '- dash item\n',
      '1. one\n',
      '2. two\n',
      '    indented\n',
      '  lazy\n',
      '* **bold** start\n',
      '***\n',
      '---\n',
      '===\n',
      'Para text\n',
      '# Head\n',
      '```\ncode\n',
      '```\n',
      '| a | b |\n',
      '| - | - |\n',
      '| 1 | 2 |\n',
      '> quote\n',
      '\n',
      '\n',
      '\n',
      'see [ref]\n',
      '<div>\n',
      '</div>\n',
      '<pre>\n',
      '<!-- note\n',
      '<math><mtext><table>\n',
      '<b>bold</b> *em*\n',
    ];
    for (let seed = 1; seed <= 24; seed++) {
      let x = seed;
      const random = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
      let text = '';
      // Raw HTML in every third answer (each is checked at every step all the same): the
      // test renders every prefix twice, and all 24 answers with HTML would take too long.
      const pool = seed % 3 === 0 ? pieces : pieces.filter((p) => !p.startsWith('<'));
      for (let i = 0; i < 40; i++) text += pool[Math.floor(random() * pool.length)];
      const target = document.createElement('div');
      const stream = new StreamingMarkdown(target);
      const step = 1 + (seed % 5);
      for (let i = 0; i < text.length; i += step) {
        stream.append(text.slice(i, i + step));
        stream.flush();
        const sent = text.slice(0, i + step);
        expect(shownHtml(target), `seed ${seed} at ${i}`).toBe(streamedRender(sent));
      }
      stream.finish();
      expect(shownHtml(target), `seed ${seed} finished`).toBe(htmlOf(renderMarkdown(text)));
    }
    // About 8 s of rendering on an idle machine, over 15 s on a loaded one: wait for it.
  }, 60_000);

  it('updates the page once per animation frame, not once per piece', async () => {
    const target = document.createElement('div');
    document.body.append(target);
    const stream = new StreamingMarkdown(target);
    stream.append('# Title\n\n');
    stream.append('- one\n');
    stream.append('- two\n');
    expect(target.textContent).toBe('');
    await nextFrame();
    expect(target.querySelector('h1')?.textContent).toBe('Title');
    expect(Array.from(target.querySelectorAll('li')).map((li) => li.textContent)).toEqual([
      'one',
      'two',
    ]);
    expect(stream.text).toBe('# Title\n\n- one\n- two\n');
  });

  it('renders pieces that arrive faster than every 50 ms together, and catches up after', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'performance'] });
    try {
      const target = document.createElement('div');
      const stream = new StreamingMarkdown(target);
      stream.append('one ');
      vi.advanceTimersToNextFrame();
      expect(target.textContent?.trim()).toBe('one');
      // 20 ms later: too soon for another render…
      vi.advanceTimersByTime(20);
      stream.append('two ');
      vi.advanceTimersToNextFrame();
      expect(target.textContent?.trim()).toBe('one');
      stream.append('three');
      // …which comes once the interval is over, with both pieces.
      vi.advanceTimersByTime(MIN_RENDER_INTERVAL_MS);
      vi.advanceTimersToNextFrame();
      expect(target.textContent?.trim()).toBe('one two three');
      // finish() never waits.
      stream.append(' four');
      stream.finish();
      expect(target.textContent?.trim()).toBe('one two three four');
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts over on reset', () => {
    const target = document.createElement('div');
    const stream = new StreamingMarkdown(target);
    stream.append('old answer');
    stream.flush();
    stream.reset();
    stream.append('*new*');
    stream.finish();
    expect(target.textContent?.trim()).toBe('new');
    expect(target.querySelector('em')).not.toBe(null);
  });
});
