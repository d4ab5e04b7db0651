/** Conversations and images made for the tests, from the shared fixtures. */
import { readFixture } from '../../support/fake-gemini.ts';
import type { ContentPart } from '../../../src/lib/gemini/types.ts';
import { sha256Hex, type ImageRef } from '../../../src/lib/conversation/index.ts';

/** The parts of each event of an SSE fixture, exactly as the API sent them. */
export function partsOfFixture(name: string): ContentPart[][] {
  const text = readFixture(name).toString('utf8');
  return text
    .split(/\r?\n/)
    .filter((l) => l.startsWith('data:'))
    .map((l) => {
      const json = JSON.parse(l.slice(5)) as {
        candidates?: { content?: { parts?: ContentPart[] } }[];
      };
      return json.candidates?.[0]?.content?.parts ?? [];
    });
}

/** An image from the fixtures as the conversation references it, with its base64. */
export async function fixtureImage(
  name: string,
  mimeType: string,
): Promise<{ ref: ImageRef; data: string; bytes: Buffer }> {
  const bytes = readFixture(name);
  const hash = await sha256Hex(new Uint8Array(bytes));
  return {
    ref: { hash, mimeType, bytes: bytes.length, name },
    data: bytes.toString('base64'),
    bytes,
  };
}
