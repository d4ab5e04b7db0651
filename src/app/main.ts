/**
 * Entry point: refuses to run inside another site's frame (a meta CSP cannot forbid framing),
 * then starts the app and its service worker.
 */
import { serviceWorker } from '../platform/service-worker.ts';

/** True when another origin frames the page (clickjacking); same-origin frames are fine. */
function framedByOtherSite(): boolean {
  if (window.top === window.self) return false;
  try {
    return window.top?.location.origin !== location.origin;
  } catch {
    return true;
  }
}

if (framedByOtherSite()) {
  const link = document.createElement('a');
  link.href = location.href;
  link.target = '_blank';
  link.rel = 'noopener';
  link.textContent = 'Open Glimpse in its own tab';
  document.body.replaceChildren(link);
} else {
  // No top-level await: the file:// build is a classic script, where it is not allowed.
  void import('./glimpse-app.ts').then(() => serviceWorker.register());
}
