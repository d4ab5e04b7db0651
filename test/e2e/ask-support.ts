/**
 * Helpers for the Ask end-to-end tests: open the built page on the Ask view, point it at a
 * fake Gemini server, load a sample, read what the answer shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { standInLog, type StandInLog } from './built-in-model-stand-in.ts';
import { SAMPLES } from '../../src/lib/samples.ts';
import { openPage, useChromium } from '../support/browser.ts';
import {
  FAKE_API_KEY,
  fixtureReply,
  startFakeGemini,
  type FakeGemini,
  type FakeGeminiOptions,
  type FakeReply,
} from '../support/fake-gemini.ts';

/** The key the tests type, the one the fake accepts: unique enough to grep for. */
export const TEST_KEY = FAKE_API_KEY;

/** The stock chart sample as shipped, to compare with what the page sends. */
export function sampleBytes(name: string): Buffer {
  return readFileSync(join(import.meta.dirname, '..', '..', 'public', 'samples', name));
}

/** What every Ask test file runs against: one Chromium and one fake Gemini server. */
export interface AskTestbed {
  browser: Browser;
  fake: FakeGemini;
}

/**
 * Start a Chromium and a fake Gemini server before the tests of the enclosing `describe` and
 * close both after them. The fields are filled in by `beforeAll`, so read them inside tests and
 * hooks only. Call it before any hook of your own that uses them (after-hooks run in reverse).
 */
export function askTestbed(options: FakeGeminiOptions = {}): AskTestbed {
  const bed = useChromium() as AskTestbed;
  beforeAll(async () => {
    bed.fake = await startFakeGemini(options);
  });
  afterAll(() => bed.fake.close());
  return bed;
}

/** The dialog that asks before the key first goes to a host other than Google's. */
export function keyHostDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: /^Send your key to / });
}

/** Answer the key-host dialog with "Send key to this host", and wait for it to go. */
export async function acceptKeyHost(page: Page): Promise<void> {
  const dialog = keyHostDialog(page);
  await dialog.getByRole('button', { name: 'Send key to this host' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/**
 * Open "Settings", where the key, "API base URL", "Forget key" and "Remember on this device"
 * go once the key works; before that they are in the short setup, where this opens "Use
 * another address (a proxy)" to show "API base URL".
 */
export async function openSettings(view: Locator): Promise<void> {
  const button = view.getByRole('button', { name: 'Settings', exact: true });
  if ((await button.count()) === 0) {
    // The short setup keeps "API base URL" behind "Use another address (a proxy)".
    const more = view.locator('ask-key-panel details');
    if ((await more.count()) && (await more.getAttribute('open')) === null) {
      await more.getByText('Use another address (a proxy)').click();
    }
    return;
  }
  if ((await button.getAttribute('aria-expanded')) === 'false') await button.click();
  await view.getByRole('region', { name: 'Settings' }).waitFor();
}

/**
 * Point "API base URL" at `url` (with a key already typed). A host the key has not gone to
 * yet brings the key-host dialog: `consent` (the default) accepts it, as a person trusting
 * their own proxy would; pass false for a host already accepted, or for Google's.
 */
export async function useBaseUrl(scope: Locator, url: string, consent = true): Promise<void> {
  await openSettings(scope);
  await scope.getByLabel('API base URL').fill(url);
  await scope.getByLabel('API base URL').press('Tab');
  if (consent) await acceptKeyHost(scope.page());
}

/**
 * The Ask view, ready: open, key typed, base URL pointed at `baseUrl` (the fake server,
 * whose host the key-host dialog is accepted for).
 */
export async function openAsk(
  context: BrowserContext,
  baseUrl?: string,
): Promise<{ page: Page; errors: string[]; view: Locator }> {
  const { page, errors } = await openPage(context, `${inject('appURL')}#/ask`);
  const view = page.locator('ask-view');
  await view.getByLabel('Gemini API key').waitFor();
  if (baseUrl) {
    await view.getByLabel('Gemini API key').fill(TEST_KEY);
    await useBaseUrl(view, baseUrl);
  }
  return { page, errors, view };
}

/** Click a sample and wait until its image is planned and its prompt is in place. */
export async function pickSample(view: Locator, label: string): Promise<void> {
  const sample = SAMPLES.find((s) => `Sample: ${s.title.toLowerCase()}` === label);
  if (!sample) throw new Error(`No sample button is labelled "${label}".`);
  // With an image on the stage the samples wait behind "Samples": open it, as a person would.
  const more = view.locator('ask-image-panel details.more-samples');
  if ((await more.count()) && (await more.getAttribute('open')) === null) {
    await more.getByText('Samples', { exact: true }).click();
  }
  await view.getByRole('button', { name: label }).click();
  // This sample's facts, which name its file: the facts of an image already on the stage show
  // at once, and a question typed before this one arrived would lose to its prompt.
  // Locator waits (not expect.poll) so this also works in beforeAll.
  await view
    .getByTestId('image-facts')
    .filter({ hasText: new RegExp(`${sample.id}\\.png: \\d+ × \\d+ px`) })
    .waitFor();
}

/**
 * A fresh window of `viewport` on Ask, the fake server's key checked (its settings folded
 * behind "Settings").
 */
export async function openAskWithKey(
  bed: AskTestbed,
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; errors: string[]; view: Locator }> {
  bed.fake.reset();
  const context = await bed.browser.newContext({ viewport });
  const { page, errors, view } = await openAsk(context, bed.fake.url);
  await view.getByRole('button', { name: 'Check key' }).click();
  await view.getByRole('button', { name: 'Settings', exact: true }).waitFor();
  return { context, page, errors, view };
}

/**
 * A fresh window of `viewport` where the key was checked and the stock chart sample asked
 * "Tell me everything about it.", answered with `reply` (the long recorded answer, several
 * screens, unless given). Returns once Ask is pressed; the caller waits for what it checks.
 */
export async function askAtLength(
  bed: AskTestbed,
  viewport: { width: number; height: number },
  reply = fixtureReply('googleai/streaming-success-basic-reply-long.txt'),
): Promise<{ context: BrowserContext; page: Page; errors: string[]; view: Locator }> {
  const { context, page, errors, view } = await openAskWithKey(bed, viewport);
  await pickSample(view, 'Sample: stock index chart');
  bed.fake.queue(reply);
  await view.getByLabel('Prompt').fill('Tell me everything about it.');
  await view.getByRole('button', { name: 'Ask', exact: true }).click();
  return { context, page, errors, view };
}

/** The answer region. */
export function answer(view: Locator): Locator {
  return view.getByRole('region', { name: 'Answer' });
}

/** Wait until the answer is complete and shown as rendered Markdown (not the plain-text stand-in). */
export async function answerRendered(view: Locator): Promise<void> {
  await view.locator('.answer[data-state="done"][data-rendered="markdown"]').waitFor();
}

/** The alert that explains a failure. */
export function alertText(view: Locator): Promise<string> {
  return view.locator('ask-answer').getByRole('alert').innerText();
}

/** A streaming body in the API's SSE framing, from GenerateContentResponse objects. */
export function sse(...events: unknown[]): string {
  return events.map((e) => `data: ${JSON.stringify(e)}\r\n\r\n`).join('');
}

/** One SSE event carrying answer text (and optionally a finish reason). */
export function textEvent(text: string, finishReason?: string): unknown {
  return {
    candidates: [
      { content: { role: 'model', parts: [{ text }] }, ...(finishReason ? { finishReason } : {}) },
    ],
    modelVersion: 'gemini-test',
  };
}

/**
 * A streamed answer that sends `first`, then waits for the fake's `release()` before the
 * `rest` and STOP: the moment a person presses Stop, or types, while an answer comes.
 */
export function pausedReply(first: string, rest: string): FakeReply {
  const head = sse(textEvent(first));
  return {
    contentType: 'text/event-stream',
    body: head + sse(textEvent(rest, 'STOP')),
    pauseAt: head.length,
    chunks: [Infinity],
  };
}

/**
 * "Ask" is there to press: while an answer comes, Stop takes its place (one button, as in
 * chat apps), so this is false then rather than waiting for an "Ask" that is not there.
 */
export async function askIsBack(view: Locator): Promise<boolean> {
  const ask = view.getByRole('button', { name: 'Ask', exact: true });
  return (await ask.count()) === 1 && (await ask.isEnabled());
}

/**
 * Wait until the newest answer has ended, whatever way (done, failed or stopped), and Ask is
 * there to press again.
 */
export async function answerSettled(view: Locator): Promise<void> {
  await expect
    .poll(async () =>
      (await askIsBack(view))
        ? view.getByRole('region', { name: 'Answer' }).getAttribute('data-state')
        : 'busy',
    )
    .toMatch(/^(done|failed|stopped)$/);
}

/**
 * Type `prompt` (unless undefined), press Ask (or `button`; "Retry" is the newest answer's),
 * and wait until the answer it started on the model built into the browser has ended,
 * whatever way: the stand-in saw a new session or prompt, and Ask is back. Returns what the
 * stand-in has seen so far.
 */
export async function askOnDevice(
  page: Page,
  view: Locator,
  prompt: string | undefined,
  button = 'Ask',
): Promise<StandInLog> {
  const before = await standInLog(page);
  const seen = before.prompts.length + before.creates.length;
  if (prompt !== undefined) await view.getByLabel('Prompt').fill(prompt);
  // Every answer has its own Retry: the newest answer's is the one meant here.
  const scope = button === 'Retry' ? view.locator('ask-answer[slot=live]') : view;
  await scope.getByRole('button', { name: button, exact: true }).click();
  await expect
    .poll(async () => {
      const log = await standInLog(page);
      return log.prompts.length + log.creates.length > seen;
    })
    .toBe(true);
  await answerSettled(view);
  return standInLog(page);
}

/**
 * Holds the stock chart sample on its way, as on a slow connection, until `release()`:
 * `requested()` says whether the page has asked for it yet.
 */
export async function holdSample(
  context: BrowserContext,
): Promise<{ requested: () => boolean; release: () => void }> {
  let requested = false;
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await context.route('**/samples/stock-index-chart.png', async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  return { requested: () => requested, release };
}
