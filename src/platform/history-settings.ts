/**
 * The "Keep history on this device" switch, on by default. Kept apart from History itself
 * so Settings can show it without loading the IndexedDB code.
 */

const KEEP_HISTORY = 'glimpse.keepHistory';

/** True unless the person switched History off (storage unavailable counts as on). */
export function loadKeepHistory(): boolean {
  try {
    return localStorage.getItem(KEEP_HISTORY) !== 'off';
  } catch {
    return true;
  }
}

/** Remember the switch. */
export function saveKeepHistory(on: boolean): void {
  try {
    if (on) localStorage.removeItem(KEEP_HISTORY);
    else localStorage.setItem(KEEP_HISTORY, 'off');
  } catch {
    // Storage blocked: the switch lasts for this page only (the caller holds its state).
  }
}
