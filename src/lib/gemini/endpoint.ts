/**
 * The addresses requests go to: the base URL made safe to append paths to, and the model's
 * path segment. Kept apart from base-url.ts, which the first view loads, because these throw
 * a GeminiError and the error class comes with the first request, not with the page.
 */
import { baseUrlProblem } from './base-url.ts';
import { GeminiError } from './errors.ts';

/**
 * Trim whitespace and trailing slashes, and refuse what {@link baseUrlProblem} refuses — a
 * `javascript:` or `file:` "base URL" would never be a Gemini endpoint. A trailing `/v1beta`
 * is dropped because the paths add it. Throws a GeminiError of kind `bad-base-url`.
 */
export function normaliseBaseUrl(input: string): string {
  const problem = baseUrlProblem(input);
  if (problem) throw new GeminiError('bad-base-url', { apiMessage: problem });
  const url = new URL(input.trim());
  const path = url.pathname.replace(/\/+$/, '').replace(/\/v1beta$/, '');
  return `${url.origin}${path}`;
}

/** The model's path segment: `models/x` or `x` both give `x`, escaped for a URL path. */
export function modelId(model: string): string {
  const name = model.trim().replace(/^models\//, '');
  if (!name) throw new GeminiError('model-not-found', { apiMessage: 'No model was chosen.' });
  return encodeURIComponent(name);
}
