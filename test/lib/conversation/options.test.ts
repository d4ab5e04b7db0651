import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_MESSAGES as M,
  askOptions,
  mapThinking,
  modelThinks,
  thinkingStyle,
} from '../../../src/lib/conversation/index.ts';
import { buildGenerateBody } from '../../../src/lib/gemini/index.ts';

describe('Image detail', () => {
  it('is sent as generationConfig.mediaResolution', () => {
    for (const [detail, value] of [
      ['low', 'MEDIA_RESOLUTION_LOW'],
      ['medium', 'MEDIA_RESOLUTION_MEDIUM'],
      ['high', 'MEDIA_RESOLUTION_HIGH'],
    ] as const) {
      const options = askOptions({ imageDetail: detail }, 'gemini-3-flash-preview');
      expect(buildGenerateBody({ prompt: 'x', options }).generationConfig).toEqual({
        mediaResolution: value,
      });
    }
  });

  it('is left out when not chosen', () => {
    expect(askOptions({}, 'gemini-3-flash-preview')).toEqual({});
  });
});

describe('Thinking', () => {
  it('takes thinkingLevel on Gemini 3 and thinkingBudget on 2.5, decided by the version that answered', () => {
    expect(thinkingStyle('gemini-3-pro-preview')).toBe('level');
    expect(thinkingStyle('models/gemini-3.1-flash')).toBe('level');
    expect(thinkingStyle('gemini-2.5-flash')).toBe('budget');
    expect(thinkingStyle('gemini-flash-latest', 'gemini-3-flash-preview')).toBe('level');
    expect(thinkingStyle('gemini-flash-latest', 'gemini-2.5-flash')).toBe('budget');
    // An alias not yet seen answering: the budget, which Gemini 3 also accepts.
    expect(thinkingStyle('gemini-flash-latest')).toBe('budget');
    expect(thinkingStyle('gemini-1.5-flash')).toBe('none');
    expect(thinkingStyle('gemma-3-27b-it')).toBe('none');
    expect(modelThinks('gemma-3-27b-it')).toBe(false);
    expect(modelThinks('gemini-2.5-pro')).toBe(true);
  });

  it('reaches the request as thinkingConfig.thinkingLevel for Gemini 3', () => {
    const body = (thinking: 'off' | 'low' | 'high', model: string) =>
      buildGenerateBody({ prompt: 'x', options: askOptions({ thinking }, model) }).generationConfig;
    expect(body('low', 'gemini-3-flash-preview')).toEqual({
      thinkingConfig: { thinkingLevel: 'LOW' },
    });
    expect(body('high', 'gemini-3-pro-preview')).toEqual({
      thinkingConfig: { thinkingLevel: 'HIGH' },
    });
    expect(body('off', 'gemini-3-flash-preview')).toEqual({
      thinkingConfig: { thinkingLevel: 'MINIMAL' },
    });
  });

  it('reaches the request as thinkingConfig.thinkingBudget for 2.5', () => {
    const config = (thinking: 'off' | 'low' | 'high', model: string) =>
      buildGenerateBody({ prompt: 'x', options: askOptions({ thinking }, model) }).generationConfig;
    expect(config('off', 'gemini-2.5-flash')).toEqual({ thinkingConfig: { thinkingBudget: 0 } });
    expect(config('low', 'gemini-2.5-flash')).toEqual({ thinkingConfig: { thinkingBudget: 1024 } });
    expect(config('high', 'gemini-2.5-flash')).toEqual({
      thinkingConfig: { thinkingBudget: 24576 },
    });
  });

  it('says so when Off cannot switch thinking off, and which field was chosen', () => {
    expect(mapThinking('off', 'gemini-3-pro-preview')).toEqual({
      style: 'level',
      thinking: { thinkingLevel: 'LOW' },
      note: M.thinkingCannotBeOff('gemini-3-pro-preview'),
      chosen: M.thinkingBy.level,
    });
    expect(mapThinking('off', 'gemini-2.5-pro')).toMatchObject({
      thinking: { thinkingBudget: 128 },
      note: M.thinkingCannotBeOff('gemini-2.5-pro'),
      chosen: M.thinkingBy.budget,
    });
  });

  it('is not sent to a model that does not think, nor when not chosen', () => {
    expect(askOptions({ thinking: 'high' }, 'gemma-3-27b-it')).toEqual({});
    expect(askOptions({}, 'gemini-2.5-flash')).toEqual({});
  });

  it('combines with thought summaries in one thinkingConfig', () => {
    const options = {
      ...askOptions({ thinking: 'low' }, 'gemini-2.5-flash'),
      includeThoughts: true,
    };
    expect(buildGenerateBody({ prompt: 'x', options }).generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 1024, includeThoughts: true },
    });
  });
});
