/**
 * A box list cut off mid-stream (the person pressed Stop): the boxes Gemini had sent whole,
 * so a stopped Find says and draws what it found rather than showing half a JSON list.
 * DOM-free.
 */

/**
 * The whole items at the head of `text`, a JSON list cut off part-way, as a JSON list of
 * their own ('[]' when none was whole yet); undefined when `text` is not the start of a list
 * (then it is read as it is).
 */
export function cutListHead(text: string): string | undefined {
  const body = text.trim().replace(/^```(?:json)?\s*/i, '');
  if (!body.startsWith('[')) return undefined;
  // From the last closing brace back: the first head that parses ends at the last whole item.
  for (let end = body.lastIndexOf('}'); end > 0; end = body.lastIndexOf('}', end - 1)) {
    try {
      const head = `${body.slice(0, end + 1)}]`;
      if (Array.isArray(JSON.parse(head))) return head;
    } catch {
      // A brace inside an item (or a label): a whole item ends further back.
    }
  }
  return '[]';
}
