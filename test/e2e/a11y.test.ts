import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { BrowserContext, BrowserContextOptions, FileChooser, Page } from 'playwright-core';
import { openPage } from '../support/browser.ts';
import {
  axeFindings,
  focusState,
  liveLog,
  motionless,
  tabTo,
  watchLiveRegions,
} from './a11y-support.ts';
import { fixtureReply, madeUpError, type FakeGemini } from '../support/fake-gemini.ts';
import { fixtures } from './reveal-support.ts';
import { TEST_KEY, askTestbed, pickSample, useBaseUrl } from './ask-support.ts';

const lesson = join(fixtures, 'lesson', 'hidden-message.png');
const themes = ['light', 'dark'] as const;

describe('accessibility', () => {
  const bed = askTestbed();
  let fake: FakeGemini;
  beforeAll(() => {
    fake = bed.fake;
  });
  // Closed even when a test fails, so no page is left holding the browser's focus.
  const contexts: BrowserContext[] = [];
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  /** Open a view in a fresh context, closed after the test. */
  /** Wait until a view's code has loaded (Reveal's and Hide's load when their tab opens). */
  function viewLoaded(page: Page, view: string) {
    return page.waitForFunction((v) => customElements.get(`${v}-view`) !== undefined, view);
  }

  /**
   * Wait until a view's element is defined and has rendered its own controls: its shadow
   * root hides the "Loading…" placeholder, and a labelled control of the view is on screen.
   */
  async function viewRendered(page: Page, view: string): Promise<void> {
    await viewLoaded(page, view);
    await expect
      .poll(() =>
        page
          .locator(`${view}-view`)
          .evaluate(async (el: HTMLElement & { updateComplete?: Promise<unknown> }) => {
            await el.updateComplete;
            return (el.shadowRoot?.childElementCount ?? 0) > 0;
          }),
      )
      .toBe(true);
    const panel = page.getByRole('tabpanel');
    // The placeholder stays in the light DOM, unslotted: it must no longer be visible.
    await expect.poll(() => panel.getByText('Loading…').isVisible()).toBe(false);
    const control: Record<string, RegExp> = {
      ask: /^Gemini API key$/,
      reveal: /^Image$/,
      hide: /^Message$/,
    };
    await expect.poll(() => panel.getByLabel(control[view]).first().isVisible()).toBe(true);
  }

  async function open(view: string, options: BrowserContextOptions = {}) {
    const context = await bed.browser.newContext(options);
    contexts.push(context);
    const opened = await openPage(context, `${inject('appURL')}#/${view}`);
    await opened.page.bringToFront();
    await expect.poll(() => opened.page.getByRole('tabpanel').count()).toBe(1);
    await viewLoaded(opened.page, view);
    return { context, ...opened };
  }

  /** Ask a question about the hidden-message sample, answered by the fake server. */
  async function ask(page: Page): Promise<void> {
    const view = page.getByRole('tabpanel');
    await view.getByLabel('Gemini API key').fill(TEST_KEY);
    await useBaseUrl(view, fake.url);
    await pickSample(view, 'Sample: hidden message');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
  }

  async function revealLesson(page: Page): Promise<void> {
    await page.getByRole('tabpanel').getByLabel('Image', { exact: true }).setInputFiles(lesson);
    await expect.poll(() => page.getByRole('img', { name: /revealed:/ }).count()).toBe(1);
  }

  it('catches a control with no accessible name (the check itself works)', async () => {
    const { page } = await open('reveal');
    await page.evaluate(() => document.body.append(document.createElement('input')));
    expect((await axeFindings(page)).map((f) => f.rule)).toContain('label');
  });

  for (const colorScheme of themes) {
    it(`finds no axe violation in any empty view, ${colorScheme} theme`, async () => {
      const { page, errors } = await open('ask', { colorScheme });
      // The page follows the system theme: a light page, or a dark one.
      const background = await page.evaluate(() => {
        const [r, g, b] = getComputedStyle(document.body)
          .backgroundColor.match(/\d+/g)!
          .map(Number);
        return (r + g + b) / 3;
      });
      expect(background > 128 ? 'light' : 'dark').toBe(colorScheme);
      for (const view of ['Ask', 'Reveal', 'Hide']) {
        await page.getByRole('tab', { name: view }).click();
        await expect
          .poll(() => page.getByRole('tab', { name: view }).getAttribute('aria-selected'))
          .toBe('true');
        await viewRendered(page, view.toLowerCase());
        expect(await axeFindings(page), `${view} view`).toEqual([]);
      }
      expect(errors).toEqual([]);
    });

    it(`finds no axe violation in Reveal with an image revealed, by threshold and by Auto, ${colorScheme} theme`, async () => {
      const { page, errors } = await open('reveal', { colorScheme });
      await revealLesson(page);
      expect(await axeFindings(page), 'threshold').toEqual([]);
      await page.getByRole('button', { name: 'Auto reveal' }).click();
      // The picture's text alternative says what Auto found.
      await expect
        .poll(() => page.getByRole('img', { name: /revealed: Auto reveal: \w+/ }).count())
        .toBe(1);
      expect(await axeFindings(page), 'auto').toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  for (const colorScheme of themes) {
    it(`finds no axe violation in Ask with a streamed answer, then an error, ${colorScheme} theme`, async () => {
      fake.reset();
      fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt'));
      const { page, errors } = await open('ask', { colorScheme });
      await ask(page);
      const view = page.getByRole('tabpanel');
      await expect.poll(() => view.getByText('Done.').count(), { timeout: 30_000 }).toBe(1);
      expect(await axeFindings(page), 'answer').toEqual([]);

      fake.queue(madeUpError('region'));
      await view.getByRole('button', { name: 'Ask', exact: true }).click();
      await expect.poll(() => view.getByRole('alert').filter({ hasText: /\w/ }).count()).toBe(1);
      expect(await axeFindings(page), 'error').toEqual([]);
      expect(errors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    });
  }

  it('announces a streamed answer once, when it is complete, not piece by piece', async () => {
    fake.reset();
    fake.respondWith(
      fixtureReply('googleai/streaming-success-basic-reply-long.txt', {
        chunks: [997],
        delayMs: 60,
      }),
    );
    const { page } = await open('ask');
    await watchLiveRegions(page);
    await ask(page);
    const view = page.getByRole('tabpanel');
    await expect.poll(() => view.getByText('Done.').count(), { timeout: 30_000 }).toBe(1);
    // The footer's offline status may speak up meanwhile; it is not part of the answer.
    const said = (await liveLog(page)).filter((s) => s !== 'Ready to work offline');
    expect(said.filter((s) => s.startsWith('Answer ready.'))).toHaveLength(1);
    // A handful of status messages at most, far fewer than the pieces that arrived.
    expect(said.length).toBeLessThanOrEqual(6);
  });

  it('asks a question with the keyboard alone', async () => {
    fake.reset();
    fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-short.txt'));
    const { page } = await open('ask');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    expect(await tabTo(page, /"Gemini API key/)).toBe(true);
    await page.keyboard.type(TEST_KEY);
    // The short setup keeps the address one step away: open it from the keyboard.
    expect(await tabTo(page, /^summary "Use another address/)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await tabTo(page, /"API base URL/)).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(fake.url);
    // Leaving the field asks whether the key may go to this (local) host: yes, by keyboard.
    expect(await tabTo(page, /^button "Send key to this host/)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await tabTo(page, /^button "Sample: hidden message/)).toBe(true);
    await page.keyboard.press('Enter');
    await page
      .getByRole('tabpanel')
      .getByTestId('image-facts')
      .filter({ hasText: /\d+ × \d+ px/ })
      .waitFor();
    expect(await tabTo(page, /^textarea "Prompt/)).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('What does the hidden message say?');
    expect(await tabTo(page, /^button "Ask"/)).toBe(true);
    await page.keyboard.press('Enter');
    const view = page.getByRole('tabpanel');
    await expect.poll(() => view.getByText('Done.').count(), { timeout: 30_000 }).toBe(1);
    const sent = fake.requests.find((r) => r.action === 'streamGenerateContent');
    expect(sent?.rawBody).toContain('What does the hidden message say?');
  });

  it('finds no axe violation when Reveal shows an error', async () => {
    const { page } = await open('reveal');
    await page
      .getByRole('tabpanel')
      .getByLabel('Image', { exact: true })
      .setInputFiles({
        name: 'notes.png',
        mimeType: 'image/png',
        buffer: Buffer.from('not a png'),
      });
    await expect.poll(() => page.getByRole('alert').count()).toBeGreaterThan(0);
    expect(await axeFindings(page)).toEqual([]);
  });

  it('shows where focus is on every stop of the Tab order, in every view', async () => {
    const { page } = await open('reveal');
    await revealLesson(page);
    for (const view of ['ask', 'reveal', 'hide']) {
      await page.evaluate((v) => (location.hash = `#/${v}`), view);
      // A view's code loads when its tab first opens; a person waits for it to appear.
      await viewLoaded(page, view);
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      const seen = new Set<string>();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const state = await focusState(page);
        if (!state) continue;
        if (seen.has(state.name)) break;
        seen.add(state.name);
        expect(state.visible, `${view}: focus on ${state.name}`).toBe(true);
      }
      expect(seen.size, `${view}: tab stops`).toBeGreaterThan(1);
    }
  });

  it('reveals the lesson image with the keyboard alone', async () => {
    const { page } = await open('ask');
    // Listening from the start: Playwright turns on file-chooser interception asynchronously,
    // and a chooser opened before that is lost.
    const choosers: FileChooser[] = [];
    page.on('filechooser', (c) => choosers.push(c));
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    // Tab into the tab list, arrow to Reveal, then Tab on to the file input.
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reveal');
    await viewLoaded(page, 'reveal');
    let chooser = false;
    for (let i = 0; i < 10 && !chooser; i++) {
      await page.keyboard.press('Tab');
      const state = await focusState(page);
      chooser = /^input "Image/.test(state?.name ?? '');
    }
    expect(chooser).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => choosers.length).toBe(1);
    await choosers[0].setFiles(lesson);
    await expect.poll(() => page.getByRole('img', { name: /revealed:/ }).count()).toBe(1);
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await focusState(page))?.name === 'button "Auto reveal"') break;
    }
    expect((await focusState(page))?.name).toBe('button "Auto reveal"');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('img', { name: /revealed: Auto reveal: / }).count())
      .toBe(1);
  });

  it('keeps focus, visibly, on a Reveal action while it works and after, saying it is busy', async () => {
    const { page } = await open('reveal');
    await revealLesson(page);
    const panel = page.getByRole('tabpanel');
    for (const [name, done] of [
      ['Read text', () => panel.getByRole('region', { name: 'Text found' }).count()],
      ['Auto reveal', () => page.getByRole('img', { name: /revealed: Auto reveal: / }).count()],
      [
        'Download PNG',
        () => panel.getByRole('button', { name: 'Download PNG', disabled: false }).count(),
      ],
    ] as const) {
      const button = panel.getByRole('button', { name });
      // Each time the button says it is busy or free again, is the focus still on it? A
      // disabled button would drop it to the page, where it shows nowhere.
      await button.evaluate((b) => {
        const log: string[] = [];
        (window as unknown as { busyLog: string[] }).busyLog = log;
        new MutationObserver(() => {
          const focused = (b.getRootNode() as ShadowRoot).activeElement === b;
          log.push(`${b.getAttribute('aria-disabled')} ${focused ? 'focused' : 'unfocused'}`);
        }).observe(b, { attributes: true, attributeFilter: ['aria-disabled'] });
      });
      await button.focus();
      if (name === 'Download PNG')
        await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      else await page.keyboard.press('Enter');
      await expect.poll(done, { timeout: 60_000 }).toBe(1);
      const log = () => page.evaluate(() => (window as unknown as { busyLog: string[] }).busyLog);
      await expect.poll(log).toEqual(['true focused', 'false focused']);
      expect(await focusState(page)).toEqual({ name: `button "${name}"`, visible: true });
    }
  });

  it('hides a message and hands it to Reveal with the keyboard alone', async () => {
    const { page } = await open('hide');
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    expect(await tabTo(page, /^textarea "Message/)).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Typed by keyboard');
    expect(await tabTo(page, /^button "Reveal it/)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reveal');
    await expect.poll(() => page.getByRole('img', { name: /revealed:/ }).count()).toBe(1);
  });

  it('fits a 360 px wide phone with no sideways scrolling, in every view', async () => {
    fake.reset();
    fake.respondWith(fixtureReply('googleai/streaming-success-basic-reply-long.txt'));
    const { page } = await open('ask', {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    for (const view of ['ask', 'reveal', 'hide']) {
      await page.evaluate((v) => (location.hash = `#/${v}`), view);
      await expect.poll(() => page.getByRole('tabpanel').count()).toBe(1);
      if (view === 'reveal') {
        await revealLesson(page);
        // A finger on the slider moves the threshold.
        const slider = page.getByRole('tabpanel').getByLabel('Threshold');
        // On a phone the settings sit under the picture: the finger scrolls there first.
        await slider.scrollIntoViewIfNeeded();
        const box = (await slider.boundingBox())!;
        await page.touchscreen.tap(box.x + box.width * 0.15, box.y + box.height / 2);
        await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(80);
      }
      if (view === 'ask') {
        // Phones offer the camera for a file input that accepts any image.
        expect(
          await page
            .getByRole('tabpanel')
            .getByLabel('Image', { exact: true })
            .getAttribute('accept'),
        ).toBe('image/*');
        await ask(page);
        await expect
          .poll(() => page.getByRole('tabpanel').getByText('Done.').count(), { timeout: 30_000 })
          .toBe(1);
      }
      await page.screenshot({ path: join(tmpdir(), `glimpse-360-${view}.png`), fullPage: true });
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        view,
      ).toBeLessThanOrEqual(360);
    }
  });

  it('keeps still when the system asks for reduced motion', async () => {
    const { page } = await open('reveal', { reducedMotion: 'reduce' });
    await revealLesson(page);
    await page.getByRole('button', { name: 'Auto reveal' }).click();
    for (const view of ['Reveal', 'Hide', 'Ask']) {
      await page.getByRole('tab', { name: view }).click();
      expect(await motionless(page), view).toBe(true);
    }
  });
});
