import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { planDetailSchema, type IncidentType, type PlanDetail } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { AppError } from '../../lib/errors.js';
import { fileURLToPath } from 'node:url';

const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../seed');

/** server/seed/emergency-plans.json: one plan per incident type and level (validated with the contract's shape). */
const planFileSchema = z.object({ plans: z.array(planDetailSchema.omit({ id: true })) });
export type PlanRecord = z.infer<typeof planFileSchema>['plans'][number];

export function loadPlansFile(): PlanRecord[] {
  const raw = JSON.parse(fs.readFileSync(path.join(SEED_DIR, 'emergency-plans.json'), 'utf8')) as unknown;
  return planFileSchema.parse(raw).plans;
}

/**
 * Writes the seeded plans (seed step and test fixture). ON CONFLICT DO NOTHING by code: a plan edited in the
 * app is never overwritten by a later seed. Returns how many plans the file holds.
 */
export async function writeEmergencyPlans(tx: Tx): Promise<number> {
  const plans = loadPlansFile();
  for (const p of plans) {
    const { code, incidentType, level, name, nameEn, ...body } = p;
    await tx.execute(sql`
      INSERT INTO emergency_plans (code, incident_type, level, name, name_en, body)
      VALUES (${code}, ${incidentType}, ${level}, ${name}, ${nameEn}, ${JSON.stringify(body)}::jsonb)
      ON CONFLICT (code) DO NOTHING`);
  }
  return plans.length;
}

interface PlanRow { id: string; code: string; incident_type: string; level: number; name: string; name_en: string; body: Record<string, unknown> }

function present(r: PlanRow): PlanDetail {
  return planDetailSchema.parse({ ...r.body, id: r.id, code: r.code, incidentType: r.incident_type, level: r.level, name: r.name, nameEn: r.name_en });
}

export async function listPlans(tx: Tx, f: { incidentType?: string }) {
  const rows = await queryRows<Omit<PlanRow, 'body'>>(tx, sql`
    SELECT id::text, code, incident_type, level, name, name_en FROM emergency_plans
    WHERE active ${f.incidentType ? sql`AND incident_type = ${f.incidentType}` : sql``}
    ORDER BY incident_type, level`);
  return { items: rows.map((r) => ({ id: r.id, code: r.code, incidentType: r.incident_type as IncidentType, level: r.level, name: r.name, nameEn: r.name_en })) };
}

/** A plan by id; `field` names the request field in the 404 (planId on declare). */
export async function getPlan(tx: Tx, id: number, field = 'id'): Promise<PlanDetail> {
  const [r] = await queryRows<PlanRow>(tx, sql`
    SELECT id::text, code, incident_type, level, name, name_en, body FROM emergency_plans WHERE id = ${id} AND active`);
  if (!r) throw new AppError('NOT_FOUND', `emergency plan ${id} not found`, { field, id: String(id) });
  return present(r);
}
