import { sql } from 'drizzle-orm';
import type { CreateExportBody, ExportJob } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import { AppError, notFound } from '../../lib/errors.js';
import type { SessionUser } from '../../lib/scope.js';
import { reportUnit } from './assessment.scope.js';

/** Longest export period (about three years): bigger exports are split by the caller. */
export const MAX_EXPORT_DAYS = 1100;

interface Row {
  id: string; table_name: ExportJob['table']; unit_id: string; from_day: string; to_day: string; format: 'xlsx' | 'csv';
  state: ExportJob['state']; rows_done: number; rows_total: number | null; error: string | null; file_name: string | null;
  created_at: Date; finished_at: Date | null;
}
const cols = sql`id::text, table_name, unit_id::text, from_day::text, to_day::text, format, state, rows_done, rows_total, error, file_name, created_at, finished_at`;

function present(r: Row): ExportJob {
  const progress = r.state === 'done' ? 1 : r.rows_total ? Math.min(1, r.rows_done / r.rows_total) : 0;
  return {
    id: r.id, table: r.table_name, unitId: r.unit_id, from: r.from_day, to: r.to_day, format: r.format, state: r.state,
    rowsDone: r.rows_done, rowsTotal: r.rows_total, progress, error: r.state === 'failed' ? r.error : null, fileName: r.file_name,
    downloadUrl: r.state === 'done' ? `/api/exports/${r.id}/file` : null,
    createdAt: new Date(r.created_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
  };
}

/** Queues an export of the rows under a unit in the caller's scope; the runner job picks it up. */
export async function createExport(tx: Tx, user: SessionUser, actor: Actor, body: CreateExportBody): Promise<{ id: string }> {
  if (body.from > body.to) throw new AppError('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
  const days = (Date.parse(body.to) - Date.parse(body.from)) / 86_400_000;
  if (days > MAX_EXPORT_DAYS) throw new AppError('VALIDATION_FAILED', `At most ${MAX_EXPORT_DAYS} days per export`, { field: 'to' });
  const unit = await reportUnit(tx, user, body.unitId);
  const [row] = await queryRows<{ id: string }>(tx, sql`
    INSERT INTO export_jobs (created_by, table_name, unit_id, path, from_day, to_day, format)
    VALUES (${user.id}, ${body.table}, ${Number(unit.id)}, ${unit.path}::ltree, ${body.from}, ${body.to}, ${body.format}) RETURNING id::text`);
  await audit(tx, actor, { action: 'export.create', entityType: 'export_job', entityId: row!.id, unitPath: unit.path, after: body });
  return { id: row!.id };
}

/** A job of the caller's own, or 404 (others' jobs are invisible: they may hold rows outside the caller's scope). */
export async function getExport(tx: Tx, user: SessionUser, id: number): Promise<ExportJob> {
  const [r] = await queryRows<Row>(tx, sql`SELECT ${cols} FROM export_jobs WHERE id = ${id} AND created_by = ${user.id}`);
  if (!r) throw notFound('Export', id);
  return present(r);
}

export async function listExports(tx: Tx, user: SessionUser): Promise<{ jobs: ExportJob[] }> {
  const rows = await queryRows<Row>(tx, sql`SELECT ${cols} FROM export_jobs WHERE created_by = ${user.id} ORDER BY id DESC LIMIT 50`);
  return { jobs: rows.map(present) };
}

export async function exportFile(tx: Tx, user: SessionUser, actor: Actor, id: number): Promise<{ name: string; format: 'xlsx' | 'csv'; data: Buffer }> {
  const job = await getExport(tx, user, id);
  if (job.state !== 'done') throw new AppError('CONFLICT', `Export ${id} is ${job.state}, not done yet`, { state: job.state });
  const [r] = await queryRows<{ data: Buffer | Uint8Array }>(tx, sql`SELECT data FROM export_jobs WHERE id = ${id}`);
  await audit(tx, actor, { action: 'export.download', entityType: 'export_job', entityId: id });
  return { name: job.fileName!, format: job.format, data: Buffer.from(r!.data) };
}
