import { describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openPage } from '../support/browser.ts';
import { fixtureReply } from '../support/fake-gemini.ts';
import { TEST_KEY, askTestbed, openAsk } from './ask-support.ts';

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
  const bed = askTestbed();

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
    const offered = await view
      .locator('ask-key-panel')
      .locator('datalist option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered.sort()).toEqual(['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-flash-latest']);
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
    expect(await view.getByLabel('API base URL').inputValue()).toBe(bed.fake.url);
    await view.getByLabel('Prompt').fill('Which model?');
    await view.getByRole('button', { name: 'Ask', exact: true }).click();
    await view.getByText('Done.').waitFor();
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
});
