/**
 * The one module that speaks to Gemini. Components and controllers import from here; the
 * SDK's types never leave this folder.
 */
export * from './types.ts';
export { GeminiError, isAborted } from './errors.ts';
export { describeError, describeFinish } from './describe.ts';
export { retryDelayMs, MAX_ATTEMPTS } from './retry.ts';
export { BASE_URL_PROBLEMS, NOT_SAVED, baseUrlProblem } from './base-url.ts';
export { normaliseBaseUrl } from './endpoint.ts';
export { buildGenerateBody } from './request.ts';
export { streamAnswer, generateAnswer, type Answer } from './stream.ts';
export { listModels, checkKey, pickDefaultModel, sortModels } from './models.ts';
export { countTokens } from './tokens.ts';
