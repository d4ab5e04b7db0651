import { afterEach, describe, expect, it, vi } from 'vitest';
import axe from 'axe-core';
import '../../src/ask/ask-answer.ts';
import type { AskAnswer } from '../../src/ask/ask-answer.ts';
import type { AskState } from '../../src/ask/ask-controller.ts';
import { answerMeta } from '../../src/ask/ask-turns.ts';

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/** Mount an <ask-answer> showing `state`. */
async function mount(state: AskState): Promise<AskAnswer> {
  const el = document.createElement('ask-answer');
  el.state = state;
  document.body.append(el);
  await el.updateComplete;
  await frame();
  return el;
}

/** Show a new state, as the view does (a new object each time). */
async function show(el: AskAnswer, patch: Partial<AskState>): Promise<void> {
  el.state = { ...(el.state as AskState), ...patch };
  await el.updateComplete;
  await frame();
}

const root = (el: AskAnswer) => el.shadowRoot as ShadowRoot;
const answerRegion = (el: AskAnswer) => root(el).querySelector('[role="region"]') as HTMLElement;
const live = (el: AskAnswer) => root(el).querySelector('[aria-live="polite"]') as HTMLElement;
const alert = (el: AskAnswer) => root(el).querySelector('[role="alert"]') as HTMLElement;
const button = (el: AskAnswer, name: string) =>
  Array.from(root(el).querySelectorAll('button')).find((b) => b.textContent?.trim() === name);

/** Every line of the element that states tokens or a model (the answer's facts). */
const factLines = (el: AskAnswer) =>
  Array.from(root(el).querySelectorAll('p'))
    .map((p) => p.textContent?.trim() ?? '')
    .filter((t) => /tokens|gemini/i.test(t));

afterEach(() => document.body.replaceChildren());

describe('<ask-answer>', () => {
  it('renders Markdown as it streams and announces the answer once, when it is done', async () => {
    const el = await mount({ status: 'streaming', text: '# Sky\n\n', thoughts: '' });
    expect(answerRegion(el).querySelector('h1')?.textContent).toBe('Sky');
    expect(answerRegion(el).getAttribute('aria-busy')).toBe('true');
    await show(el, { text: '# Sky\n\n- blue\n- wide' });
    // Renders come in animation frames, at most every 50 ms: wait for this one.
    await expect
      .poll(() => Array.from(answerRegion(el).querySelectorAll('li')).map((li) => li.textContent))
      .toEqual(['blue', 'wide']);
    // Nothing is announced token by token.
    expect(live(el).textContent).toBe('');
    await show(el, {
      status: 'done',
      usage: { promptTokens: 7, answerTokens: 12, thoughtsTokens: 0, totalTokens: 19 },
      modelVersion: 'gemini-test',
    });
    expect(live(el).textContent).toMatch(/^Answer ready\. Sky\s+blue\s+wide\s*$/);
    // One line of facts, each said once: the model and the tokens the stream brought…
    expect(factLines(el)).toEqual(['gemini-test · 7 prompt + 12 answer tokens']);
    // …and once the answer is a turn of the conversation, its line (with the time) in place
    // of that one, not beside it.
    el.meta = answerMeta({
      role: 'model',
      id: 'a1',
      parts: [],
      at: 0,
      meta: {
        model: 'gemini-flash-latest',
        modelVersion: 'gemini-test',
        usage: { promptTokens: 7, answerTokens: 12, thoughtsTokens: 0, totalTokens: 19 },
        durationMs: 1540,
        state: 'done',
      },
    });
    await el.updateComplete;
    expect(factLines(el)).toEqual(['gemini-test · 7 prompt + 12 answer tokens · 1.5 s']);
    expect(answerRegion(el).getAttribute('aria-busy')).toBe('false');
    expect(button(el, 'Copy')).toBeDefined();
  });

  it('shows a failure with its next step in an alert, keeps the partial answer, and offers Retry', async () => {
    const el = await mount({ status: 'streaming', text: 'Half an', thoughts: '' });
    await show(el, {
      status: 'failed',
      text: 'Half an answer',
      problem: {
        title: 'Stopped by safety filters',
        detail: 'The filters stopped the answer.',
        action: 'Rephrase the question.',
      },
    });
    expect(alert(el).textContent).toMatch(
      /Stopped by safety filters: The filters stopped the answer\.\s+Rephrase the question\./,
    );
    expect(answerRegion(el).textContent?.trim()).toBe('Half an answer');
    // A failed answer is not announced as ready.
    expect(live(el).textContent).toBe('');
    let retried = 0;
    document.body.addEventListener('ask-retry', () => retried++);
    button(el, 'Retry')?.click();
    expect(retried).toBe(1);
  });

  it('marks a stopped answer as partial, once', async () => {
    const el = await mount({ status: 'streaming', text: 'The sky is', thoughts: '' });
    await show(el, { status: 'stopped' });
    expect(root(el).textContent).toContain('Stopped: the answer above is partial.');
    // Said once to the eye ("Stopped." over the answer and "Stopped: …" under it said it twice);
    // the status line is still there for a screen reader.
    const seen = Array.from(root(el).querySelectorAll('p')).filter(
      (p) => /Stopped/.test(p.textContent ?? '') && p.getBoundingClientRect().height > 1,
    );
    expect(seen.map((p) => p.textContent?.trim())).toEqual([
      'Stopped: the answer above is partial.',
    ]);
    expect(root(el).querySelector('[role="status"]')?.textContent).toBe('Stopped.');
    expect(answerRegion(el).textContent?.trim()).toBe('The sky is');
    expect(alert(el).textContent).toBe('');
  });

  it('draws no empty box for an answer that failed or was stopped before its first word', async () => {
    // An empty bordered box above the alert read as an answer that came back blank.
    const height = (el: AskAnswer) => answerRegion(el).getBoundingClientRect().height;
    const failed = await mount({ status: 'sending', text: '', thoughts: '' });
    await show(failed, {
      status: 'failed',
      problem: { title: 'Gemini is busy', detail: 'HTTP 503.', action: 'Try again.' },
    });
    expect(height(failed), 'the failed answer box, no words').toBe(0);
    expect(alert(failed).textContent).toContain('Gemini is busy');
    const stopped = await mount({ status: 'sending', text: '', thoughts: '' });
    await show(stopped, { status: 'stopped' });
    expect(height(stopped), 'the stopped answer box, no words').toBe(0);
    // Nothing is above it to be "partial".
    expect(root(stopped).textContent).toContain('Stopped before any answer came.');
    expect(root(stopped).textContent).not.toContain('the answer above is partial');
    // Words that did come keep their box.
    await show(stopped, { status: 'streaming', text: 'The sky' });
    await show(stopped, { status: 'stopped' });
    expect(height(stopped), 'the stopped answer box, with words').toBeGreaterThan(20);
  });

  it('keeps thought summaries out of the answer, in a collapsed "Thoughts"', async () => {
    const el = await mount({
      status: 'done',
      text: 'The sky is blue.',
      thoughts: '**Exploring Sky Color**',
    });
    expect(answerRegion(el).textContent).not.toContain('Exploring');
    const details = root(el).querySelector('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Thoughts');
    expect(details.textContent).toContain('Exploring Sky Color');
  });

  it('counts down before a retry', async () => {
    const el = await mount({ status: 'retrying', text: '', thoughts: '', retryInSeconds: 12 });
    expect(root(el).querySelector('[role="status"]')?.textContent).toBe('Retrying in 12 s…');
    await show(el, { retryInSeconds: 11 });
    expect(root(el).querySelector('[role="status"]')?.textContent).toBe('Retrying in 11 s…');
  });

  it('keeps a lazy earlier answer out of sight as plain text, findable and copied whole, and renders its Markdown as it comes near', async () => {
    const text = 'A **chart** of an index:\n\n- rises in spring\n- falls in autumn';
    const done: AskState = { status: 'done', text, thoughts: '' };
    // One earlier answer on screen, one three screens below it (a long conversation).
    const near = document.createElement('ask-answer');
    near.past = true;
    near.lazy = true;
    near.state = done;
    const spacer = document.createElement('div');
    spacer.style.height = `${3 * innerHeight}px`;
    const far = document.createElement('ask-answer');
    far.past = true;
    far.lazy = true;
    far.state = done;
    document.body.append(near, spacer, far);
    await far.updateComplete;
    const article = (el: AskAnswer) => root(el).querySelector('[role="article"]') as HTMLElement;
    await expect.poll(() => article(near).querySelector('strong')?.textContent).toBe('chart');
    for (let i = 0; i < 3; i++) await frame();
    // Out of sight: every word is there (an article, found by the browser's Find), as typed.
    expect(article(far).dataset.rendered).toBe('text');
    expect(article(far).getAttribute('aria-label')).toBe('Earlier answer');
    expect(article(far).textContent).toBe(text);
    expect(article(far).querySelector('strong')).toBeNull();
    const write = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    button(far, 'Copy')?.click();
    expect(write).toHaveBeenCalledWith(text);
    write.mockRestore();
    // Scrolled to, it is shown as Markdown.
    far.scrollIntoView();
    await expect.poll(() => article(far).dataset.rendered).toBe('markdown');
    expect(article(far).querySelector('strong')?.textContent).toBe('chart');
    expect(Array.from(article(far).querySelectorAll('li'), (li) => li.textContent)).toEqual([
      'rises in spring',
      'falls in autumn',
    ]);
  });

  it('has no accessibility violations with an answer, usage and an alert', async () => {
    const el = await mount({
      status: 'failed',
      text: '## Result\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n[docs](https://example.com)',
      thoughts: 'thinking',
      usage: { promptTokens: 1, answerTokens: 2, thoughtsTokens: 3, totalTokens: 6 },
      problem: { title: 'The answer broke off', detail: 'An error arrived.', action: 'Ask again.' },
    });
    const results = await axe.run(el);
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
