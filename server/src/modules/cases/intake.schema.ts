import { z } from 'zod';
import { isValidMobile, MAX_DESCRIPTION, normalisePhone } from '@gridgov/common';

/** Channels staff record on (the resident web form has its own public route). */
export const STAFF_CHANNELS = ['field', 'hotline', 'petition', 'external', 'api'] as const;

const chars = (s: string) => Array.from(s).length;

/** A number, or numeric text from a form; null, '' and booleans are refused (z.coerce would make them 0). */
const coordinate = (name: string, max: number) => z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
  z.number({ error: `${name} must be a number` }).min(-max).max(max),
);

/** Fields common to every channel. Numbers are coerced because multipart forms send text. */
export const intakeFields = {
  category: z.string({ error: 'category is required' }).trim().min(1, 'category is required').max(64),
  description: z.string({ error: 'description is required' }).trim().min(1, 'description is required')
    .refine((s) => chars(s) <= MAX_DESCRIPTION, { message: `description must be at most ${MAX_DESCRIPTION} characters` }),
  title: z.string().trim().min(1).max(120).optional(),
  lat: coordinate('lat', 90),
  lng: coordinate('lng', 180),
  /** Chinese map apps give GCJ-02 (or BD-09 from Baidu); stored as WGS84. */
  coordSystem: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
  address: z.string().trim().max(300).optional(),
  phone: z.string().trim().max(20)
    .refine((p) => isValidMobile(normalisePhone(p)), { message: 'phone must be an 11-digit mainland mobile number starting with 1' })
    .optional(),
  name: z.string().trim().min(1).max(60).optional(),
  anonymous: z.boolean().default(false),
  /** Extra fields the category requires (catalogue requiredFields), by key. */
  extra: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .refine((o) => Object.keys(o).length <= 20, { message: 'at most 20 extra fields' }).default({}),
};

export const publicReportBody = z.object(intakeFields);
export const staffIntakeBody = z.object({ ...intakeFields, channel: z.enum(STAFF_CHANNELS) });

export type PublicReportInput = z.infer<typeof publicReportBody>;
export type StaffIntakeInput = z.infer<typeof staffIntakeBody>;
/** What createCase takes: any channel, including the resident web form. */
export type IntakeInput = Omit<StaffIntakeInput, 'channel'> & { channel: StaffIntakeInput['channel'] | 'web' };

export const duplicateSchema = z.object({
  id: z.string(), trackingNo: z.string(), title: z.string(), summary: z.string(), state: z.string(),
  createdAt: z.string(), distanceM: z.number(), address: z.string().nullable(), thumbUrl: z.string().nullable(),
});

export const intakeResponse = z.object({
  id: z.string(), trackingNo: z.string(), state: z.string(), gridId: z.string().nullable(), duplicates: z.array(duplicateSchema),
});
