/**
 * Building request bodies and sending them. Bodies are typed with the SDK's own request
 * types (type-only imports: no bytes in the page) so they stay in step with the REST API.
 */
import type {
  Content,
  GenerateContentRequest,
  GenerationConfig,
  Part,
} from '@google/generative-ai';
import { modelId, normaliseBaseUrl } from './endpoint.ts';
import { GeminiError, errorFromApi, errorFromException } from './errors.ts';
import type { AskRequest, GeminiSettings } from './types.ts';

/** The v1beta body of generateContent / streamGenerateContent, plus fields newer than the SDK. */
export type GenerateBody = Omit<GenerateContentRequest, 'generationConfig'> & {
  generationConfig?: GenerationConfig & {
    thinkingConfig?: { includeThoughts?: boolean; thinkingLevel?: string; thinkingBudget?: number };
    mediaResolution?: string;
  };
};

/**
 * The request body for a question: the image (bare base64) then the prompt in the first
 * user turn; for a follow-up, the earlier turns come first with the image kept in the first
 * user turn, and the new prompt is the last user turn.
 */
export function buildGenerateBody(request: AskRequest): GenerateBody {
  if (request.contents) return withOptions({ contents: request.contents as Content[] }, request);
  const imagePart: Part[] = request.image
    ? [{ inlineData: { mimeType: request.image.mimeType, data: stripDataUrl(request.image.data) } }]
    : [];
  const textPart = (text: string): Part[] => (text ? [{ text }] : []);
  const contents: Content[] = [];
  let imagePlaced = false;
  for (const turn of request.history ?? []) {
    const parts = textPart(turn.text);
    if (turn.role === 'user' && !imagePlaced) {
      parts.unshift(...imagePart);
      imagePlaced = true;
    }
    if (parts.length) contents.push({ role: turn.role, parts });
  }
  contents.push({
    role: 'user',
    parts: [...(imagePlaced ? [] : imagePart), ...textPart(request.prompt)],
  });
  return withOptions({ contents }, request);
}

/** Add the request's options (system instruction, generation config) to a body. */
function withOptions(body: GenerateBody, request: AskRequest): GenerateBody {
  const o = request.options;
  if (o?.systemInstruction) {
    body.systemInstruction = { role: 'system', parts: [{ text: o.systemInstruction }] };
  }
  const config: NonNullable<GenerateBody['generationConfig']> = {};
  if (o?.temperature !== undefined) config.temperature = o.temperature;
  if (o?.topP !== undefined) config.topP = o.topP;
  if (o?.maxOutputTokens !== undefined) config.maxOutputTokens = o.maxOutputTokens;
  if (o?.includeThoughts || o?.thinking) {
    config.thinkingConfig = { ...o.thinking, ...(o.includeThoughts && { includeThoughts: true }) };
  }
  if (o?.mediaResolution) config.mediaResolution = o.mediaResolution;
  if (o?.responseMimeType) config.responseMimeType = o.responseMimeType;
  // The SDK's Schema type is stricter than the REST API (it lacks minItems / maxItems).
  if (o?.responseSchema)
    config.responseSchema = o.responseSchema as GenerationConfig['responseSchema'];
  if (Object.keys(config).length) body.generationConfig = config;
  return body;
}

/** A `data:` URL handed in by mistake still sends bare base64, as the API requires. */
function stripDataUrl(data: string): string {
  const comma = data.startsWith('data:') ? data.indexOf(',') : -1;
  return comma >= 0 ? data.slice(comma + 1) : data;
}

/** `{base}/v1beta/models/{model}:{action}`, query added by the caller. */
export function modelUrl(settings: GeminiSettings, action: string): string {
  return `${normaliseBaseUrl(settings.baseUrl)}/v1beta/models/${modelId(settings.model)}:${action}`;
}

/** The only headers sent: the browser's preflight allows exactly these, and no others. */
export function headersFor(apiKey: string, withBody: boolean): Record<string, string> {
  const key = apiKey.trim();
  if (!key) throw new GeminiError('bad-key', { apiMessage: 'No API key was given.' });
  return withBody
    ? { 'Content-Type': 'application/json', 'x-goog-api-key': key }
    : { 'x-goog-api-key': key };
}

/**
 * fetch with the key in a header; an HTTP error becomes a GeminiError from its body, a
 * rejected fetch becomes `network` (or `aborted`). Plain fetch rather than the SDK's request
 * helper: the SDK adds an `x-goog-api-client` header and loses the error's status word.
 */
export async function send(
  url: string,
  apiKey: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  if (signal?.aborted) throw new GeminiError('aborted');
  const init: RequestInit = {
    method: body === undefined ? 'GET' : 'POST',
    headers: headersFor(apiKey, body !== undefined),
    signal,
  };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw errorFromException(error, signal, false);
  }
  if (!response.ok) throw await errorFromReply(response, apiKey, signal);
  return response;
}

/** Read an error reply's body (JSON or not) into a GeminiError. */
export async function errorFromReply(
  response: Response,
  apiKey: string,
  signal?: AbortSignal,
): Promise<GeminiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    if (signal?.aborted) return new GeminiError('aborted');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return errorFromApi(json, response.status, apiKey, response.headers.get('retry-after'));
}

/** Read a whole JSON reply, mapping a cut connection or bad JSON to a GeminiError. */
export async function readJson(response: Response, signal?: AbortSignal): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw errorFromException(error, signal, true);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new GeminiError('bad-response', { status: response.status });
  }
}
