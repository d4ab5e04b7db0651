/**
 * The pixel half of planning an upload: decode (EXIF orientation applied), decide with
 * `src/lib/image/plan.ts`, resize, check transparency, encode. It uses only APIs that exist
 * both in a worker and on the page (`createImageBitmap`, `OffscreenCanvas`), so
 * `src/workers/upload-worker.ts` runs it off the main thread and `upload.ts` falls back to running it here.
 */
import { INTAKE_LIMITS } from '../lib/image/intake.ts';
import {
  describeReencode,
  encodeFormats,
  planEncoding,
  pngStaysSmall,
  type EncodeType,
  type SourceFacts,
  type UploadMode,
  type UploadOptions,
} from '../lib/image/plan.ts';
import { decodeBitmap } from './image-decoder.ts';

/** What the pipeline needs: the file, what its header said, and the policy. */
export interface PipelineRequest {
  file: Blob;
  facts: SourceFacts;
  mode: UploadMode;
  options: UploadOptions;
}

/** What it decided and made. */
export interface PipelineResult {
  /** The encoded image, or `null` when the file itself is sent. */
  blob: Blob | null;
  /** Pixel size sent. */
  width: number;
  height: number;
  /** Pixel size of the source as displayed (decoded, orientation applied). */
  sourceWidth: number;
  sourceHeight: number;
  note: string;
}

/**
 * Decode, decide, resize and encode one image. Throws `ImageError` (undecodable,
 * too-many-pixels).
 */
export async function processImage(request: PipelineRequest): Promise<PipelineResult> {
  const { file, mode, options } = request;
  // The one decoder: checks the decoded size before anything is drawn.
  const bitmap = await decodeBitmap(file, request.facts.kind, 'display', {
    ...INTAKE_LIMITS,
    maxPixels: options.maxPixels,
  });
  try {
    // The decoded size is the truth (orientation applied, headers we could not read).
    const facts = { ...request.facts, width: bitmap.width, height: bitmap.height };
    const source = { sourceWidth: facts.width, sourceHeight: facts.height };
    const plan = planEncoding(facts, mode, options);
    if (plan.action === 'send-original') {
      return { blob: null, width: facts.width, height: facts.height, ...source, note: plan.note };
    }
    const canvas = drawResized(bitmap, plan.width, plan.height);
    bitmap.close();
    // PNG/WebP/GIF headers only say transparency is possible; the pixels say if it is used.
    const opaque = facts.mayHaveAlpha && !hasTransparency(canvas);
    const formats = opaque ? encodeFormats(facts.kind, false) : plan.formats;
    const encoded = await encode(canvas, formats, options);
    const keptOriginal = plan.originalAllowed && file.size <= encoded.size;
    const size = { width: plan.width, height: plan.height };
    const mimeType = keptOriginal ? file.type : encoded.type;
    const note = describeReencode(facts, { ...size, mimeType, keptOriginal }, mode);
    return { blob: keptOriginal ? null : encoded, ...size, ...source, note };
  } finally {
    bitmap.close();
  }
}

// drawImage with high-quality smoothing; a large reduction goes in halving steps, because a
// single filtered pass from far above the target skips pixels and aliases fine detail.
function drawResized(bitmap: ImageBitmap, width: number, height: number): OffscreenCanvas {
  let source: CanvasImageSource = bitmap;
  let w = bitmap.width;
  let h = bitmap.height;
  while (w / 2 >= width && h / 2 >= height) {
    const step = new OffscreenCanvas(Math.round(w / 2), Math.round(h / 2));
    draw(step, source);
    source = step;
    w = step.width;
    h = step.height;
  }
  const canvas = new OffscreenCanvas(width, height);
  draw(canvas, source);
  return canvas;
}

function draw(canvas: OffscreenCanvas, source: CanvasImageSource): void {
  const ctx = context2d(canvas);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
}

function hasTransparency(canvas: OffscreenCanvas): boolean {
  const { data } = context2d(canvas).getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

function context2d(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2D canvas context unavailable');
  return ctx;
}

// Try the formats in order: a PNG that would be large gives way to the lossy format after it,
// and a browser that cannot encode a type (it returns PNG instead) moves on too.
async function encode(
  canvas: OffscreenCanvas,
  formats: EncodeType[],
  options: UploadOptions,
): Promise<Blob> {
  let last: Blob | null = null;
  for (const [i, type] of formats.entries()) {
    const blob = await canvas.convertToBlob({ type, quality: options.quality });
    last = blob;
    if (i === formats.length - 1) break;
    if (blob.type !== type) continue;
    if (type !== 'image/png' || pngStaysSmall(blob.size, canvas.width * canvas.height, options)) {
      return blob;
    }
  }
  if (!last) throw new Error('no format to encode to');
  return last;
}
