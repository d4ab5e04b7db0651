import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  MIN_RENDER_INTERVAL_MS,
  StreamingMarkdown,
  renderMarkdown,
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

describe('StreamingMarkdown', () => {
  it('shows, after every flush, exactly what rendering the text so far shows', () => {
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
        expect(shownHtml(target)).toBe(htmlOf(renderMarkdown(sent)));
      }
    }
    stream.finish();
    expect(shownHtml(target)).toBe(htmlOf(renderMarkdown(ANSWER)));
    expect(target.querySelector('a[href="https://example.com/guide"]')).not.toBe(null);
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
        expect(shownHtml(target)).toBe(htmlOf(renderMarkdown(text.slice(0, i + step))));
      }
      stream.finish();
      expect(shownHtml(target)).toBe(htmlOf(renderMarkdown(text)));
    }
  });

  it('matches a whole render at every step for many mixed answers (seeded, repeatable)', () => {
    // Block pieces that interact at their edges: rules vs list items, setext underlines,
    // lazy continuations, fences, tables, loose and tight lists, blank lines or none.
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
    ];
    for (let seed = 1; seed <= 24; seed++) {
      let x = seed;
      const random = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
      let text = '';
      // Raw HTML only in every third answer, so most are checked at every step.
      const pool = seed % 3 === 0 ? pieces : pieces.filter((p) => p !== '<div>\n');
      for (let i = 0; i < 40; i++) text += pool[Math.floor(random() * pool.length)];
      const target = document.createElement('div');
      const stream = new StreamingMarkdown(target);
      const step = 1 + (seed % 5);
      for (let i = 0; i < text.length; i += step) {
        stream.append(text.slice(i, i + step));
        stream.flush();
        const sent = text.slice(0, i + step);
        // Raw HTML left open is kept to its own block while streaming (on purpose).
        if (sent.includes('<div>')) continue;
        expect(shownHtml(target), `seed ${seed} at ${i}`).toBe(htmlOf(renderMarkdown(sent)));
      }
      stream.finish();
      expect(shownHtml(target), `seed ${seed} finished`).toBe(htmlOf(renderMarkdown(text)));
    }
  });

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
