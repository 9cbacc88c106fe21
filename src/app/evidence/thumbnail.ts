/**
 * A thumbnail for a photo: at most 320 px on its longer side, JPEG, turned upright by its EXIF
 * orientation, with every metadata block stripped (sharp writes none unless asked), so a
 * thumbnail shown on a dashboard never leaks the capture position.
 */
export const THUMBNAIL_PX = 320;

/** The thumbnail's JPEG bytes, or null when sharp cannot decode the image (e.g. HEIC without a decoder). */
export async function makeThumbnail(path: string): Promise<Buffer | null> {
  // sharp (libvips) is loaded with the first photo, not by every process that could take one.
  const { default: sharp } = await import('sharp');
  try {
    return await sharp(path, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80 })
      .toBuffer();
  } catch {
    return null;
  }
}
