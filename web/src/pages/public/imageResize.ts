import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '@gridgov/common';

/** Longest side kept for an upload: enough to see a pothole, small enough for a phone on 4G. */
const MAX_SIDE = 2048;
/** Accepted files under this size go up untouched (a small PNG stays a PNG). */
const KEEP_BELOW = 1.5 * 1024 * 1024;

export type PrepareResult = { ok: true; blob: Blob } | { ok: false; reason: 'type' | 'size' };

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close: () => void } | null> {
  try {
    const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { source: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
  } catch {
    // Older Safari: fall back to an <img>.
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch {
    URL.revokeObjectURL(url);
    return null;
  }
}

/**
 * Makes a photo ready to upload: small JPEG/PNG/WebP files are kept; big ones, and other formats the browser
 * can decode (HEIC on iPhones), are redrawn on a canvas as JPEG no longer than MAX_SIDE on a side.
 */
export async function preparePhoto(file: File): Promise<PrepareResult> {
  const accepted = (PHOTO_TYPES as readonly string[]).includes(file.type);
  const img = await decode(file);
  // Small accepted files go up as they are, once the browser has shown it can read them (no broken uploads).
  if (img && accepted && file.size <= KEEP_BELOW) {
    img.close();
    return { ok: true, blob: file };
  }
  if (!img) return { ok: false, reason: accepted && file.size > MAX_PHOTO_BYTES ? 'size' : 'type' };
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(img.width, img.height));
    const w = Math.max(1, Math.round(img.width * scale));
    const h = Math.max(1, Math.round(img.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    if (!g) return accepted && file.size <= MAX_PHOTO_BYTES ? { ok: true, blob: file } : { ok: false, reason: 'size' };
    // JPEG has no transparency: a white ground instead of black behind transparent PNG parts.
    g.fillStyle = '#fff';
    g.fillRect(0, 0, w, h);
    g.drawImage(img.source, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return { ok: false, reason: 'type' };
    return blob.size <= MAX_PHOTO_BYTES ? { ok: true, blob } : { ok: false, reason: 'size' };
  } finally {
    img.close();
  }
}
