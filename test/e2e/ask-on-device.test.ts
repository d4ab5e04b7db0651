import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { useChromium } from '../support/browser.ts';
import { startFakeGemini } from '../support/fake-gemini.ts';
import { alertText, answer, openAsk, pickSample } from './ask-support.ts';
import {
  configure,
  destroySessions,
  installStandIn,
  removeLanguageModel,
  standInLog,
  type StandInConfig,
} from './built-in-model-stand-in.ts';

const DEVICE = 'On this device (Gemini Nano)';
const SAMPLE = 'Sample: stock index chart';

/** The Ask view with the stand-in model installed (no key typed, no Gemini server at all). */
async function openWithModel(
  context: BrowserContext,
  config: Partial<StandInConfig> = {},
): Promise<{ page: Page; errors: string[]; view: Locator }> {
  await installStandIn(context, config);
  return openAsk(context);
}

function deviceOption(view: Locator): Locator {
  return view.getByRole('radio', { name: DEVICE });
}

function progressBar(view: Locator): Locator {
  return view.getByRole('progressbar', { name: 'Model download' });
}

/**
 * Every position the "Model download" bar shows, one per frame, recorded in the page from now
 * on. Looking from here takes two round trips a look, which on a busy machine (two test files
 * at once) can miss a step of a one-second download that a person watching would have seen.
 */
async function recordProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate((name) => {
    const seen: number[] = [];
    Object.assign(window, { progressSeen: seen });
    const find = (root: Document | ShadowRoot): HTMLProgressElement | null => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof HTMLProgressElement && el.labels[0]?.textContent?.trim() === name)
          return el;
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    const look = () => {
      const bar = find(document);
      if (bar) seen.push(bar.position);
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, 'Model download');
  return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

/** Choose the on-device model, pick the sample and press Ask. */
async function askOnDevice(view: Locator): Promise<void> {
  await deviceOption(view).check();
  await pickSample(view, SAMPLE);
  await view.getByRole('button', { name: 'Ask', exact: true }).click();
}

function status(view: Locator): Locator {
  return view.locator('ask-answer').getByRole('status').first();
}

describe('Ask on this device: the browser’s built-in model (Prompt API stand-in)', () => {
  const bed = useChromium();

  it('with no LanguageModel the picker is as before: no option, no new control', async () => {
    const context = await bed.browser.newContext();
    await removeLanguageModel(context);
    const { page, errors, view } = await openAsk(context);
    expect(await page.evaluate(() => 'LanguageModel' in globalThis)).toBe(false);
    await view.getByLabel('Model').waitFor();
    expect(await deviceOption(view).count()).toBe(0);
    expect(await view.getByText(/Gemini Nano/).count()).toBe(0);
    expect(await view.getByRole('group', { name: 'Answered by' }).count()).toBe(0);
    expect(await view.getByRole('radio').count()).toBe(
      await view.locator('ask-image-panel').getByRole('radio').count(),
    );
    // Asking still needs a key, as before.
    await pickSample(view, SAMPLE);
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => view.getByText('Paste your Gemini API key first').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('available: the option is ready, and availability was asked with image input', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openWithModel(context);
    await expect.poll(() => deviceOption(view).isEnabled()).toBe(true);
    expect(await view.getByText(/Ready: the model on this device answers/).count()).toBe(1);
    expect(await view.getByRole('button', { name: 'Download model' }).count()).toBe(0);
    const log = await standInLog(page);
    expect(log.availabilityCalls[0].inputs).toEqual(['text', 'image']);
    // Nothing is created (nor downloaded) before the person asks.
    expect(log.creates).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('unavailable: the option is shown disabled, with the reason in words', async () => {
    const context = await bed.browser.newContext();
    const { view } = await openWithModel(context, { availability: 'unavailable' });
    const reason = 'This browser or device cannot run a built-in model; use a Gemini API key.';
    await expect.poll(() => view.getByText(reason).count()).toBe(1);
    expect(await deviceOption(view).isDisabled()).toBe(true);
    // The reason is the option's description, so a screen reader hears it with the option.
    const describedBy = await deviceOption(view).getAttribute('aria-describedby');
    expect(await view.locator(`#${describedBy}`).textContent()).toContain(reason);
    // On screen it is one short line: the reason waits behind "Why?", and opens readable.
    const why = view.getByText('Why?', { exact: true });
    await expect.poll(() => view.getByText(reason).isVisible()).toBe(false);
    await why.click();
    await expect.poll(() => view.getByText(reason).isVisible()).toBe(true);
    await context.close();
  });

  it('unavailable for images only: says the model here cannot take images', async () => {
    const context = await bed.browser.newContext();
    const { view } = await openWithModel(context, {
      availability: 'unavailable',
      textOnly: 'available',
    });
    await expect.poll(() => view.getByText(/built-in model cannot take images/).count()).toBe(1);
    expect(await deviceOption(view).isDisabled()).toBe(true);
    await context.close();
  });

  it('downloadable: the download waits for a click on "Download model", then shows progress', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openWithModel(context, {
      availability: 'downloadable',
      downloadSteps: 5,
      downloadStepMs: 250,
    });
    const button = view.getByRole('button', { name: 'Download model' });
    await button.waitFor();
    // Nothing started by itself: no session, no progress bar.
    await page.waitForTimeout(500);
    expect((await standInLog(page)).creates).toEqual([]);
    expect(await progressBar(view).count()).toBe(0);

    const shown = await recordProgress(page);
    await button.click();
    await expect
      .poll(() => view.getByText(/Ready: the model on this device answers/).count(), {
        timeout: 15_000,
        interval: 50,
      })
      .toBe(1);
    // The bar moved with the downloadprogress events, through values between 0 and 1.
    const seen = await shown();
    const fractions = [...new Set(seen.filter((v) => v > 0 && v < 1))];
    expect(fractions.length).toBeGreaterThanOrEqual(2);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const log = await standInLog(page);
    expect(log.creates).toHaveLength(1);
    expect(log.creates[0]).toMatchObject({
      inputs: ['text', 'image'],
      withActivation: true,
      outcome: 'created',
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloadable: a download that fails says so beside the button, which stays', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openWithModel(context, {
      availability: 'downloadable',
      createError: 'NetworkError',
      downloadStepMs: 100,
    });
    await view.getByRole('button', { name: 'Download model' }).click();
    const alert = view.locator('ask-model-choice').getByRole('alert');
    await expect.poll(() => alert.innerText()).toMatch(/The model download failed/);
    expect(await alert.innerText()).toMatch(/Check your connection and free disk space/);
    expect(await view.getByRole('button', { name: 'Download model' }).isEnabled()).toBe(true);
    expect(await progressBar(view).count()).toBe(0);
    // A second click tries again, and this time it works.
    await configure(page, { createError: undefined });
    await view.getByRole('button', { name: 'Download model' }).click();
    await expect
      .poll(() => view.getByText(/Ready: the model on this device answers/).count())
      .toBe(1);
    expect(await alert.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloading: a progress bar, fed by downloadprogress once a question is asked', async () => {
    const context = await bed.browser.newContext();
    const { page, view } = await openWithModel(context, {
      availability: 'downloading',
      downloadSteps: 4,
      downloadStepMs: 300,
    });
    await progressBar(view).waitFor();
    expect(await view.getByText('Chrome is downloading the model to this device.').count()).toBe(1);
    // No progress heard yet: the bar is indeterminate rather than claiming 0 %.
    expect(await progressBar(view).evaluate((p) => (p as HTMLProgressElement).position)).toBe(-1);
    await askOnDevice(view);
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          const bar = progressBar(view);
          if (await bar.count())
            seen.push(await bar.evaluate((p) => (p as HTMLProgressElement).position));
          return status(view).innerText();
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBe('Done.');
    expect(seen.some((v) => v > 0 && v < 1)).toBe(true);
    await expect
      .poll(() => view.getByText(/Ready: the model on this device answers/).count())
      .toBe(1);
    expect((await standInLog(page)).creates[0].withActivation).toBe(true);
    await context.close();
  });

  it('answers with no key and the network blocked: Markdown, the line says "On this device"', async () => {
    const context = await bed.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page, errors, view } = await openWithModel(context);
    // The page's files come from its service worker once cached, as for anyone offline.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Ready to work offline' }).count(), {
        timeout: 30_000,
      })
      .toBe(1);
    await pickSample(view, SAMPLE);
    await context.setOffline(true);
    expect(
      await page.evaluate(() =>
        fetch(`https://generativelanguage.googleapis.com/v1beta/models?x=${Date.now()}`).then(
          () => 'reached',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    // Offline, Gemini says it needs the network; the model on this device does not.
    await expect
      .poll(() => view.getByText('You are offline: Ask needs the network').count())
      .toBe(1);
    expect(await view.getByLabel('Gemini API key').inputValue()).toBe('');
    await deviceOption(view).check();
    expect(await view.getByText('You are offline: Ask needs the network').count()).toBe(0);
    await view.getByRole('button', { name: 'Ask', exact: true }).click();

    await expect.poll(() => status(view).innerText(), { timeout: 15_000 }).toBe('Done.');
    expect(await answer(view).innerText()).toBe(
      'The chart shows a stock index rising over the year.',
    );
    expect(await answer(view).locator('strong').textContent()).toBe('a stock index');
    // The answer is a turn of the conversation: one line names the model, the context it
    // used and the time, each once (no Gemini token counts).
    expect(
      await view
        .locator('ask-answer p.status')
        .filter({ hasText: /tokens|On this device/ })
        .allInnerTexts(),
    ).toEqual([
      expect.stringMatching(/^On this device · Context used: \d+ of 9216 tokens · \d+\.\d s$/),
    ]);

    // What the model got: the prompt as text and the image as a Blob, in one session that
    // took text and images, destroyed after the answer.
    const log = await standInLog(page);
    expect(log.prompts).toEqual([
      {
        session: 1,
        history: [],
        texts: ['Explain what you see in this image.'],
        images: [{ blob: true, type: expect.stringMatching(/^image\//), size: expect.any(Number) }],
      },
    ]);
    expect(log.prompts[0].images[0].size).toBeGreaterThan(1000);
    expect(log.creates.map((c) => c.inputs)).toEqual([['text', 'image']]);
    // Kept for a follow-up, not destroyed.
    expect(log.destroyed).toBe(0);
    // Nothing went out: only the page's own files, served by its service worker.
    const appOrigin = new URL(page.url()).origin;
    expect(requests.filter((u) => !u.startsWith(appOrigin) && !u.startsWith('blob:'))).toEqual([]);

    await view.getByRole('button', { name: 'Copy', exact: true }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'The chart shows **a stock index** rising over the year.',
    );

    // A follow-up, still offline: the same session, which holds the first turn.
    await view.getByLabel('Prompt').fill('Which way does the line go?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(async () => (await standInLog(page)).prompts.length).toBe(2);
    await expect.poll(() => status(view).innerText(), { timeout: 15_000 }).toBe('Done.');
    const followUp = (await standInLog(page)).prompts[1];
    expect(followUp).toMatchObject({ session: 1, texts: ['Which way does the line go?'] });
    expect(followUp.images).toEqual([]);
    expect(followUp.history.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(requests.filter((u) => !u.startsWith(appOrigin) && !u.startsWith('blob:'))).toEqual([]);
    // The one failed load is the probe above that proved the network gone.
    expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  });

  it('sends nothing to Gemini even with a key set: no token count, no question', async () => {
    const fake = await startFakeGemini();
    try {
      const context = await bed.browser.newContext();
      await installStandIn(context);
      const { page, view } = await openAsk(context, fake.url);
      await deviceOption(view).check();
      await pickSample(view, SAMPLE);
      // "Original" would count the image's tokens with Gemini when Gemini answers.
      await view.getByRole('radio', { name: 'Original' }).check();
      await view.getByRole('button', { name: 'Ask', exact: true }).click();
      await expect.poll(() => status(view).innerText()).toBe('Done.');
      expect((await standInLog(page)).prompts).toHaveLength(1);
      expect(fake.requests).toEqual([]);
      // Back on Gemini, the key is used again as before: the image's tokens are counted.
      await view.getByRole('radio', { name: 'Gemini, with your API key' }).check();
      await expect
        .poll(() => fake.requests.filter((r) => r.action === 'countTokens').length)
        .toBeGreaterThan(0);
      await context.close();
    } finally {
      await fake.close();
    }
  });

  it('Stop aborts the stream through its signal and keeps the partial answer', async () => {
    const context = await bed.browser.newContext();
    const chunks = Array.from({ length: 40 }, (_, i) => `word${i} `);
    const { page, view } = await openWithModel(context, { chunks, chunkDelayMs: 150 });
    await askOnDevice(view);
    await expect.poll(() => answer(view).innerText()).toMatch(/word2/);
    await view.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => status(view).innerText()).toBe('Stopped.');
    const partial = await answer(view).innerText();
    await page.waitForTimeout(600);
    expect(await answer(view).innerText()).toBe(partial);
    expect(partial).not.toMatch(/word39/);
    const log = await standInLog(page);
    expect(log.aborted).toBe(1);
    expect(log.destroyed).toBe(1);
    expect(await view.getByTestId('stopped').count()).toBe(1);
    await context.close();
  });

  it('QuotaExceededError: says the context window was exceeded, suggests a New conversation, keeps the question; Retry answers', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openWithModel(context, {
      promptError: 'QuotaExceededError',
    });
    await askOnDevice(view);
    await expect.poll(() => alertText(view)).toMatch(/Too long for the model on this device/);
    const text = await alertText(view);
    expect(text).toMatch(/context window/);
    expect(text).toMatch(/New conversation/);
    expect(text).toMatch(/question and image are kept/);
    expect(await view.getByLabel('Prompt').inputValue()).toBe(
      'Explain what you see in this image.',
    );
    expect(await view.getByTestId('image-facts').innerText()).toMatch(/\d+ × \d+ px/);

    // The conversation view's fresh start is offered, as for Gemini's size limit.
    expect(
      await view.getByRole('button', { name: 'New conversation with this image' }).count(),
    ).toBe(1);

    await configure(page, { promptError: undefined });
    await view.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => status(view).innerText()).toBe('Done.');
    expect(await answer(view).innerText()).toMatch(/stock index/);
    expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    await context.close();
  });

  const failures: {
    name: string;
    config: Partial<StandInConfig>;
    destroy?: boolean;
    says: RegExp;
  }[] = [
    {
      name: 'image input not supported (create says NotSupportedError)',
      config: { createError: 'NotSupportedError' },
      says: /Image input not supported/,
    },
    {
      name: 'the download failed (NetworkError)',
      config: { availability: 'downloadable', createError: 'NetworkError', downloadStepMs: 50 },
      says: /The model download failed/,
    },
    {
      name: 'the download was cancelled (AbortError from create)',
      config: { availability: 'downloadable', createError: 'AbortError', downloadStepMs: 50 },
      says: /The model download was cancelled/,
    },
    {
      name: 'a language not supported (NotSupportedError while answering)',
      config: { promptError: 'NotSupportedError', errorAfterChunks: 1 },
      says: /Language not supported/,
    },
    {
      name: 'the session destroyed while answering',
      config: { chunks: Array.from({ length: 30 }, () => 'more '), chunkDelayMs: 100 },
      destroy: true,
      says: /The model stopped.*closed the built-in model’s session/s,
    },
    {
      name: 'any other DOMException (UnknownError)',
      config: { promptError: 'UnknownError' },
      says: /The built-in model failed.*\(UnknownError\)/s,
    },
  ];

  for (const f of failures) {
    it(`failure: ${f.name}: a plain message, the question and image kept`, async () => {
      const context = await bed.browser.newContext();
      const { page, errors, view } = await openWithModel(context, f.config);
      await askOnDevice(view);
      if (f.destroy) {
        await expect.poll(() => answer(view).innerText()).toMatch(/more/);
        await destroySessions(page);
      }
      await expect.poll(() => alertText(view), { timeout: 15_000 }).toMatch(f.says);
      expect(await alertText(view)).toMatch(/question and image are kept/);
      expect(await status(view).innerText()).toBe('The answer could not be completed.');
      expect(await view.getByLabel('Prompt').inputValue()).toBe(
        'Explain what you see in this image.',
      );
      expect(await view.getByTestId('image-facts').innerText()).toMatch(/\d+ × \d+ px/);
      expect(await view.getByRole('button', { name: 'Retry' }).count()).toBe(1);
      expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
      await context.close();
    });
  }
});
