/**
 * Whether a reload has anything of History to bring back. Apart from history-settings.ts so
 * the first view carries only this check, not History's settings.
 */

/** sessionStorage keys: the conversation open in this tab, and whether History was open. */
export const OPEN_CONVERSATION = 'glimpse.openConversation';
export const HISTORY_OPEN = 'glimpse.historyOpen';

/** Is there anything for a reload to bring back (a conversation, the History panel)? */
export function historyToRestore(): boolean {
  try {
    return !!(sessionStorage.getItem(OPEN_CONVERSATION) ?? sessionStorage.getItem(HISTORY_OPEN));
  } catch {
    return false;
  }
}
