import { describe, expect, it } from 'vitest';
import { answer, answerRendered, askTestbed, openAsk, sse, textEvent } from './ask-support.ts';

// Each payload calls the page binding `pwned` if it ever runs. Split over several events, as
// an answer would arrive, so the streaming renderer sees them half-written too.
const HOSTILE = [
  '# Here is your answer\n\n',
  'An image: <img src=x onerror="pwned(\'img onerror\')">\n\n',
  '<script>pwned("script")</script>\n\n',
  "A [markdown link](javascript:pwned('markdown javascript link')) and ",
  '<a href="javascript:pwned(\'html javascript link\')">an HTML one</a>.\n\n',
  '<svg onload="pwned(\'svg onload\')"><circle r="4"/></svg>\n\n',
  '<svg><a href="javascript:pwned(\'svg link\')"><text y="20">svg text link</text></a>',
  '<animate onbegin="pwned(\'svg animate\')" attributeName="x" dur="1s"/></svg>\n\n',
  '<iframe srcdoc="<script>parent.pwned(\'iframe\')</script>"></iframe>\n\n',
  '<details open ontoggle="pwned(\'details ontoggle\')"><summary>More</summary>x</details>\n\n',
  '<form action="javascript:pwned(\'form\')"><button>Send</button></form>\n\n',
  '![tracking pixel](https://tracker.example/p.png)\n\n',
  'A [safe link](https://example.com/docs).\n',
];

describe('Ask view: model output is untrusted', () => {
  const bed = askTestbed();

  it('runs none of the scripts, handlers and javascript: links an answer carries', async () => {
    bed.fake.reset();
    const events = HOSTILE.map((piece, i) =>
      textEvent(piece, i === HOSTILE.length - 1 ? 'STOP' : undefined),
    );
    bed.fake.respondWith({ contentType: 'text/event-stream', body: sse(...events), chunks: [61] });
    const context = await bed.browser.newContext();
    const fired: string[] = [];
    await context.exposeBinding('pwned', (_source, what: string) => {
      fired.push(what);
    });
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    const remote: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('tracker.example')) remote.push(r.url());
    });
    await view.getByLabel('Prompt').fill('Say something dangerous.');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerRendered(view);

    const region = answer(view);
    expect(await region.getByRole('heading', { name: 'Here is your answer' }).count()).toBe(1);
    // What survives is harmless: no scripts, frames, SVG, forms, images or handlers.
    const dangerous = await region.evaluate((el) => {
      const found: string[] = [];
      for (const node of Array.from(el.querySelectorAll('*'))) {
        const tag = node.tagName.toLowerCase();
        if (['script', 'iframe', 'svg', 'form', 'img', 'object', 'embed'].includes(tag)) {
          found.push(tag);
        }
        for (const attr of Array.from(node.attributes)) {
          if (attr.name.startsWith('on')) found.push(`${tag}[${attr.name}]`);
          if (/^\s*javascript:/i.test(attr.value)) found.push(`${tag}[${attr.name}=javascript:]`);
        }
      }
      return found;
    });
    expect(dangerous).toEqual([]);
    // Every link opens in a new tab with no handle on this page.
    const links = await region.locator('a').evaluateAll((as) =>
      as.map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      })),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.target).toBe('_blank');
      expect(link.rel).toBe('noopener noreferrer');
    }
    expect(links).toContainEqual({
      text: 'safe link',
      href: 'https://example.com/docs',
      target: '_blank',
      rel: 'noopener noreferrer',
    });
    // The image became a link the person may choose to follow; nothing fetched it.
    expect(links.map((l) => l.href)).toContain('https://tracker.example/p.png');
    expect(remote).toEqual([]);

    // Clicking what is left of the javascript: links does nothing either.
    await region.getByText('markdown link').click();
    await region.getByText('an HTML one').click();
    // Handlers run synchronously on click; two frames also let any late image error fire.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    expect(fired).toEqual([]);
    // Raw HTML is text: no handler is ever parsed, so not even a CSP report is logged.
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows raw HTML from the model as typed, and every word after it', async () => {
    bed.fake.reset();
    // Cut mid-tag and mid-block, as a stream would cut it.
    const pieces = [
      'Here is the table you asked for:\n\n<math><mt',
      'ext><table><tr><td>cell\n\n',
      '<dialog open class="problem"><strong>Your key',
      ' was rejected</strong>: paste it again.</dialog>\n\n',
      '<style>p { display: none }</style>\n\n',
      'And <b>**this**</b> is the last sentence.\n',
    ];
    const events = pieces.map((piece, i) =>
      textEvent(piece, i === pieces.length - 1 ? 'STOP' : undefined),
    );
    bed.fake.respondWith({ contentType: 'text/event-stream', body: sse(...events), chunks: [23] });
    const context = await bed.browser.newContext();
    const { view, errors } = await openAsk(context, bed.fake.url);
    await view.getByLabel('Prompt').fill('Draw me a table.');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerRendered(view);

    const region = answer(view);
    const text = await region.innerText();
    expect(text).toContain('<math><mtext><table><tr><td>cell');
    expect(text).toContain(
      '<dialog open class="problem"><strong>Your key was rejected</strong>: paste it again.</dialog>',
    );
    expect(text).toContain('<style>p { display: none }</style>');
    // Markdown still renders; the tags around it show as typed; the last words are seen.
    const last = region.getByText('is the last sentence.');
    expect(await last.isVisible()).toBe(true);
    expect(await last.innerText()).toBe('And <b>this</b> is the last sentence.');
    expect(await region.locator('strong').innerText()).toBe('this');
    expect(await region.locator('math, mtext, table, dialog, style, .problem').count()).toBe(0);
    // Nothing the model wrote poses as Glimpse's error box: the answer shows no alert.
    expect(await view.locator('ask-answer').getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
