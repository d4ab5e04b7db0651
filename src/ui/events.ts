/**
 * Events that cross component boundaries. They bubble and are composed, so the app shell
 * hears them from inside any view's shadow root.
 */

/** Which view an image is handed to. */
export type ViewName = 'ask' | 'reveal' | 'hide';

/** An image handed from one view to another (Hide → Reveal, Hide → Ask, Reveal → Ask). */
export interface HandoffDetail {
  target: Exclude<ViewName, 'hide'>;
  /** The image as encoded bytes (PNG for generated images). */
  image: Blob;
  /** A file name to show and to use on download. */
  name: string;
  /** A prompt to put in Ask's Prompt field. */
  prompt?: string;
}

/** Build the event a view fires to hand an image to another view. */
export function handoffEvent(detail: HandoffDetail): CustomEvent<HandoffDetail> {
  return new CustomEvent('glimpse-handoff', { detail, bubbles: true, composed: true });
}

/** Text handed from one view to another (Reveal's "Read text" → Hide's message). */
export interface TextHandoffDetail {
  target: 'hide';
  /** The text, as read. */
  text: string;
}

/** Build the event a view fires to hand text to another view. */
export function textHandoffEvent(detail: TextHandoffDetail): CustomEvent<TextHandoffDetail> {
  return new CustomEvent('glimpse-text-handoff', { detail, bubbles: true, composed: true });
}

declare global {
  interface GlobalEventHandlersEventMap {
    'glimpse-handoff': CustomEvent<HandoffDetail>;
    'glimpse-text-handoff': CustomEvent<TextHandoffDetail>;
  }
}
