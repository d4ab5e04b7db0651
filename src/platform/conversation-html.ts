/**
 * "Export" of one conversation: a single self-contained `.html` file, images as `data:`
 * URIs, answers rendered and sanitised by the app's one Markdown function, a small inline
 * stylesheet, and no script at all (its Content-Security-Policy forbids any, too).
 */
import { CONVERSATION_MESSAGES as M } from '../lib/conversation/messages.ts';
import { ASK_TEXT } from '../lib/gemini/ask-text.ts';
import { exportedAnswerText } from '../lib/boxes/find-answer.ts';
import type { Conversation } from '../lib/conversation/types.ts';
import { renderMarkdown } from './markdown.ts';

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A MIME type safe inside a `data:` URI: an image type, or nothing the browser would run. */
function imageType(type: string): string {
  return /^image\/[a-z0-9.+-]+$/i.test(type) && !/svg/i.test(type)
    ? type
    : 'application/octet-stream';
}

/** The image as a `data:` URI of a safe type (read by the browser, no base64 code of ours). */
function dataUri(blob: Blob, mimeType: string): Promise<string> {
  const typed = new Blob([blob], { type: imageType(mimeType) });
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('could not read the image'));
    reader.readAsDataURL(typed);
  });
}

/** Sanitised HTML of an answer, through the one Markdown + DOMPurify function. */
function answerHtml(markdown: string): string {
  const box = document.createElement('div');
  box.append(renderMarkdown(markdown));
  return box.innerHTML;
}

const STYLE = `
:root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0 auto; max-width: 50rem; padding: 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1rem; margin: 0 0 .5rem; }
.turn { border-top: 1px solid #8886; padding: 1rem 0; break-inside: avoid-page; }
.question { white-space: pre-wrap; }
.images { display: flex; flex-wrap: wrap; gap: .5rem; margin-bottom: .5rem; }
.images img { max-width: 100%; max-height: 24rem; border: 1px solid #8886; }
.facts, .exported { color: #666; font-size: .875rem; }
pre { overflow-x: auto; padding: .5rem; background: #8881; }
table { border-collapse: collapse; } td, th { border: 1px solid #8886; padding: .25rem .5rem; }
@media print { pre { white-space: pre-wrap; } a { color: inherit; } }
`;

// No script may run in the file, whatever an answer held: DOMPurify already removed scripts
// and handlers; this policy is the second lock (inline style and data: images only).
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/**
 * The conversation as one self-contained HTML document. `images` holds the Blob of each
 * image it uses (as History's `open` returns them); a missing one is named instead.
 */
export async function conversationHtml(
  c: Conversation,
  images: ReadonlyMap<string, Blob>,
  now = new Date(),
): Promise<string> {
  const turns: string[] = [];
  for (const turn of c.turns) {
    if (turn.role === 'user') {
      const pictures: string[] = [];
      for (const [n, image] of turn.images.entries()) {
        const blob = images.get(image.hash);
        const alt = escapeHtml(M.exportImage(image.name ?? `${n + 1}`));
        pictures.push(
          blob
            ? `<img src="${await dataUri(blob, image.mimeType)}" alt="${alt}">`
            : `<p>${alt}</p>`,
        );
      }
      turns.push(
        `<section class="turn user"><h2>${escapeHtml(M.exportYou)}</h2>` +
          (pictures.length ? `<div class="images">${pictures.join('')}</div>` : '') +
          (turn.text ? `<p class="question">${escapeHtml(turn.text)}</p>` : '') +
          '</section>',
      );
    } else {
      const model = turn.meta.modelVersion ?? turn.meta.model;
      // The app's own line under an answer, less the model (the turn's heading names it).
      const facts = ASK_TEXT.answer.facts({
        usage: turn.meta.usage,
        context: turn.meta.context,
        ms: turn.meta.durationMs,
      });
      turns.push(
        `<section class="turn model"><h2>${escapeHtml(M.exportModel(model))}</h2>` +
          `<div class="answer">${answerHtml(exportedAnswerText(turn))}</div>` +
          (facts ? `<p class="facts">${escapeHtml(facts)}</p>` : '') +
          '</section>',
      );
    }
  }
  const title = escapeHtml(c.title);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title><style>${STYLE}</style></head>`,
    `<body><main><h1>${title}</h1>`,
    `<p class="exported">${escapeHtml(M.exportedOn(now.toISOString().slice(0, 10)))}</p>`,
    ...turns,
    '</main></body></html>',
  ].join('\n');
}

/** A file name for a conversation's export: `glimpse-<title>.html`. */
export function exportFileName(c: Conversation, extension = 'html'): string {
  const slug = c.title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `glimpse-${slug || 'conversation'}.${extension}`;
}

export { download } from './download.ts';
