import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../lib/errors.js';

export interface Upload { name: string; data: Buffer; fields: Record<string, string> }

/**
 * The `file` part of a multipart upload (the only file read) and its text fields. Over the size limit
 * @fastify/multipart throws FST_REQ_FILE_TOO_LARGE, which the app answers with 413.
 */
export async function readUpload(req: FastifyRequest, accepted: string): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('BAD_FILE', `send multipart/form-data with the file in a field named "file" (${accepted})`, { field: 'file' });
  const fields: Record<string, string> = {};
  let file: { name: string; data: Buffer } | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer(); // consume every file part, or the iteration stalls
      if (!file && (part.fieldname === 'file' || part.fieldname === 'upload')) file = { name: part.filename ?? '', data };
    } else {
      fields[part.fieldname] = String(part.value ?? '');
    }
  }
  if (!file) throw new AppError('BAD_FILE', `no file in the field "file"; upload ${accepted}`, { field: 'file' });
  return { ...file, fields };
}

export const isTrue = (v: string | undefined) => v !== undefined && ['true', '1', 'yes', 'on'].includes(v.trim().toLowerCase());
