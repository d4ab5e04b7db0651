/**
 * The three sample images the project draws itself (`test/support/make-samples.ts` writes
 * them to `public/samples/`), each with the lesson prompt it opens with.
 *
 * The lesson asks "Explain what you see in this image." of its stock chart, "Explain what this
 * figure is and where is this used." of its CLIP figure, and "Read what you see on this
 * image." of the hidden message, so each sample keeps its lesson pairing and all three
 * prompts are one click away.
 */

/** The lesson's three prompts, in the lesson's order. */
export const LESSON_PROMPTS = [
  'Explain what you see in this image.',
  'Explain what this figure is and where is this used.',
  'Read what you see on this image.',
] as const;

/** One sample image. */
export interface Sample {
  /** Stable id, also the file's base name. */
  id: 'stock-index-chart' | 'contrastive-pretraining' | 'hidden-message';
  /** Label of the button that opens it. */
  title: string;
  /** Path relative to the page (the build uses a relative base, so no leading slash). */
  path: string;
  /** Text alternative for the preview. */
  alt: string;
  /** The prompt the sample opens with. */
  prompt: (typeof LESSON_PROMPTS)[number];
}

/** The samples, in the lesson's order. */
export const SAMPLES: readonly Sample[] = [
  {
    id: 'stock-index-chart',
    title: 'Stock index chart',
    path: 'samples/stock-index-chart.png',
    alt: 'Line chart of a synthetic stock index from 1930 to 2020 on a log scale, growing with several crashes.',
    prompt: LESSON_PROMPTS[0],
  },
  {
    id: 'contrastive-pretraining',
    title: 'Contrastive pre-training diagram',
    path: 'samples/contrastive-pretraining.png',
    alt: 'Diagram of contrastive image–text pre-training: an image encoder and a text encoder feed an N×N similarity matrix whose diagonal is highlighted.',
    prompt: LESSON_PROMPTS[1],
  },
  {
    id: 'hidden-message',
    title: 'Hidden message',
    path: 'samples/hidden-message.png',
    alt: 'A nearly uniform green square hiding text in an almost identical green.',
    prompt: LESSON_PROMPTS[2],
  },
];
