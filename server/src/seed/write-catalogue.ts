import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { SEED_DIR } from './data.js';

/** A leaf of server/seed/matter-categories.json. */
export interface CategoryRec {
  code: string;
  group: string;
  zh: string;
  en: string;
  lowestLevel: string;
  lead: string | null;
  assist: string[];
  deadlineClass: string;
  requiredFields: { key: string; zh: string; en: string; type: string }[];
  urgent: boolean;
  dispute: boolean;
  guidance: { channels: string[]; zh: string; en: string } | null;
  defaultRisk: string;
}
export interface CatalogueFile {
  groups: { code: string; zh: string; en: string }[];
  categories: CategoryRec[];
}
export interface CalendarFile { days: { day: string; kind: 'holiday' | 'workday'; name: string }[] }

const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), 'utf8')) as T;
export const loadCatalogueFile = (): CatalogueFile => read<CatalogueFile>('matter-categories.json');
export const loadCalendarFile = (): CalendarFile => read<CalendarFile>('work-calendar.json');

/**
 * The matter catalogue (groups, then leaves under them) and the working calendar, for every seed size.
 * ON CONFLICT DO NOTHING: rows edited in the app are never overwritten by a later seed.
 */
export async function writeCatalogue(tx: Tx): Promise<{ categories: number; calendarDays: number }> {
  const file = loadCatalogueFile();
  const rows = [
    ...file.groups.map((g, k) => ({
      code: g.code, parent_code: null, name_zh: g.zh, name_en: g.en, kind: 'group', lowest_level: 'department',
      lead_dept_key: null, assist_dept_keys: [], deadline_class: 'd7', required_fields: [], urgent: false,
      dispute: g.code === 'dispute', guidance: null, default_risk: 'low', sort: k,
    })),
    ...file.categories.map((c, k) => ({
      code: c.code, parent_code: c.group, name_zh: c.zh, name_en: c.en, kind: 'leaf', lowest_level: c.lowestLevel,
      lead_dept_key: c.lead, assist_dept_keys: c.assist, deadline_class: c.deadlineClass, required_fields: c.requiredFields,
      urgent: c.urgent, dispute: c.dispute, guidance: c.guidance, default_risk: c.defaultRisk, sort: k,
    })),
  ];
  await tx.execute(sql`
    INSERT INTO case_categories (code, parent_code, name_zh, name_en, kind, lowest_level, lead_dept_key, assist_dept_keys,
      deadline_class, required_fields, urgent, dispute, guidance, default_risk, sort)
    SELECT code, parent_code, name_zh, name_en, kind, lowest_level, lead_dept_key, assist_dept_keys, deadline_class,
      required_fields, urgent, dispute, guidance, default_risk, sort
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(code text, parent_code text, name_zh text, name_en text,
      kind text, lowest_level text, lead_dept_key text, assist_dept_keys jsonb, deadline_class text, required_fields jsonb,
      urgent boolean, dispute boolean, guidance jsonb, default_risk text, sort int)
    ON CONFLICT (code) DO NOTHING`);
  const days = loadCalendarFile().days;
  await tx.execute(sql`
    INSERT INTO work_calendar (day, kind, name)
    SELECT day, kind, name FROM jsonb_to_recordset(${JSON.stringify(days)}::jsonb) AS r(day date, kind text, name text)
    ON CONFLICT (day) DO NOTHING`);
  return { categories: file.categories.length, calendarDays: days.length };
}
