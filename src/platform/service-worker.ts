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
  private _registration: ServiceWorkerRegistration | undefined;
  /** This tab's person accepted the update. */
  private _accepted = false;
  /** Whether a reload now would lose something the person gave this tab. */
  private _holdsWork: () => boolean = () => false;

  /**
   * Say how to tell whether this tab holds work a reload would lose (a prompt, an image, a
   * streaming answer). When a person accepts an update in another tab, a tab holding work
   * offers the reload instead of reloading at once; a tab with nothing to lose reloads.
   */
  setWorkCheck(check: () => boolean): void {
    this._holdsWork = check;
  }

  /** Register `scriptURL` (relative to the page, so any sub-path works). */
  async register(scriptURL = './sw.js'): Promise<void> {
    if (!canRegister()) return;
    const wb = new Workbox(scriptURL, { scope: './' });
    this._workbox = wb;
    wb.addEventListener('installing', (e) => {
      if (!e.isUpdate) this._set('installing');
    });
    wb.addEventListener('activated', (e) => {
      // An update that another tab found activates here too: it must not hide the offer.
      if (e.isUpdate || this.status === 'update-available') return;
      this._set('ready');
    });
    // A new deploy finished installing and waits until this page lets it take over.
    wb.addEventListener('waiting', () => this._set('update-available'));
    // The new build took over. The tab whose person asked reloads into it, and so does a tab
    // with nothing to lose (its old code may ask for files the new worker no longer has).
    // A tab holding a prompt, an image or an answer keeps it and offers the reload instead.
    wb.addEventListener('controlling', (e) => {
      if (!e.isUpdate) return;
      if (this._accepted || !this._holdsWork()) window.location.reload();
      else this._set('update-available');
    });
    try {
      this._registration = await wb.register();
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

  /**
   * Let the waiting worker take over; the page reloads when it controls the page. If it
   * already does (accepted in another tab), reload now.
   */
  applyUpdate(): void {
    this._accepted = true;
    if (this._workbox && this._registration?.waiting) this._workbox.messageSkipWaiting();
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
