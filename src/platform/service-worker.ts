/**
 * The page's side of the service worker: registers it (production, http(s) only) and tells
 * the interface whether the page works offline and whether a new deploy is waiting.
 */
import { Workbox } from 'workbox-window';

/**
 * - `none`: no service worker (development, `file://`, or the browser refused it).
 * - `installing`: first visit, the build is being precached.
 * - `ready`: the whole build is precached; the page loads with no network.
 * - `update-available`: a new deploy is installed and waits for the person to reload.
 */
export type OfflineStatus = 'none' | 'installing' | 'ready' | 'update-available';

/** Holds the current status; fires `change` whenever it moves. */
export class ServiceWorkerBridge extends EventTarget {
  /** Where the service worker stands now. */
  status: OfflineStatus = 'none';
  private _workbox: Workbox | undefined;

  /** Register `scriptURL` (relative to the page, so any sub-path works). */
  async register(scriptURL = './sw.js'): Promise<void> {
    if (!canRegister()) return;
    const wb = new Workbox(scriptURL, { scope: './' });
    this._workbox = wb;
    wb.addEventListener('installing', (e) => {
      if (!e.isUpdate) this._set('installing');
    });
    wb.addEventListener('activated', (e) => {
      if (e.isUpdate) return;
      this._set('ready');
    });
    // A new deploy finished installing and waits until this page lets it take over.
    wb.addEventListener('waiting', () => this._set('update-available'));
    // Whoever asked for the update (this tab or another), reload into the new build so no
    // tab keeps running code whose files the new worker no longer serves.
    wb.addEventListener('controlling', (e) => {
      if (e.isUpdate) window.location.reload();
    });
    try {
      await wb.register();
      if (navigator.serviceWorker.controller && this.status === 'none') this._set('ready');
      // Long-lived tabs still learn about new deploys.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void wb.update().catch(() => undefined);
      });
    } catch {
      // Private windows and some hosts refuse service workers: the page still works online.
      this._set('none');
    }
  }

  /** Let the waiting worker take over; the page reloads when it controls the page. */
  applyUpdate(): void {
    if (this._workbox) this._workbox.messageSkipWaiting();
    else window.location.reload();
  }

  private _set(status: OfflineStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.dispatchEvent(new Event('change'));
  }
}

/** Only a production build over http(s) registers; `file://` and the dev server never do. */
function canRegister(): boolean {
  return (
    import.meta.env.PROD &&
    'serviceWorker' in navigator &&
    (location.protocol === 'https:' || location.protocol === 'http:')
  );
}

/** The page's one bridge. */
export const serviceWorker = new ServiceWorkerBridge();
