/**
 * "Export all" / "Import": every conversation and its images in one JSON file with a format
 * version. Reading one checks everything (shape, every image's bytes against its hash, every
 * image a turn names being present) before a single conversation is handed on, so a
 * malformed file imports nothing at all.
 */
import { encodeBase64 } from '../image/base64.ts';
import { ConversationError } from './errors.ts';
import { isSha256Hex, sha256Hex } from './hash.ts';
import { CONVERSATION_MESSAGES as M } from './messages.ts';
import { imageHashes } from './model.ts';
import { parseConversation, toRecord, type ConversationRecord } from './record.ts';
import type { Conversation } from './types.ts';

/** The `format` field that marks a Glimpse history export. */
export const ARCHIVE_FORMAT = 'glimpse-history';
/** The version this code writes and the newest it reads. */
export const ARCHIVE_VERSION = 1;

/** An image in an export: its bytes as bare base64. */
export interface ArchiveImage {
  hash: string;
  mimeType: string;
  data: string;
}

/** The whole export file. */
export interface Archive {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  conversations: ConversationRecord[];
  images: ArchiveImage[];
}

/** An image's bytes, as History holds them. */
export interface ImageBytes {
  hash: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** Build the export of `conversations` with their images (each image once). */
export function makeArchive(
  conversations: readonly Conversation[],
  images: readonly ImageBytes[],
  now = new Date(),
): Archive {
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: now.toISOString(),
    conversations: conversations.map(toRecord),
    images: images.map((i) => ({
      hash: i.hash,
      mimeType: i.mimeType,
      data: encodeBase64(i.bytes),
    })),
  };
}

/** A checked import: the conversations and the bytes of every image they use. */
export interface ParsedArchive {
  conversations: Conversation[];
  images: ImageBytes[];
}

const bad = (message: string): ConversationError => new ConversationError('bad-import', message);

function decodeBase64(data: string, where: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data) || data.length % 4 !== 0) {
    throw bad(M.importMalformed(where));
  }
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Read an export file's text. Throws a `bad-import` ConversationError with a plain message
 * for anything that is not a whole, intact Glimpse export.
 */
export async function parseArchive(text: string): Promise<ParsedArchive> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad(M.importNotJson);
  }
  if (
    typeof json !== 'object' ||
    json === null ||
    (json as { format?: unknown }).format !== ARCHIVE_FORMAT
  ) {
    throw bad(M.importNotGlimpse);
  }
  const a = json as Record<string, unknown>;
  if (typeof a.version !== 'number' || !Number.isInteger(a.version) || a.version < 1) {
    throw bad(M.importMalformed('its version'));
  }
  if (a.version > ARCHIVE_VERSION) throw bad(M.importNewerVersion(a.version));
  if (!Array.isArray(a.conversations) || !Array.isArray(a.images)) {
    throw bad(M.importMalformed('its lists of conversations and images'));
  }
  const conversations = a.conversations.map((c, n) =>
    parseConversation(c, `conversation ${n + 1}`),
  );
  if (new Set(conversations.map((c) => c.id)).size !== conversations.length) {
    throw bad(M.importMalformed('a conversation appears twice'));
  }
  const images = new Map<string, ImageBytes>();
  for (const [n, v] of a.images.entries()) {
    const where = `image ${n + 1}`;
    const i = v as Record<string, unknown> | null;
    if (
      !i ||
      !isSha256Hex(i.hash) ||
      typeof i.mimeType !== 'string' ||
      typeof i.data !== 'string'
    ) {
      throw bad(M.importMalformed(where));
    }
    const bytes = decodeBase64(i.data, where);
    // The hash is the image's identity in History: bytes that do not match it are damaged.
    if ((await sha256Hex(bytes)) !== i.hash) throw bad(M.importMalformed(`${where} is damaged`));
    images.set(i.hash, { hash: i.hash, mimeType: i.mimeType, bytes });
  }
  for (const [n, c] of conversations.entries()) {
    if (imageHashes(c).some((h) => !images.has(h))) {
      throw bad(M.importMalformed(`conversation ${n + 1} names an image the file does not hold`));
    }
  }
  return { conversations, images: [...images.values()] };
}
