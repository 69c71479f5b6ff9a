import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from '@gridgov/common';
import { AppError } from '../../lib/errors.js';
import { tooLarge, tooMany, type UploadedPhoto } from './photos.js';

/**
 * Reads an intake request that is either JSON or multipart/form-data (fields + `photos` files). Multipart files
 * are streamed with a per-file limit, so an oversize photo is cut off at MAX_PHOTO_BYTES (413 naming it) instead
 * of being buffered whole; the 10th photo is refused (400) before it is read.
 */
export async function readIntake(req: FastifyRequest): Promise<{ fields: Record<string, unknown>; files: UploadedPhoto[] }> {
  if (!req.isMultipart()) {
    const body = req.body;
    return { fields: body && typeof body === 'object' ? body as Record<string, unknown> : {}, files: [] };
  }
  const fields: Record<string, unknown> = {};
  const files: UploadedPhoto[] = [];
  let count = 0;
  try {
    // utf8 file names: phones name photos in Chinese, and a 413 names the file.
    const parts = req.parts({ limits: { fileSize: MAX_PHOTO_BYTES, files: MAX_PHOTOS + 1, fields: 50 }, defParamCharset: 'utf8' } as Parameters<typeof req.parts>[0]);
    for await (const part of parts) {
      if (part.type === 'file') {
        count += 1;
        const name = part.filename || `photo ${count}`;
        if (count > MAX_PHOTOS) {
          part.file.resume(); // drain, never keep
          throw tooMany(count);
        }
        let data: Buffer;
        try {
          data = await part.toBuffer();
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(name);
          throw err;
        }
        if (part.file.truncated) throw tooLarge(name);
        if (data.length > 0) files.push({ filename: name, data });
      } else {
        const v = part.value;
        // `extra` may arrive as a JSON string; other fields are text.
        fields[part.fieldname] = part.fieldname === 'extra' && typeof v === 'string' ? parseJsonField('extra', v) : v;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') throw tooMany(MAX_PHOTOS + 1);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(`photo ${count}`);
    throw err;
  }
  return { fields: normaliseFormFields(fields), files };
}

function parseJsonField(field: string, v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    throw new AppError('VALIDATION_FAILED', `${field} must be a JSON object`, { field });
  }
}

const BOOLEAN_FIELDS = new Set(['anonymous']);

/** Form fields are text: '' means absent, 'true'/'false' of boolean fields are booleans (numbers are coerced by the schemas). */
function normaliseFormFields(f: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === '') continue;
    out[k] = BOOLEAN_FIELDS.has(k) && (v === 'true' || v === 'false') ? v === 'true' : v;
  }
  return out;
}

/** Zod parse with the same 400 body as the app's schema validation: `{code: VALIDATION_FAILED, details.issues}`. */
export function parseBody<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ field: ['body', ...i.path.map(String)].join('.'), message: i.message }));
  throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues, field: issues[0]?.field.replace(/^body\./, '') });
}
