import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks whether the browser believes it is online and re-renders the host when that
 * changes. `navigator.onLine` can say "online" with no working network, so callers still
 * treat a failed fetch as offline; this only lets the page say so before anyone tries.
 */
export class OnlineStatusController implements ReactiveController {
  /** The browser reports a network connection. */
  online = typeof navigator === 'undefined' ? true : navigator.onLine;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.online = navigator.onLine;
    window.addEventListener('online', this._onChange);
    window.addEventListener('offline', this._onChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this._onChange);
    window.removeEventListener('offline', this._onChange);
  }

  private readonly _onChange = (): void => {
    this.online = navigator.onLine;
    this.host.requestUpdate();
  };
}
