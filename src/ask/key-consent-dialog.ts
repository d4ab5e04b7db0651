import type { ErrorDescription } from '../lib/gemini/types.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import { loadKeyHosts, saveKeyHost } from '../platform/storage.ts';

/** Google's API host: the key may always go there without asking. */
export const GOOGLE_HOST = 'generativelanguage.googleapis.com';

/** Everything the consent dialog and its refusal say: a section of the Ask table. */
export const CONSENT_TEXT = ASK_TEXT.consent;

/** The host (with any port) the key would go to for a base URL, or undefined if not a URL. */
export function keyHostOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl.trim()).host;
  } catch {
    return undefined;
  }
}

/** What is said when the person chose Cancel: nothing was sent, and what to do. */
export function keyNotSentProblem(baseUrl: string): ErrorDescription {
  return ASK_TEXT.keyNotSent(keyHostOf(baseUrl));
}

/** Whether sending the key to `baseUrl` needs the person's yes first (and has not had it). */
export function needsConsent(baseUrl: string): boolean {
  const host = keyHostOf(baseUrl);
  return !!host && host !== GOOGLE_HOST && !loadKeyHosts().includes(host);
}

const pending = new Map<string, Promise<boolean>>();

/**
 * Resolve true when the key may go to `baseUrl`'s host: Google's, one agreed to before, or
 * one the person agrees to now in a modal dialog (remembered until "Forget key"). False when
 * they cancel. Several requests for the same host share one dialog.
 */
export function confirmKeyHost(baseUrl: string): Promise<boolean> {
  const host = keyHostOf(baseUrl);
  // Not a URL: the request itself says why, and sends nothing.
  if (!host || !needsConsent(baseUrl)) return Promise.resolve(true);
  let answer = pending.get(host);
  if (!answer) {
    // The dialog's element loads the first time it is needed: most people never see it.
    answer = import('./key-consent-element.ts')
      .then(async () => {
        const dialog = document.createElement('key-consent-dialog');
        dialog.text = CONSENT_TEXT;
        document.body.append(dialog);
        const yes = await dialog.ask(host);
        if (yes) saveKeyHost(host);
        dialog.remove();
        return yes;
      })
      // Could not be loaded (offline before it was cached): the key is not sent.
      .catch(() => false)
      .finally(() => pending.delete(host));
    pending.set(host, answer);
  }
  return answer;
}
