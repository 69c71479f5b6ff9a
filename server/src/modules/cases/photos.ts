import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { caseFiles } from '../../db/schema/index.js';
import { AppError } from '../../lib/errors.js';

/** A file as received (multipart); nothing about it is trusted until inspectPhoto has read its bytes. */
export interface UploadedPhoto {
  filename: string;
  data: Buffer;
}

/** A photo that passed inspection, with its thumbnail, ready to store. */
export interface CheckedPhoto {
  filename: string;
  mime: (typeof PHOTO_TYPES)[number];
  bytes: number;
  sha256: string;
  data: Buffer;
  thumb: Buffer;
}

export const ACCEPTED_TEXT = 'JPEG, PNG or WebP';
export const THUMB_MIME = 'image/jpeg';
const THUMB_PX = 320;

/** The format the first bytes announce (magic numbers), whatever the file name or declared type says. */
export function sniff(buf: Buffer): 'jpeg' | 'png' | 'webp' | 'gif' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (buf.length >= 6 && /^GIF8[79]a$/.test(buf.toString('latin1', 0, 6))) return 'gif';
  return null;
}

const MIME = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

export function tooLarge(filename: string): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Photo ${filename} is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB`, {
    field: 'photos', file: filename, maxBytes: MAX_PHOTO_BYTES,
  });
}

export function tooMany(count: number): AppError {
  return new AppError('VALIDATION_FAILED', `At most ${MAX_PHOTOS} photos per matter (got ${count})`, {
    field: 'photos', max: MAX_PHOTOS, count,
  });
}

/**
 * Checks one photo by content: the magic bytes must say JPEG/PNG/WebP AND sharp must decode it as the same
 * format (a text file renamed .jpg fails the first, a truncated JPEG the second). Makes the thumbnail.
 */
export async function inspectPhoto(p: UploadedPhoto): Promise<CheckedPhoto> {
  if (p.data.length > MAX_PHOTO_BYTES) throw tooLarge(p.filename);
  const kind = sniff(p.data);
  if (kind === null || kind === 'gif') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Photo ${p.filename} is not an accepted image: send ${ACCEPTED_TEXT}`, {
      field: 'photos', file: p.filename, detected: kind ?? 'unknown', accepted: [...PHOTO_TYPES],
    });
  }
  let format: string | undefined;
  try {
    format = (await sharp(p.data).metadata()).format;
  } catch {
    format = undefined;
  }
  if (format !== kind) {
    throw new AppError('BAD_FILE', `Photo ${p.filename} looks like ${kind.toUpperCase()} but cannot be read as one`, {
      field: 'photos', file: p.filename,
    });
  }
  // rotate() applies the EXIF orientation so phone photos are upright in the thumbnail.
  const thumb = await sharp(p.data).rotate()
    .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 72 }).toBuffer()
    .catch(() => { throw new AppError('BAD_FILE', `Photo ${p.filename} cannot be decoded`, { field: 'photos', file: p.filename }); });
  return {
    filename: p.filename, mime: MIME[kind], bytes: p.data.length,
    sha256: createHash('sha256').update(p.data).digest('hex'), data: p.data, thumb,
  };
}

/** Inspects every photo before anything is written, so one bad file refuses the whole report. */
export async function inspectPhotos(files: UploadedPhoto[]): Promise<CheckedPhoto[]> {
  if (files.length > MAX_PHOTOS) throw tooMany(files.length);
  const out: CheckedPhoto[] = [];
  for (const f of files) out.push(await inspectPhoto(f));
  return out;
}

/** Stores checked photos in the caller's transaction (atomic with the case). */
export async function storePhotos(tx: Tx, caseId: number, photos: CheckedPhoto[], createdBy: number | null, at: Date, purpose = 'report') {
  if (photos.length === 0) return [];
  return tx.insert(caseFiles).values(photos.map((p) => ({
    caseId, purpose, mime: p.mime, bytes: p.bytes, sha256: p.sha256, data: p.data, thumb: p.thumb, createdBy, createdAt: at,
  }))).returning({ id: caseFiles.id });
}

export const fileUrl = (caseId: number | string, fileId: number | string, thumb = false) =>
  `/api/cases/${caseId}/files/${fileId}${thumb ? '?thumb=1' : ''}`;
