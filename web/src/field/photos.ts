/** Photos taken for a report: kept as Blobs, named by their SHA-256 (WebCrypto) like evidence. */
import type { QueuedPhoto } from './queue.js';

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The queue entries and Blobs of the files chosen; the same picture twice is kept once. */
export async function preparePhotos(
  reportId: string,
  files: readonly File[],
): Promise<{ photos: QueuedPhoto[]; blobs: Map<string, Blob> }> {
  const photos: QueuedPhoto[] = [];
  const blobs = new Map<string, Blob>();
  for (const file of files) {
    const sha256 = await sha256Hex(file);
    if (photos.some((p) => p.sha256 === sha256)) continue;
    const key = `${reportId}/${sha256}`;
    photos.push({
      key,
      name: file.name,
      mediaType: file.type || 'application/octet-stream',
      size: file.size,
      sha256,
      state: 'pending',
    });
    blobs.set(key, file);
  }
  return { photos, blobs };
}
