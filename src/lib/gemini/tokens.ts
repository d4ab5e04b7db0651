/**
 * Counting tokens before asking. This is where the SDK serves well: its countTokens wraps the
 * request as `{generateContentRequest: {model, contents, …}}` as the API wants (the model
 * named inside too), and a single JSON reply has none of its streaming traps. Its errors are
 * mapped onto GeminiError here so its types never leave this folder. The SDK loads with the
 * first count, not with the page: the first view needs none of it (about 5 KB gzipped).
 */
import type * as GenerativeAi from '@google/generative-ai';
import { modelId, normaliseBaseUrl } from './endpoint.ts';
import { GeminiError, errorFromApi, errorFromException } from './errors.ts';
import { buildGenerateBody, headersFor } from './request.ts';
import type { AskRequest, GeminiSettings } from './types.ts';

/** The API's own message inside the SDK's "Error fetching from …: [400 …] message [details]". */
function apiMessageOf(sdkMessage: string): string {
  const m = /\[\d{3}[^\]]*\] ([\s\S]*?)(?: \[\{[\s\S]*)?$/.exec(sdkMessage);
  return m ? m[1] : '';
}

/** Map whatever the SDK threw onto a GeminiError. */
function fromSdkError(
  sdk: typeof GenerativeAi,
  error: unknown,
  apiKey: string,
  signal?: AbortSignal,
): GeminiError {
  if (error instanceof GeminiError) return error;
  if (signal?.aborted || error instanceof sdk.GoogleGenerativeAIAbortError) {
    return new GeminiError('aborted');
  }
  if (error instanceof sdk.GoogleGenerativeAIFetchError && typeof error.status === 'number') {
    const body = {
      error: {
        code: error.status,
        message: apiMessageOf(error.message),
        details: error.errorDetails ?? [],
      },
    };
    return errorFromApi(body, error.status, apiKey);
  }
  if (error instanceof SyntaxError) return new GeminiError('bad-response');
  return errorFromException(error, signal, false);
}

/**
 * How many tokens the question would cost (`:countTokens`), image included. Throws a
 * GeminiError, of kind `aborted` when `signal` fires.
 */
export async function countTokens(
  settings: GeminiSettings,
  request: AskRequest,
  signal?: AbortSignal,
): Promise<number> {
  if (signal?.aborted) throw new GeminiError('aborted');
  headersFor(settings.apiKey, true); // refuses an empty key before anything is sent
  let sdk: typeof GenerativeAi;
  try {
    sdk = await import('@google/generative-ai');
  } catch (error) {
    // Offline before the chunk was cached: say so as any other failed connection.
    throw errorFromException(error, signal, false);
  }
  if (signal?.aborted) throw new GeminiError('aborted');
  const model = new sdk.GoogleGenerativeAI(settings.apiKey.trim()).getGenerativeModel(
    { model: `models/${modelId(settings.model)}` },
    { baseUrl: normaliseBaseUrl(settings.baseUrl), apiVersion: 'v1beta' },
  );
  const body = buildGenerateBody(request);
  try {
    const reply = await model.countTokens({ generateContentRequest: body }, { signal });
    if (typeof reply?.totalTokens !== 'number') throw new GeminiError('bad-response');
    return reply.totalTokens;
  } catch (error) {
    throw fromSdkError(sdk, error, settings.apiKey, signal);
  }
}
