/** Every message "Read text" shows a person, in one table. */

/** Confidence (tesseract's 0–100 mean word confidence) in words, best band first. */
const confidenceBands: readonly { from: number; words: string }[] = [
  { from: 85, words: 'High confidence: the reader is sure of almost every word.' },
  { from: 65, words: 'Fair confidence: check the words against the picture.' },
  { from: 40, words: 'Low confidence: some words are probably wrong.' },
  { from: 0, words: 'Very low confidence: this may not be text at all.' },
];

/** "High confidence: … (92 %)" for a confidence of 0–100. */
export function confidenceWords(confidence: number): string {
  const c = Math.max(0, Math.min(100, confidence));
  const band =
    confidenceBands.find((b) => c >= b.from) ?? confidenceBands[confidenceBands.length - 1];
  return `${band.words} (${Math.round(c)} %)`;
}

/** What the progress bar is labelled with at each stage. */
export const ocrStageLabels = {
  loading: 'Loading the text reader',
  reading: 'Reading text',
} as const;

/**
 * The progress bar's label: its stage, and while reading more than one picture may be read,
 * which picture of at most how many ("Reading text… (picture 2 of up to 4)"; "of 3" once no
 * more can come).
 */
export function ocrProgressLabel(stage: 'loading' | 'reading', picture = 0, pictures = 0): string {
  const label = `${ocrStageLabels[stage]}…`;
  if (stage === 'loading' || picture === 0 || pictures <= 1) return label;
  return `${label} (picture ${picture} of ${pictures > picture ? 'up to ' : ''}${pictures})`;
}

/** The other messages of "Read text". */
export const ocrMessages = {
  /** From disk Chromium will not start the reader's worker from the page's files. */
  fromDisk:
    'Read text needs the page served over http(s): opened from a file on disk, the browser will not start the text reader. Reveal itself works.',
  /** The worker, core or language data could not be fetched or started. */
  loadFailed:
    'The text reader could not be loaded. Check the connection and try again (after one visit online it works offline).',
  /** The reader ran and found nothing. */
  nothing: 'No text found in the picture.',
  /** "Stop reading" was pressed. */
  stopped: 'Reading stopped.',
  copied: 'Copied.',
  copyFailed: 'The browser did not allow copying: select the text and copy it.',
} as const;

/**
 * What a screen reader hears when a read ends (the region itself is not live): the text and
 * its confidence, or that there was none.
 */
export function readingAnnouncement(text: string, confidence: number): string {
  return text ? `Text found: ${text} ${confidenceWords(confidence)}` : ocrMessages.nothing;
}

/** The prompt Ask gets with the revealed picture and the text read from it. */
export function askAboutTextPrompt(text: string): string {
  return `Glimpse read this text on the image: "${text}". Is that what it says, and what does it mean?`;
}
