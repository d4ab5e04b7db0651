import { describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openPage } from '../support/browser.ts';
import { axeFindings } from './a11y-support.ts';
import { fixtureReply } from '../support/fake-gemini.ts';
import {
  TEST_KEY,
  acceptKeyHost,
  answerRendered,
  askTestbed,
  keyHostDialog,
  openAsk,
  openSettings,
  pickSample,
  useBaseUrl,
} from './ask-support.ts';

/** A second valid key, typed character by character. */
const TYPED_KEY = 'AQ.typed-one-by-one-42';

/** A key as Google's documented URL form carries it, distinct from TEST_KEY to grep for. */
const URL_KEY = 'AIzaFAKE-pasted-in-url-42';
const KEY_URL = `https://generativelanguage.googleapis.com/v1beta/models/gemini-flash-latest:generateContent?key=${URL_KEY}`;

/** Every value in both web storages of the page, to prove where the key is (and is not). */
function storedValues(page: Page): Promise<{ local: string[]; session: string[] }> {
  return page.evaluate(() => ({
    local: Object.keys(localStorage).map((k) => localStorage.getItem(k) ?? ''),
    session: Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k) ?? ''),
  }));
}

/** Open the Ask view in another tab of the same browser context (shares localStorage only). */
async function newTabKey(context: BrowserContext): Promise<string> {
  const { page } = await openPage(context, `${inject('appURL')}#/ask`);
  const field = page.locator('ask-view').getByLabel('Gemini API key');
  await field.waitFor();
  const value = await field.inputValue();
  await page.close();
  return value;
}

describe('Ask view: the key, the base URL and the model', () => {
  // The fake accepts a second whole key, so typing one can be told from the first.
  const bed = askTestbed({ apiKey: [TEST_KEY, TYPED_KEY] });

  it('keeps a key for this tab only, unless "Remember on this device" is ticked; Forget key wipes it', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context);
    const key = view.getByLabel('Gemini API key');
    const remember = view.getByRole('checkbox', { name: 'Remember on this device' });
    expect(await key.getAttribute('type')).toBe('password');
    expect(await remember.isChecked()).toBe(false);

    await key.fill(TEST_KEY);
    // A reload in the same tab keeps a session key…
    await page.reload();
    await view.getByLabel('Gemini API key').waitFor();
    expect(await key.inputValue()).toBe(TEST_KEY);
    expect(await remember.isChecked()).toBe(false);
    const session = await storedValues(page);
    expect(session.session).toContain(TEST_KEY);
    expect(session.local).not.toContain(TEST_KEY);
    // …and a new tab (or a new browser session) does not have it.
    expect(await newTabKey(context)).toBe('');

    // Remembered: on disk, so a new tab has it too, and it is no longer in session storage.
    await remember.check();
    expect(await newTabKey(context)).toBe(TEST_KEY);
    const remembered = await storedValues(page);
    expect(remembered.local).toContain(TEST_KEY);
    expect(remembered.session).not.toContain(TEST_KEY);

    // Forget key wipes it everywhere.
    await view.getByRole('button', { name: 'Forget key' }).click();
    expect(await key.inputValue()).toBe('');
    expect(await remember.isChecked()).toBe(false);
    const wiped = await storedValues(page);
    expect([...wiped.local, ...wiped.session]).not.toContain(TEST_KEY);
    expect(await newTabKey(context)).toBe('');
    await page.reload();
    await view.getByLabel('Gemini API key').waitFor();
    expect(await key.inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Check key lists the models and says "Key works"; the base URL and model are remembered', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    expect(await view.getByLabel('Model').inputValue()).toBe('gemini-flash-latest');
    await view.getByRole('button', { name: 'Check key' }).click();
    await view.getByText('Key works').waitFor();
    // Every page of the list was read; only models that can answer are offered.
    // …offered in the composer's Model field.
    const offered = await view
      .locator('datalist option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered.sort()).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-flash-latest']);
    // Settings says "Key works" itself once opened: the note under its button goes, so the
    // person reads it once, not twice on one screen.
    await openSettings(view);
    await expect.poll(() => view.getByText('Key works').count()).toBe(1);
    expect(
      await view.getByRole('region', { name: 'Settings' }).getByText('Key works').count(),
    ).toBe(1);
    const listed = bed.fake.requests.filter((r) => r.path === '/v1beta/models');
    expect(listed.length).toBeGreaterThan(1);
    for (const r of listed) {
      expect(r.headers['x-goog-api-key']).toBe(TEST_KEY);
      expect(r.url).not.toContain(TEST_KEY);
    }

    // A typed name is allowed, and both settings survive a reload.
    await view.getByLabel('Model').fill('gemini-2.5-pro');
    await view.getByLabel('Model').press('Tab');
    await page.reload();
    await view.getByLabel('Model').waitFor();
    expect(await view.getByLabel('Model').inputValue()).toBe('gemini-2.5-pro');
    // The key worked before the reload: its settings are still behind Settings.
    await view.getByRole('button', { name: 'Settings', exact: true }).waitFor();
    await openSettings(view);
    expect(await view.getByLabel('API base URL').inputValue()).toBe(bed.fake.url);
    await view.getByLabel('Prompt').fill('Which model?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await answerRendered(view);
    expect(bed.fake.requests.at(-1)?.path).toBe(
      '/v1beta/models/gemini-2.5-pro:streamGenerateContent',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('Check key says exactly why a key is refused', async () => {
    bed.fake.reset();
    bed.fake.respondWith({
      ...fixtureReply('googleai/unary-failure-api-key.json'),
      route: 'models',
    });
    const context = await bed.browser.newContext();
    const { view } = await openAsk(context, bed.fake.url);
    await view.getByRole('button', { name: 'Check key' }).click();
    const said = view.locator('ask-key-panel').getByText('The key was refused');
    await said.waitFor();
    expect(await view.locator('ask-key-panel').getByRole('status').first().innerText()).toMatch(
      /Paste the key again/,
    );
    await context.close();
  });

  it('tells where the key is sent, and asks for one before asking', async () => {
    const context = await bed.browser.newContext();
    const { view } = await openAsk(context);
    expect(await view.getByLabel('API base URL').inputValue()).toBe(
      'https://generativelanguage.googleapis.com',
    );
    expect(await view.getByText(/only in the x-goog-api-key header/).count()).toBe(1);
    await view.getByLabel('Prompt').fill('Anything?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await view.getByRole('alert').filter({ hasText: 'Paste your Gemini API key first' }).waitFor();
    await context.close();
  });

  it('never saves an API base URL that holds a key; says why; Forget key leaves nothing of it', async () => {
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context);
    const base = view.getByLabel('API base URL');
    await view.getByLabel('Gemini API key').fill(TEST_KEY);
    await openSettings(view);
    await base.fill(KEY_URL);
    await base.press('Tab');
    const said = view.locator('ask-key-panel').getByRole('alert');
    await expect.poll(() => said.count()).toBe(1);
    expect(await said.innerText()).toMatch(/holds an API key.*not saved/s);
    expect(await said.innerText()).not.toContain(URL_KEY);
    // The field is back to the last good address; nothing of the typed one is kept.
    expect(await base.inputValue()).toBe('https://generativelanguage.googleapis.com');
    let stored = await storedValues(page);
    expect([...stored.local, ...stored.session].join('\n')).not.toContain(URL_KEY);
    await page.reload();
    await base.waitFor({ state: 'attached' });
    expect(await base.inputValue()).toBe('https://generativelanguage.googleapis.com');

    // An address stored with the key by an older version: dropped on load, and Forget key
    // leaves nothing behind either.
    await page.evaluate((url) => localStorage.setItem('glimpse.baseUrl', url), KEY_URL);
    await page.reload();
    await base.waitFor({ state: 'attached' });
    expect(await base.inputValue()).toBe('https://generativelanguage.googleapis.com');
    await page.evaluate((url) => localStorage.setItem('glimpse.baseUrl', url), KEY_URL);
    await view.getByRole('button', { name: 'Forget key' }).click();
    stored = await storedValues(page);
    expect([...stored.local, ...stored.session].join('\n')).not.toContain(URL_KEY);
    expect([...stored.local, ...stored.session].join('\n')).not.toContain(TEST_KEY);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('typing a key sends no partial key: tokens are counted once, when the field is left', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context, bed.fake.url);
    await pickSample(view, 'Sample: hidden message');
    // The complete key typed before counts the picked image once.
    await expect
      .poll(() => bed.fake.requests.filter((r) => r.action === 'countTokens').length)
      .toBe(1);
    bed.fake.reset();
    const key = view.getByLabel('Gemini API key');
    const typed = TYPED_KEY;
    await key.fill('');
    await key.pressSequentially(typed, { delay: 30 });
    // Still in the field: nothing has left the page.
    await page.waitForTimeout(800);
    expect(bed.fake.requests).toEqual([]);
    await key.press('Tab');
    await expect
      .poll(() => bed.fake.requests.filter((r) => r.action === 'countTokens').length)
      .toBe(1);
    await page.waitForTimeout(800);
    const counts = bed.fake.requests.filter((r) => r.action === 'countTokens');
    expect(counts).toHaveLength(1);
    const keys = bed.fake.requests.map((r) => r.headers['x-goog-api-key']);
    expect(keys.every((k) => k === typed)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks before the key first goes to another host: Cancel sends nothing, yes is remembered until Forget key', async () => {
    bed.fake.reset();
    const context = await bed.browser.newContext();
    const { page, errors, view } = await openAsk(context);
    const host = new URL(bed.fake.url).host;
    const dialog = keyHostDialog(page);
    const check = view.getByRole('button', { name: 'Check key' });
    const status = view.locator('ask-key-panel').getByRole('status');
    await view.getByLabel('Gemini API key').fill(TEST_KEY);
    await useBaseUrl(view, bed.fake.url, false);
    // Named by its host, in an accessible modal dialog with the focus on Cancel.
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await dialog.getByRole('heading').innerText()).toBe(`Send your key to ${host}?`);
    expect(await dialog.innerText()).toMatch(/not to Google/);
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim()),
      )
      .toBe('Cancel');
    // Nothing axe-core can find wrong with the page while it is open (contrast included).
    expect(await axeFindings(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(bed.fake.requests).toEqual([]);

    // Sending asks again; Cancel there sends nothing and says so.
    await check.click();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status.first().innerText()).toMatch(/Key not sent/);
    expect(bed.fake.requests).toEqual([]);
    expect(bed.fake.preflights).toEqual([]);

    // Yes: the key goes, and is not asked for again, even after a reload.
    await check.click();
    await acceptKeyHost(page);
    await view.getByText('Key works').waitFor();
    expect(bed.fake.requests.every((r) => r.headers['x-goog-api-key'] === TEST_KEY)).toBe(true);
    await page.reload();
    // The key worked before the reload: Check key is under Settings now.
    await view.getByRole('button', { name: 'Settings', exact: true }).waitFor();
    await openSettings(view);
    await check.click();
    await view.getByText('Key works').waitFor();
    expect(await dialog.count()).toBe(0);

    // Forget key (under Settings, now the key works) forgets the host too: the next key is
    // asked about again.
    await openSettings(view);
    await view.getByRole('button', { name: 'Forget key' }).click();
    // Only the base URL (not a secret) still names the host; no agreement is left.
    const left = (await storedValues(page)).local.filter((v) => v !== bed.fake.url);
    expect(left.join('\n')).not.toContain(host);
    await view.getByLabel('Gemini API key').fill(TEST_KEY);
    bed.fake.reset();
    await check.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(bed.fake.requests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
