/**
 * What the conversation-open bench runs in the page, bundled by conversation-open.bench.ts:
 * History's store with a saved 100-turn conversation over 20 images, and the conversation
 * element that shows it (`<ask-turns>`: the answers near the screen rendered as Markdown, the
 * ones far up the conversation as plain text until they are scrolled to).
 */
import { answerText } from '../../src/lib/conversation/model.ts';
import type { Conversation } from '../../src/lib/conversation/types.ts';
import type { AskState } from '../../src/ask/ask-controller.ts';
import '../../src/ask/ask-turns.ts';
import { renderMarkdown } from '../../src/platform/markdown.ts';
import type { HistoryStore } from '../../src/platform/history.ts';
import { openHistory, seedLong } from './history-page.ts';

/** A fresh store holding the long conversation; returns the store and the conversation's id. */
export async function seed(dbName: string): Promise<{ store: HistoryStore; id: string }> {
  const store = await openHistory({ dbName, keepHistory: () => true });
  return { store, id: await seedLong(store) };
}

/** Two animation frames: the second begins once the first frame's paint is done. */
const painted = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
  );

/** The answer as the view shows the newest one once it has ended. */
function liveState(c: Conversation): AskState {
  const last = c.turns.at(-1);
  const text = last?.role === 'model' ? answerText(last) : '';
  return { status: 'done', text, thoughts: '' };
}

/**
 * Open the conversation from History and show it as the Ask view does, to the last answer
 * rendered as Markdown and painted. Returns how many answers show as Markdown, and how many
 * show their whole text as typed (far up, waiting to be scrolled to).
 */
export async function openAndShow(
  store: HistoryStore,
  id: string,
): Promise<{ markdown: number; text: number }> {
  const { conversation, images } = await store.open(id);
  const urls = new Map([...images].map(([hash, blob]) => [hash, URL.createObjectURL(blob)]));
  const turns = document.createElement('ask-turns');
  turns.conversation = conversation;
  turns.imageUrl = (hash) => urls.get(hash);
  const live = document.createElement('ask-answer');
  live.slot = 'live';
  live.state = liveState(conversation);
  live.meta = 'gemini-2.5-flash';
  turns.append(live);
  document.body.replaceChildren(turns);
  await turns.updateComplete;
  const answers = [live, ...turns.renderRoot.querySelectorAll('ask-answer')];
  await Promise.all(answers.map((a) => a.updateComplete));
  await painted();
  const shownAs = (a: Element, how: string) =>
    a.shadowRoot?.querySelector(`.answer[data-rendered="${how}"]`);
  const markdown = answers.filter((a) => shownAs(a, 'markdown')).length;
  const text = answers.filter(
    (a) => shownAs(a, 'text')?.textContent === (a as { state?: AskState }).state?.text,
  ).length;
  for (const url of urls.values()) URL.revokeObjectURL(url);
  return { markdown, text };
}

/**
 * The baseline: the same conversation opened and shown as one plain document, each answer's
 * Markdown rendered once into it and each image as an `<img>`, no elements of the app.
 */
export async function openAndShowPlain(store: HistoryStore, id: string): Promise<number> {
  const { conversation, images } = await store.open(id);
  const urls = new Map([...images].map(([hash, blob]) => [hash, URL.createObjectURL(blob)]));
  const list = document.createElement('ol');
  let rendered = 0;
  for (const turn of conversation.turns) {
    const item = document.createElement('li');
    if (turn.role === 'user') {
      for (const image of turn.images) {
        const img = document.createElement('img');
        img.src = urls.get(image.hash) ?? '';
        img.alt = image.name ?? image.mimeType;
        item.append(img);
      }
      item.append(turn.text);
    } else {
      item.append(renderMarkdown(answerText(turn)));
      rendered++;
    }
    list.append(item);
  }
  document.body.replaceChildren(list);
  await painted();
  for (const url of urls.values()) URL.revokeObjectURL(url);
  return rendered;
}

/**
 * While the newest answer streams, the conversation object changes with every piece: the
 * time `<ask-turns>` (showing the last `keep` turns of the conversation on screen) takes to
 * update for `pieces` new objects, the last answer's text growing each time.
 */
export async function streamInto(pieces: number, keep: number): Promise<number> {
  const turns = document.querySelector('ask-turns');
  const shown = turns?.conversation;
  if (!turns || !shown) throw new Error('open a conversation first');
  const c = { ...shown, turns: shown.turns.slice(-keep) };
  turns.conversation = c;
  await turns.updateComplete;
  await Promise.all(
    [...turns.renderRoot.querySelectorAll('ask-answer')].map((a) => a.updateComplete),
  );
  const t0 = performance.now();
  let last = c.turns.at(-1);
  for (let i = 0; i < pieces && last?.role === 'model'; i++) {
    last = { ...last, parts: [...last.parts, { text: ` piece ${i}` }] };
    turns.conversation = { ...c, turns: [...c.turns.slice(0, -1), last] };
    await turns.updateComplete;
  }
  const ms = performance.now() - t0;
  turns.conversation = shown;
  await turns.updateComplete;
  return ms;
}
export { renderMarkdown as md } from '../../src/platform/markdown.ts';
