/**
 * The "Keep history on this device" switch, on by default. Kept apart from History itself
 * so Settings can show it without loading the IndexedDB code.
 */

import { HISTORY_OPEN, OPEN_CONVERSATION } from './history-restore.ts';

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

/**
 * The conversation open in this tab, and whether History was open, kept in sessionStorage so
 * a reload brings them back (a tab of its own each: sessionStorage is per tab).
 */

function sessionGet(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function sessionSet(key: string, value: string | undefined): void {
  try {
    if (value === undefined) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked: a reload simply starts afresh.
  }
}

/** The id of the conversation open in this tab, if one was saved. */
export function openConversationId(): string | undefined {
  return sessionGet(OPEN_CONVERSATION) ?? undefined;
}

/** Remember (or, with undefined, forget) the conversation open in this tab. */
export function rememberOpenConversation(id: string | undefined): void {
  sessionSet(OPEN_CONVERSATION, id);
}

/** Was the History panel open in this tab? */
export function historyWasOpen(): boolean {
  return sessionGet(HISTORY_OPEN) === '1';
}

/** Remember whether the History panel is open in this tab. */
export function rememberHistoryOpen(open: boolean): void {
  sessionSet(HISTORY_OPEN, open ? '1' : undefined);
}
