/**
 * What "Find" asks Gemini for: a JSON list of labelled boxes, through the prompt and a
 * response schema (there is no dedicated field for boxes; see shared/docs/gemini.md).
 */

/** The most boxes one answer may hold; the prompt says so and the parser drops the rest. */
export const MAX_BOXES = 50;

/** Suggestions offered beside "What to find". */
export const FIND_SUGGESTIONS = ['Find all objects', 'Find all text'] as const;

/** `generationConfig` fields for a box answer: JSON, shaped as a list of `{label, box_2d}`. */
export const boxesGenerationConfig = {
  responseMimeType: 'application/json',
  responseSchema: {
    type: 'ARRAY',
    maxItems: MAX_BOXES,
    items: {
      type: 'OBJECT',
      properties: {
        label: { type: 'STRING' },
        box_2d: {
          type: 'ARRAY',
          items: { type: 'INTEGER' },
          minItems: 4,
          maxItems: 4,
        },
      },
      required: ['label', 'box_2d'],
      propertyOrdering: ['label', 'box_2d'],
    },
  },
} as const;

/**
 * The prompt for one "Find": what the person typed (a suggestion or their own words), and how
 * the answer must be shaped.
 */
export function findPrompt(whatToFind: string): string {
  const what = whatToFind.trim() || FIND_SUGGESTIONS[0];
  return (
    `${what}. Return a JSON list of at most ${MAX_BOXES} items, each ` +
    '{"label": a short description, "box_2d": [ymin, xmin, ymax, xmax]} with coordinates ' +
    'normalised to 0-1000 over the image. Label each box uniquely. No other text.'
  );
}
