import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../src/app/update-banner.ts';
import { serviceWorker, type OfflineStatus } from '../../src/platform/service-worker.ts';

/** Put the bridge in a state, as the service worker's events would. */
function become(status: OfflineStatus): void {
  serviceWorker.status = status;
  serviceWorker.dispatchEvent(new Event('change'));
}

async function mount() {
  const el = document.createElement('update-banner');
  el.buildId = 'test-build';
  document.body.append(el);
  await el.updateComplete;
  const root = el.shadowRoot!;
  return {
    el,
    status: () => root.querySelector('[role="status"]')?.textContent?.trim() ?? '',
    button: () => root.querySelector('button'),
    text: () => root.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  };
}

describe('<update-banner>', () => {
  afterEach(() => {
    document.body.replaceChildren();
    become('none');
    vi.restoreAllMocks();
  });

  it('names the build and says nothing more without a service worker', async () => {
    const banner = await mount();
    expect(banner.text()).toBe('Build test-build');
    expect(banner.status()).toBe('');
    expect(banner.button()).toBeNull();
  });

  it('tells the person when the page is ready offline', async () => {
    const banner = await mount();
    become('installing');
    await banner.el.updateComplete;
    expect(banner.status()).toBe('Saving for offline use…');
    become('ready');
    await banner.el.updateComplete;
    expect(banner.status()).toBe('Ready to work offline');
    expect(banner.button()).toBeNull();
  });

  it('offers the update as a button that asks the worker to take over', async () => {
    const apply = vi.spyOn(serviceWorker, 'applyUpdate').mockImplementation(() => {});
    const banner = await mount();
    become('update-available');
    await banner.el.updateComplete;
    const button = banner.button()!;
    expect(button.textContent?.trim()).toBe('Update available — reload');
    button.click();
    expect(apply).toHaveBeenCalledOnce();
  });

  it('stops listening once removed from the page', async () => {
    const banner = await mount();
    banner.el.remove();
    become('update-available');
    await banner.el.updateComplete;
    expect(banner.button()).toBeNull();
  });
});
