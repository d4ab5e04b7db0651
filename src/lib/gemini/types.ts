/**
 * The contract between the Gemini module and the rest of the app. Nothing outside
 * `src/lib/gemini/` sees the SDK's own types: only these.
 */

/** Where requests go and with what. The key is sent only to `baseUrl`, only in a header. */
export interface GeminiSettings {
  apiKey: string;
  /** e.g. `https://generativelanguage.googleapis.com` (no trailing slash needed). */
  baseUrl: string;
  /** A model name such as `gemini-flash-latest` (with or without the `models/` prefix). */
  model: string;
}

/** The default API base URL, as the lesson's `GOOGLE_API_BASE`. */
export const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com';
/** The model chosen when the live list has it. */
export const DEFAULT_MODEL = 'gemini-flash-latest';

/** An image ready to send: bare base64 (no `data:` prefix) and its MIME type. */
export interface InlineImage {
  mimeType: string;
  data: string;
}

/** One earlier turn of the conversation, for follow-up questions. */
export interface Turn {
  role: 'user' | 'model';
  text: string;
}

/** A question about an image. */
export interface AskRequest {
  prompt: string;
  image?: InlineImage;
  /** Earlier turns; the image stays in the first user turn. */
  history?: Turn[];
}

/** Token usage as the API reports it. */
export interface Usage {
  promptTokens: number;
  answerTokens: number;
  thoughtsTokens: number;
  totalTokens: number;
}

/** What a streamed answer yields, in order. */
export type StreamEvent =
  /** A piece of answer text (Markdown), to append. */
  | { type: 'text'; text: string }
  /** A piece of a thought summary: not answer text. */
  | { type: 'thought'; text: string }
  /** Usage and model version, whenever they arrive (the last one wins). */
  | { type: 'usage'; usage: Usage; modelVersion?: string }
  /** Why the answer ended normally (`STOP`) or not (any other value, known or not). */
  | { type: 'finish'; reason: string };

/** A model the key can use for generateContent. */
export interface ModelInfo {
  /** Name without the `models/` prefix, e.g. `gemini-flash-latest`. */
  name: string;
  displayName: string;
  inputTokenLimit?: number;
}
