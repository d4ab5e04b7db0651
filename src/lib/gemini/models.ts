/**
 * The models a key may use. The SDK cannot list models, so this uses fetch (same headers).
 */
import { normaliseBaseUrl } from './endpoint.ts';
import { GeminiError } from './errors.ts';
import { readJson, send } from './request.ts';
import { DEFAULT_MODEL, type GeminiSettings, type ModelInfo } from './types.ts';

interface ApiModel {
  name?: unknown;
  displayName?: unknown;
  inputTokenLimit?: unknown;
  supportedGenerationMethods?: unknown;
}

/** A proxy that keeps returning a next page must not keep us looping. */
const MAX_PAGES = 50;

/** Gemini before other families; `-latest` aliases first, then newer versions first. */
function rank(name: string): [number, number, string] {
  const family = name === DEFAULT_MODEL ? 0 : name.startsWith('gemini-') ? 1 : 2;
  const version = /^gemini-(\d+(?:\.\d+)?)/.exec(name);
  return [family, version ? -Number(version[1]) : -Infinity, name];
}

/** Sort models sensibly for a picker (see `rank`). */
export function sortModels(models: ModelInfo[]): ModelInfo[] {
  return [...models].sort((a, b) => {
    const [fa, va, na] = rank(a.name);
    const [fb, vb, nb] = rank(b.name);
    return fa - fb || va - vb || na.localeCompare(nb);
  });
}

/**
 * Every model the key can call generateContent on, across all pages, `models/` stripped,
 * sorted (see `sortModels`). Throws a GeminiError (e.g. `bad-key`).
 */
export async function listModels(
  settings: Pick<GeminiSettings, 'apiKey' | 'baseUrl'>,
  signal?: AbortSignal,
): Promise<ModelInfo[]> {
  const base = `${normaliseBaseUrl(settings.baseUrl)}/v1beta/models?pageSize=1000`;
  const found = new Map<string, ModelInfo>();
  const seenTokens = new Set<string>();
  let token = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const url = token ? `${base}&pageToken=${encodeURIComponent(token)}` : base;
    const response = await send(url, settings.apiKey, undefined, signal);
    const json = (await readJson(response, signal)) as {
      models?: unknown;
      nextPageToken?: unknown;
    };
    if (typeof json !== 'object' || json === null) throw new GeminiError('bad-response');
    for (const m of Array.isArray(json.models) ? (json.models as ApiModel[]) : []) {
      const methods = Array.isArray(m?.supportedGenerationMethods)
        ? m.supportedGenerationMethods
        : [];
      if (typeof m?.name !== 'string' || !methods.includes('generateContent')) continue;
      const name = m.name.replace(/^models\//, '');
      found.set(name, {
        name,
        displayName: typeof m.displayName === 'string' ? m.displayName : name,
        ...(typeof m.inputTokenLimit === 'number' ? { inputTokenLimit: m.inputTokenLimit } : {}),
      });
    }
    token = typeof json.nextPageToken === 'string' ? json.nextPageToken : '';
    if (!token || seenTokens.has(token)) break;
    seenTokens.add(token);
  }
  return sortModels([...found.values()]);
}

/** Check a key by listing its models: the list, or a GeminiError saying what is wrong. */
export function checkKey(
  settings: Pick<GeminiSettings, 'apiKey' | 'baseUrl'>,
  signal?: AbortSignal,
): Promise<ModelInfo[]> {
  return listModels(settings, signal);
}

/**
 * The model to preselect: the remembered one if it is still listed, else
 * `gemini-flash-latest` if listed, else the first; undefined for an empty list.
 */
export function pickDefaultModel(
  models: readonly (ModelInfo | string)[],
  remembered?: string,
): string | undefined {
  const names = models.map((m) => (typeof m === 'string' ? m : m.name));
  const wanted = remembered?.trim().replace(/^models\//, '');
  if (wanted && names.includes(wanted)) return wanted;
  if (names.includes(DEFAULT_MODEL)) return DEFAULT_MODEL;
  return names[0];
}
