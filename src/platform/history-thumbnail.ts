/** A small thumbnail for the History list, made once when a conversation is saved. */

/** Longest side of a thumbnail, in pixels (twice the list's 48 px, for sharp screens). */
export const THUMBNAIL_SIZE = 96;

/** A JPEG thumbnail of an image Blob, or undefined when the browser cannot decode it. */
export async function makeThumbnail(image: Blob): Promise<Blob | undefined> {
  try {
    const probe = await createImageBitmap(image);
    const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(probe.width, probe.height));
    const width = Math.max(1, Math.round(probe.width * scale));
    const height = Math.max(1, Math.round(probe.height * scale));
    probe.close();
    const bitmap = await createImageBitmap(image, {
      resizeWidth: width,
      resizeHeight: height,
      resizeQuality: 'medium',
      imageOrientation: 'from-image',
    });
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) return undefined;
    // JPEG has no transparency: a white ground, as a page would show it.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  } catch {
    return undefined;
  }
}
