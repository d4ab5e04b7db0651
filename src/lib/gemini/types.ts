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

/** Optional generation settings; anything left out uses the model's own default. */
export interface AskOptions {
  /** Sent as `systemInstruction`. */
  systemInstruction?: string;
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  /** Ask for thought summaries (`thinkingConfig.includeThoughts`), yielded as `thought`. */
  includeThoughts?: boolean;
  /** Gemini 3.x: caps tokens per image (LOW 280, MEDIUM 560, HIGH 1120). */
  mediaResolution?: 'MEDIA_RESOLUTION_LOW' | 'MEDIA_RESOLUTION_MEDIUM' | 'MEDIA_RESOLUTION_HIGH';
  /**
   * `thinkingConfig.thinkingLevel` (Gemini 3) or `thinkingBudget` (2.5): never both, the
   * model takes one (see `src/lib/conversation/options.ts`).
   */
  thinking?: { thinkingLevel: string } | { thinkingBudget: number };
  /** Sent as `responseMimeType`: `application/json` asks for JSON only ("Find" boxes). */
  responseMimeType?: string;
  /** Sent as `responseSchema` (OpenAPI subset, see `src/lib/boxes/request.ts`): its shape. */
  responseSchema?: object;
}

/**
 * One part of a turn as the REST API spells it. Model parts are kept exactly as received
 * (a `thoughtSignature` is opaque and must go back unchanged), so unknown fields pass through.
 */
export interface ContentPart {
  text?: string;
  /** True on a thought summary: not answer text. */
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: InlineImage;
  [field: string]: unknown;
}

/** One turn of `contents`, with the role the API expects. */
export interface TurnContent {
  role: 'user' | 'model';
  parts: ContentPart[];
}

/** A question about an image. */
export interface AskRequest {
  prompt: string;
  image?: InlineImage;
  /** Earlier turns; the image stays in the first user turn. */
  history?: Turn[];
  options?: AskOptions;
  /**
   * The whole conversation, already built (`src/lib/conversation`): when given, it is sent
   * as `contents` as it is, and `prompt`, `image` and `history` are ignored.
   */
  contents?: TurnContent[];
}

/** Token usage as the API reports it. */
export interface Usage {
  promptTokens: number;
  answerTokens: number;
  thoughtsTokens: number;
  totalTokens: number;
  /** Of the prompt tokens, those Gemini served from its cache (only when it said so). */
  cachedTokens?: number;
}

/** What a streamed answer yields, in order. */
export type StreamEvent =
  /** A piece of answer text (Markdown), to append. */
  | { type: 'text'; text: string }
  /** A piece of a thought summary: not answer text. */
  | { type: 'thought'; text: string }
  /**
   * One chunk's parts exactly as received (thought summaries, `thoughtSignature`, function
   * calls and all), yielded after that chunk's text and thought events: what a conversation
   * keeps so that a follow-up sends them back unchanged.
   */
  | { type: 'parts'; parts: ContentPart[] }
  /** Usage and model version, whenever they arrive (the last one wins). */
  | { type: 'usage'; usage: Usage; modelVersion?: string }
  /**
   * Why the answer ended normally (`STOP`) or not (any other value, known or not), with the
   * API's `finishMessage` when it sent one. Always the last event.
   */
  | { type: 'finish'; reason: string; message?: string };

/** A model the key can use for generateContent. */
export interface ModelInfo {
  /** Name without the `models/` prefix, e.g. `gemini-flash-latest`. */
  name: string;
  displayName: string;
  inputTokenLimit?: number;
}

/**
 * What went wrong, in one word the UI can switch on. Every row of the failure table in
 * docs/gemini.md has its own kind; `aborted` is the person pressing Stop, not a failure.
 */
export type GeminiErrorKind =
  /** 400 API_KEY_INVALID (or 401): the key was refused. */
  | 'bad-key'
  /** 403 SERVICE_DISABLED: the Generative Language API is off in the key's project. */
  | 'service-disabled'
  /** 403 API_KEY_HTTP_REFERRER_BLOCKED: the key's website restriction excludes this page. */
  | 'referrer-blocked'
  /** 403 API_KEY_SERVICE_BLOCKED: the key's API restriction excludes the Gemini API. */
  | 'api-blocked'
  /** Any other 403. */
  | 'permission-denied'
  /** 404: unknown or retired model. */
  | 'model-not-found'
  /** 400 FAILED_PRECONDITION "User location is not supported". */
  | 'region'
  /** 429 RESOURCE_EXHAUSTED; `retryAfterMs` says when to try again. */
  | 'rate-limited'
  /** 500, 502, 503, 504: worth retrying with back-off. */
  | 'server'
  /** 400 "Request contains an invalid argument.": usually the image could not be used. */
  | 'image-refused'
  /** 400 "Request payload size exceeds the limit" (or 413). */
  | 'too-large'
  /** Any other 400. */
  | 'bad-request'
  /** `promptFeedback.blockReason` with no candidates: the question itself was blocked. */
  | 'blocked-prompt'
  /** An error JSON arrived after part of the answer had streamed. */
  | 'mid-stream'
  /** The connection closed before the answer said it was finished. */
  | 'incomplete'
  /** The connection stayed open but sent nothing for the idle time (60 s). */
  | 'stalled'
  /** The stream ended without any candidate or finish reason. */
  | 'empty'
  /** A finish reason other than STOP, as an error (see `describeFinish`). */
  | 'finish'
  /** fetch rejected: offline, DNS, refused connection, CORS. */
  | 'network'
  /** The person pressed Stop (the signal was aborted). Not a failure. */
  | 'aborted'
  /** The base URL is not an http(s) URL. */
  | 'bad-base-url'
  /** The reply could not be understood. */
  | 'bad-response'
  /** Anything else (another HTTP status). */
  | 'unknown';

/** A failure in plain words: a short title, what happened, and what to do next. */
export interface ErrorDescription {
  title: string;
  detail: string;
  action: string;
}
