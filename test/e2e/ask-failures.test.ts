import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Locator } from 'playwright-core';
import {
  MADE_UP_ERRORS,
  fixtureReply,
  jsonReply,
  madeUpError,
  startFakeGemini,
  type FakeReply,
} from '../support/fake-gemini.ts';
import {
  TEST_KEY,
  alertText,
  answer,
  askIsBack,
  askTestbed,
  openAsk,
  pickSample,
  sse,
  textEvent,
  useBaseUrl,
} from './ask-support.ts';
import { BACKOFF_BASE_MS, MAX_ATTEMPTS } from '../../src/lib/gemini/retry.ts';

/** One failure from docs/gemini.md's table: what the fake sends, what the person reads. */
interface Case {
  name: string;
  reply: FakeReply;
  /** Words the alert must show: the plain message and the next step. */
  says: RegExp[];
  /** Answer text that arrived before the failure and must stay on screen. */
  keeps?: string;
}

const stream = (body: string): FakeReply => ({ contentType: 'text/event-stream', body });

const cases: Case[] = [
  {
    name: 'bad key',
    reply: fixtureReply('googleai/unary-failure-api-key.json'),
    says: [/The key was refused/, /Paste the key again/],
  },
  {
    name: 'API not enabled',
    reply: fixtureReply('googleai/unary-failure-generativelanguage-api-not-enabled.json'),
    says: [/The Gemini API is not enabled/, /Enable the “Generative Language API”/],
  },
  {
    name: 'key restricted to other websites',
    reply: madeUpError('referrerBlocked'),
    says: [/This website is not allowed for the key/, /Application restrictions/],
  },
  {
    name: 'key restricted to other APIs',
    reply: madeUpError('serviceBlocked'),
    says: [/The key may not call Gemini/, /API restrictions/],
  },
  {
    name: 'unknown model',
    reply: fixtureReply('googleai/unary-failure-unknown-model.json'),
    says: [/Model not available/, /Pick another model/],
  },
  {
    name: 'region',
    reply: madeUpError('region'),
    says: [/Not available in your region/],
  },
  {
    name: 'image refused',
    reply: fixtureReply('googleai/streaming-failure-image-rejected.txt'),
    says: [/The image could not be used/, /PNG or JPEG/],
  },
  {
    name: 'request too large',
    reply: madeUpError('tooLarge'),
    says: [/The request is too large/, /under 20 MB/],
  },
  {
    name: 'safety stop with partial text',
    reply: fixtureReply('generative-ai-js/streaming-failure-finish-reason-safety.txt'),
    says: [/Stopped by safety filters/, /What arrived so far is kept/],
    keeps: 'No',
  },
  {
    name: 'blocked prompt',
    reply: fixtureReply('googleai/streaming-failure-prompt-blocked-safety.txt'),
    says: [/The question was blocked/, /for safety reasons/],
  },
  {
    name: 'recitation',
    reply: fixtureReply('googleai/streaming-failure-recitation-no-content.txt'),
    says: [/Stopped: too close to a source/, /summary in its own words/],
  },
  {
    name: 'max tokens with no text',
    reply: stream(sse({ candidates: [{ finishReason: 'MAX_TOKENS' }] })),
    says: [/No room for an answer/, /Raise the output limit/],
  },
  {
    name: 'an unknown finish reason',
    reply: stream(sse(textEvent('Half an'), textEvent(' answer', 'BRAND_NEW_REASON'))),
    says: [/Stopped unexpectedly/, /BRAND_NEW_REASON/],
    keeps: 'Half an answer',
  },
  {
    name: 'error JSON in mid-stream',
    reply: stream(
      sse(textEvent('The first part ')) + JSON.stringify(MADE_UP_ERRORS.internal, null, 2),
    ),
    says: [/The answer broke off/, /Ask again/],
    keeps: 'The first part',
  },
  {
    name: 'a stream cut short',
    // The connection drops once the partial answer is on screen: a browser drops bytes it has
    // not yet handed to the page when the connection breaks, which under load (two files at
    // once) lost the partial answer before the page read it.
    reply: fixtureReply('googleai/streaming-success-basic-reply-long.txt', {
      pauseAt: 1500,
      cutAt: 1500,
    }),
    says: [/The answer was cut short/, /Check your connection/],
    keeps: 'dive into the world of cats and dogs',
  },
];

describe('Ask view: every failure shows its message and keeps the question', () => {
  const bed = askTestbed();
  let context: BrowserContext;
  let view: Locator;
  let errors: string[];
  const logged: string[] = [];
  const requested: string[] = [];

  beforeAll(async () => {
    context = await bed.browser.newContext();
    // Everything the page logs or requests, to check the key never shows up in either.
    context.on('console', (m) => logged.push(m.text()));
    context.on('request', (r) => requested.push(r.url()));
    ({ view, errors } = await openAsk(context, bed.fake.url));
    await pickSample(view, 'Sample: hidden message');
  });
  afterAll(async () => {
    await context.close();
  });

  /**
   * Ask the question on screen and read the alert once this attempt has ended (the Ask
   * button is usable again), so an earlier case's alert is never mistaken for this one's.
   * With `shownBeforeCut`, the reply pauses until those words are on screen.
   */
  async function askAndReadAlert(expectRequest = true, shownBeforeCut?: string): Promise<string> {
    await questionInPrompt();
    // The live answer's alert is always there (empty when all is well): what it said before
    // this question must not be taken for its answer, so wait for it to say something new.
    const said = () => view.locator('ask-answer[slot=live] .problem').textContent();
    const before = await said();
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    if (expectRequest) await bed.fake.waitForRequests(1);
    if (shownBeforeCut) {
      await bed.fake.paused();
      await expect.poll(() => answer(view).innerText()).toContain(shownBeforeCut);
      bed.fake.release();
    }
    await expect
      .poll(async () => (await askIsBack(view)) && (await said()) !== before && 'new')
      .toBe('new');
    return alertText(view);
  }

  /**
   * The question again in the Prompt: a failed one stays there, but an answered one leaves it
   * for the next question, as in a chat app.
   */
  async function questionInPrompt(): Promise<void> {
    const prompt = view.getByLabel('Prompt');
    if ((await prompt.inputValue()) === '') await prompt.fill('Read what you see on this image.');
  }

  /** The question survives: prompt, image and Retry are all still there. */
  async function expectQuestionKept(): Promise<void> {
    expect(await view.getByLabel('Prompt').inputValue()).toBe('Read what you see on this image.');
    expect(await view.getByTestId('image-facts').textContent()).toContain('hidden-message.png');
    expect(
      await view
        .locator('ask-answer[slot=live]')
        .getByRole('button', { name: 'Retry' })
        .isVisible(),
    ).toBe(true);
  }

  for (const c of cases) {
    it(`${c.name}: says so plainly, with the next step`, async () => {
      bed.fake.reset();
      bed.fake.respondWith(c.reply);
      const held = c.reply.pauseAt !== undefined ? c.keeps : undefined;
      const text = await askAndReadAlert(true, held);
      for (const words of c.says) expect(text).toMatch(words);
      // The partial answer is drawn at most once a frame: wait for the frame under load.
      if (c.keeps) await expect.poll(() => answer(view).innerText()).toContain(c.keeps);
      await expectQuestionKept();
      // Errors the app does not retry are asked exactly once.
      expect(bed.fake.requests.filter((r) => r.action === 'streamGenerateContent')).toHaveLength(1);
    });
  }

  /** The generate requests the fake received, in arrival order. */
  const generateCalls = () =>
    bed.fake.requests.filter((r) => r.action === 'streamGenerateContent' && !r.refused);

  it('429: counts down from retryDelay, retries no sooner than it, then answers', async () => {
    bed.fake.reset();
    const quota = structuredClone(MADE_UP_ERRORS.rateLimited) as {
      error: { details: { retryDelay?: string }[] };
    };
    for (const d of quota.error.details) if (d.retryDelay) d.retryDelay = '3s';
    bed.fake.queue(jsonReply(quota));
    await questionInPrompt();
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    const countdown = view.locator('ask-answer').getByText(/Retrying in \d+ s/);
    // Sample the countdown until the answer is done. A sample with no countdown on screen
    // records nothing (it is never read as "0 s").
    const seen: number[] = [];
    let alertWhileWaiting = '';
    await expect
      .poll(
        async () => {
          for (const t of await countdown.allInnerTexts()) {
            seen.push(Number(/(\d+) s/.exec(t)?.[1]));
            alertWhileWaiting ||= (
              await view.locator('ask-answer').getByRole('alert').allInnerTexts()
            ).join(' ');
          }
          return view.getByText('Done.').count();
        },
        { timeout: 20_000, interval: 100 },
      )
      .toBe(1);
    const [rateLimited, retry] = generateCalls();
    expect(generateCalls()).toHaveLength(2);
    const waited = retry.receivedAt - rateLimited.receivedAt;
    expect(
      waited,
      `the retry reached the server ${Math.round(waited)} ms after the 429: retryDelay (3 s) was ignored`,
    ).toBeGreaterThanOrEqual(3_000);
    expect(alertWhileWaiting).toMatch(/Too many requests/);
    // The countdown started from the 429's retryDelay and was live: it went down.
    expect(seen[0], 'the countdown starts at retryDelay').toBeLessThanOrEqual(3);
    expect(seen, 'the countdown never goes up').toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size, `a live countdown, seen: ${seen.join(', ')}`).toBeGreaterThan(1);
    expect(await answer(view).innerText()).toContain('Cheyenne');
    expect(await view.locator('ask-answer').getByRole('alert').count()).toBe(0);
  });

  it('503 then 500: retries with back-off that doubles, saying "Retrying…", then answers', async () => {
    bed.fake.reset();
    bed.fake.queue(madeUpError('unavailable'), madeUpError('internal'));
    await questionInPrompt();
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => view.getByText(/Retrying/).count()).toBeGreaterThan(0);
    await expect.poll(() => view.getByText('Done.').count(), { timeout: 20_000 }).toBe(1);
    expect(await answer(view).innerText()).toContain('Cheyenne');
    const calls = generateCalls();
    expect(calls).toHaveLength(3);
    const [first, second] = [1, 2].map((i) => calls[i].receivedAt - calls[i - 1].receivedAt);
    expect(first, 'the first back-off is at least 1 s').toBeGreaterThanOrEqual(BACKOFF_BASE_MS);
    expect(second, 'the second back-off doubles the first, to 2 s').toBeGreaterThanOrEqual(
      2 * BACKOFF_BASE_MS,
    );
    expect(second, 'the back-off grows').toBeGreaterThan(first);
  });

  it('500 every time: gives up after exactly MAX_ATTEMPTS attempts and says what to do', async () => {
    bed.fake.reset();
    bed.fake.respondWith(madeUpError('internal'));
    await questionInPrompt();
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    // The answer before this one ended well and kept its Retry: wait for this one to fail.
    await expect
      .poll(() => view.getByRole('region', { name: 'Answer' }).getAttribute('data-state'), {
        timeout: 20_000,
      })
      .toBe('failed');
    expect(
      await view.locator('ask-answer[slot=live]').getByRole('button', { name: 'Retry' }).count(),
    ).toBe(1);
    expect(await alertText(view)).toMatch(/Gemini is busy or failing/);
    expect(generateCalls(), `attempts in all: the limit is ${MAX_ATTEMPTS}`).toHaveLength(
      MAX_ATTEMPTS,
    );
    await expectQuestionKept();
  });

  it('Retry asks the same question again', async () => {
    bed.fake.reset();
    bed.fake.queue(fixtureReply('googleai/unary-failure-api-key.json'));
    await askAndReadAlert();
    await view.locator('ask-answer[slot=live]').getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => view.getByText('Done.').count()).toBe(1);
    const asked = bed.fake.requests.filter((r) => r.action === 'streamGenerateContent');
    expect(asked).toHaveLength(2);
    expect(asked[1].rawBody).toBe(asked[0].rawBody);
  });

  it('a server that cannot be reached: says there is no connection', async () => {
    const closed = await startFakeGemini();
    const url = closed.url;
    await closed.close();
    await useBaseUrl(view, url);
    const text = await askAndReadAlert(false);
    expect(text).toMatch(/No connection/);
    await expectQuestionKept();
    // The fake server's host was accepted when the view was opened.
    await useBaseUrl(view, bed.fake.url, false);
  });

  it('offline: says Ask needs the network and keeps the question', async () => {
    bed.fake.reset();
    await context.setOffline(true);
    try {
      await expect
        .poll(() => view.getByText('You are offline: Ask needs the network').count())
        .toBe(1);
      const text = await askAndReadAlert(false);
      expect(text).toMatch(/Ask needs the network/);
      await expectQuestionKept();
      expect(bed.fake.requests).toHaveLength(0);
    } finally {
      await context.setOffline(false);
    }
    await view.locator('ask-answer[slot=live]').getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => view.getByText('Done.').count()).toBe(1);
    // Nothing the page logged along the way was an error it did not handle.
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
  });

  it('refuses an image that would make the request over 20 MB, before sending it', async () => {
    bed.fake.reset();
    // A HEIC file is sent as it is (browsers cannot re-encode it), so 16 MB of it is too much
    // once base64 adds a third. Only its header needs to be real: it is recognised by bytes.
    const heic = Buffer.alloc(16_000_000);
    heic.writeUInt32BE(24, 0);
    heic.write('ftypheic', 4, 'latin1');
    heic.write('mif1heic', 16, 'latin1');
    await view.getByLabel('Image', { exact: true }).setInputFiles({
      name: 'huge.heic',
      mimeType: 'image/heic',
      buffer: heic,
    });
    await view.getByTestId('image-facts').filter({ hasText: 'huge.heic' }).waitFor();
    const stop = view.getByRole('alert').filter({ hasText: /at most 20\.0 MB/ });
    // Said as soon as the image is chosen, and again when Ask is pressed anyway.
    await stop.first().waitFor();
    await questionInPrompt();
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => stop.count()).toBe(2);
    expect(await stop.last().innerText()).toMatch(/Use a smaller image/);
    // Nothing was sent: no question, and no token count for an image the API would refuse.
    expect(bed.fake.requests).toHaveLength(0);
    await pickSample(view, 'Sample: hidden message');
  });

  it('never put the key in a log line or a URL, through all of the failures above', () => {
    expect(requested.length).toBeGreaterThan(20);
    for (const url of requested) expect(url).not.toContain(TEST_KEY);
    for (const line of logged) expect(line).not.toContain(TEST_KEY);
  });
});
