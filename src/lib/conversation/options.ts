/**
 * Per-request controls of the composer: "Image detail" (sent as `mediaResolution`) and
 * "Thinking" (sent as `thinkingLevel` or `thinkingBudget`, whichever the model takes).
 */
import type { AskOptions } from '../gemini/types.ts';
import { CONVERSATION_MESSAGES as M } from './messages.ts';

/** "Image detail": Low / Medium / High. */
export type ImageDetail = 'low' | 'medium' | 'high';
/** "Thinking": Off / Low / High. */
export type ThinkingChoice = 'off' | 'low' | 'high';

/** The composer's per-request options, with the defaults a new conversation starts from. */
export interface RequestOptions {
  /** Undefined: leave it to the model (Gemini 3 uses High for images). */
  imageDetail?: ImageDetail;
  /** Undefined: leave it to the model. */
  thinking?: ThinkingChoice;
}

export const DEFAULT_REQUEST_OPTIONS: RequestOptions = {};

const MEDIA_RESOLUTION = {
  low: 'MEDIA_RESOLUTION_LOW',
  medium: 'MEDIA_RESOLUTION_MEDIUM',
  high: 'MEDIA_RESOLUTION_HIGH',
} as const;

/** How a model takes its thinking setting; `none` for models that do not think. */
export type ThinkingStyle = 'level' | 'budget' | 'none';

/**
 * Decide from the model's name, or better the version that actually answered (an alias such
 * as `gemini-flash-latest` says nothing about its generation until a reply names it).
 * Gemini 3 and later take `thinkingLevel` (and refuse nothing else); 2.5 takes only
 * `thinkingBudget`, and sending it `thinkingLevel` is an error. An unknown model gets
 * `thinkingBudget`, which Gemini 3 still accepts for compatibility.
 */
export function thinkingStyle(model: string, modelVersion?: string): ThinkingStyle {
  const name = (modelVersion || model).replace(/^models\//, '').toLowerCase();
  if (!name.startsWith('gemini')) return 'none';
  const m = /^gemini-(\d+)(?:\.(\d+))?/.exec(name);
  if (!m) return 'budget';
  const major = Number(m[1]);
  const minor = Number(m[2] ?? 0);
  if (major >= 3) return 'level';
  if (major === 2 && minor >= 5) return 'budget';
  return 'none';
}

/** The "Thinking" control is shown only for models that think. */
export function modelThinks(model: string, modelVersion?: string): boolean {
  return thinkingStyle(model, modelVersion) !== 'none';
}

/** Token budgets for 2.5 models: Low is modest, High is the most 2.5 Flash allows. */
export const THINKING_BUDGET = { low: 1024, high: 24576 } as const;

/** What the Thinking choice becomes for a model, and a note to show when it is not exact. */
export interface ThinkingMapping {
  thinking?: NonNullable<AskOptions['thinking']>;
  style: ThinkingStyle;
  /** A sentence for the person, when "Off" cannot really mean off on this model. */
  note?: string;
  /** Which field was chosen, in words (docs/gemini.md: "say which you chose"). */
  chosen?: string;
}

/** Map the Thinking choice to the field this model takes. */
export function mapThinking(
  choice: ThinkingChoice | undefined,
  model: string,
  modelVersion?: string,
): ThinkingMapping {
  const style = thinkingStyle(model, modelVersion);
  if (!choice || style === 'none') return { style };
  return { ...mapByStyle(choice, style, model, modelVersion), chosen: M.thinkingBy[style] };
}

function mapByStyle(
  choice: ThinkingChoice,
  style: 'level' | 'budget',
  model: string,
  modelVersion?: string,
): ThinkingMapping {
  const name = (modelVersion || model).toLowerCase();
  const pro = name.includes('pro');
  if (style === 'level') {
    if (choice !== 'off') return { style, thinking: { thinkingLevel: choice.toUpperCase() } };
    // Gemini 3 cannot stop thinking: Flash goes down to MINIMAL, Pro only to LOW.
    return {
      style,
      thinking: { thinkingLevel: pro ? 'LOW' : 'MINIMAL' },
      note: M.thinkingCannotBeOff(model),
    };
  }
  if (choice !== 'off') return { style, thinking: { thinkingBudget: THINKING_BUDGET[choice] } };
  // 2.5 Pro refuses a budget of 0; 128 is its least.
  return pro
    ? { style, thinking: { thinkingBudget: 128 }, note: M.thinkingCannotBeOff(model) }
    : { style, thinking: { thinkingBudget: 0 } };
}

/** The Gemini options for one request. */
export function askOptions(
  options: RequestOptions,
  model: string,
  modelVersion?: string,
): AskOptions {
  const out: AskOptions = {};
  if (options.imageDetail) out.mediaResolution = MEDIA_RESOLUTION[options.imageDetail];
  const { thinking } = mapThinking(options.thinking, model, modelVersion);
  if (thinking) out.thinking = thinking;
  return out;
}
