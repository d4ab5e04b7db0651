import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONVERSATION_MESSAGES as M,
  ConversationError,
  endAnswer,
  receiveParts,
  startAnswer,
  ask,
} from '../../src/lib/conversation/index.ts';
import { conversationHtml, exportAll, importAll } from '../../src/platform/history-export.ts';
import { conversationOf, freshStores, pngImage, readDatabase } from './history-support.ts';

let stores: ReturnType<typeof freshStores>;
beforeEach(() => {
  stores = freshStores();
});
afterEach(() => stores.cleanup());

declare global {
  interface Window {
    __exportRan?: boolean;
  }
}

// Model text that tries every way to run a script or hide later text.
const HOSTILE = [
  '## Result',
  '<script>window.parent.__exportRan = true</script>',
  '<img src=x onerror="window.parent.__exportRan = true">',
  '[click](javascript:window.parent.__exportRan=true)',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  'The **end** is still here.',
].join('\n\n');

async function hostileConversation() {
  const red = await pngImage('#d00', 120, 80);
  const blue = await pngImage('#00d', 60, 40);
  let c = ask(conversationOf([]), 'Look at <b>these</b> & tell me', [red.ref, blue.ref], 2000);
  c = startAnswer(c, 'gemini-2.5-flash', 2001);
  c = receiveParts(c, [{ text: 'private thinking', thought: true }, { text: HOSTILE }]);
  c = endAnswer(
    c,
    {
      state: 'done',
      durationMs: 1500,
      usage: { promptTokens: 1, answerTokens: 2, thoughtsTokens: 0, totalTokens: 3 },
    },
    2002,
  );
  const images = new Map([
    [red.ref.hash, red.blob],
    [blue.ref.hash, blue.blob],
  ]);
  return { c, images, red, blue };
}

describe('Export one conversation as HTML', () => {
  it('has no script, no event handler, images as data: URIs, and the answer rendered', async () => {
    const { c, images, red } = await hostileConversation();
    const html = await conversationHtml(c, images);
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => a.name.toLowerCase().startsWith('on')).map((a) => a.name),
    );
    expect(handlers).toEqual([]);
    // No attribute anywhere holds a javascript: URL (raw HTML from the model is shown as text,
    // so the words may appear in the answer, but never as a link or a source).
    const scriptUrls = [...doc.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^\s*javascript:/i.test(a.value)).map((a) => a.name),
    );
    expect(scriptUrls).toEqual([]);
    expect(doc.querySelector('.answer')?.textContent).toContain(
      '<svg><a xlink:href="javascript:alert(1)">',
    );
    const srcs = [...doc.querySelectorAll('img')].map((img) => img.getAttribute('src') ?? '');
    expect(srcs).toHaveLength(2);
    for (const src of srcs) expect(src).toMatch(/^data:image\/png;base64,/);
    expect(atob(srcs[0].split(',')[1])).toBe(String.fromCharCode(...red.bytes));
    // The person's text is shown as typed, the answer rendered, the thought left out.
    expect(doc.querySelector('.question')?.textContent).toBe('Look at <b>these</b> & tell me');
    expect(doc.querySelector('.answer h2')?.textContent).toBe('Result');
    expect(doc.querySelector('.answer')?.textContent).toContain('The end is still here.');
    expect(html).not.toContain('private thinking');
    expect(doc.querySelector('.facts')?.textContent).toBe('1 prompt + 2 answer tokens · 1.5 s');
    expect(
      doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
    ).toContain("default-src 'none'");
  });

  it('opened in Chromium, shows its images and runs nothing', async () => {
    const { c, images } = await hostileConversation();
    const html = await conversationHtml(c, images);
    const frame = document.createElement('iframe');
    // Same origin so the test can look inside; scripts are not sandboxed away here: the file
    // itself must not run any.
    frame.sandbox.add('allow-same-origin', 'allow-scripts');
    const loaded = new Promise((r) => frame.addEventListener('load', r, { once: true }));
    frame.srcdoc = html;
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument as Document;
    const imgs = [...doc.querySelectorAll('img')];
    await Promise.all(imgs.map((img) => img.decode()));
    expect(imgs.map((img) => [img.naturalWidth, img.naturalHeight])).toEqual([
      [120, 80],
      [60, 40],
    ]);
    for (const link of doc.querySelectorAll('a')) link.click();
    await new Promise((r) => setTimeout(r, 100));
    expect(window.__exportRan).toBeUndefined();
    frame.remove();
  });
});

describe('Export all and Import', () => {
  it('round-trips every conversation and image into an empty database', async () => {
    const { c, images } = await hostileConversation();
    const red = await pngImage('#d00', 120, 80);
    const plain = conversationOf([{ text: 'Second', images: [red.ref] }], 5000);
    const source = await stores.open();
    await source.save(c, images);
    await source.save(plain, new Map([[red.ref.hash, red.blob]]));
    const file = await exportAll(source);

    const other = freshStores();
    try {
      const target = await other.open();
      const result = await importAll(target, file);
      expect(result).toEqual({ imported: 2, skipped: 0, message: M.importDone(2, 0) });
      expect((await target.list()).map((e) => e.title)).toEqual(['Second', c.title]);
      const opened = await target.open(c.id);
      expect(opened.conversation).toEqual(c);
      for (const [hash, blob] of images) {
        const back = opened.images.get(hash) as Blob;
        expect(new Uint8Array(await back.arrayBuffer())).toEqual(
          new Uint8Array(await blob.arrayBuffer()),
        );
      }
      // Two images in all, each once, though red is used by both conversations.
      expect((await readDatabase(other.dbName)).images).toHaveLength(2);
    } finally {
      await other.cleanup();
    }
  });

  it('skips conversations already present', async () => {
    const a = conversationOf([{ text: 'Kept as it is' }], 1000);
    const b = conversationOf([{ text: 'New one' }], 2000);
    const source = await stores.open();
    await source.save(a, new Map());
    await source.save(b, new Map());
    const file = await exportAll(source);

    const other = freshStores();
    try {
      const target = await other.open();
      const renamedHere = { ...a, title: 'Renamed here', renamed: true };
      await target.save(renamedHere, new Map());
      expect(await importAll(target, file)).toEqual({
        imported: 1,
        skipped: 1,
        message: M.importDone(1, 1),
      });
      expect((await target.open(a.id)).conversation.title).toBe('Renamed here');
      expect((await importAll(target, file)).message).toBe(M.importDone(0, 2));
    } finally {
      await other.cleanup();
    }
  });

  it('imports nothing from a malformed file, and says so plainly', async () => {
    const red = await pngImage('#d00');
    const source = await stores.open();
    await source.save(conversationOf([{ text: 'Good' }], 1000), new Map());
    await source.save(
      conversationOf([{ text: 'Has image', images: [red.ref] }], 2000),
      new Map([[red.ref.hash, red.blob]]),
    );
    const archive = JSON.parse(await exportAll(source));
    // The second conversation is damaged: the first must not be imported either.
    archive.conversations[1].turns[0].text = 42;

    const other = freshStores();
    try {
      const target = await other.open();
      const error = await importAll(target, JSON.stringify(archive)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConversationError);
      expect((error as ConversationError).message).toMatch(/damaged.*nothing was imported/);
      const db = await readDatabase(other.dbName);
      expect([db.conversations, db.summaries, db.images, db.thumbnails]).toEqual([[], [], [], []]);
      await expect(importAll(target, 'not json')).rejects.toThrow(M.importNotJson);
    } finally {
      await other.cleanup();
    }
  });
});
