/**
 * Photos are shrunk on the phone before they are stored or sent: a 12-megapixel camera JPEG (4–8 MB) becomes a
 * ~200–400 kB JPEG of at most 1600 px, so a weak signal carries it and the draft fits in IndexedDB.
 */
export const MAX_EDGE = 1600;
export const JPEG_QUALITY = 0.82;

async function decode(file: Blob): Promise<{ source: CanvasImageSource; width: number; height: number; close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    // imageOrientation: camera photos carry an EXIF rotation; the bitmap is drawn upright.
    const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return { source: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch (e) {
    URL.revokeObjectURL(url);
    throw e;
  }
}

/** Any image the browser can read → JPEG blob ≤ MAX_EDGE px. Throws when the file is not a readable image. */
export async function toJpeg(file: Blob, maxEdge = MAX_EDGE, quality = JPEG_QUALITY): Promise<Blob> {
  const img = await decode(file);
  try {
    const scale = Math.min(1, maxEdge / Math.max(img.width, img.height));
    const w = Math.max(1, Math.round(img.width * scale));
    const h = Math.max(1, Math.round(img.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2D canvas');
    // JPEG has no alpha: transparent PNG areas would turn black without a white ground.
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, w, h);
    g.drawImage(img.source, 0, 0, w, h);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
    if (!blob) throw new Error('JPEG encoding failed');
    return blob;
  } finally {
    img.close();
  }
}
