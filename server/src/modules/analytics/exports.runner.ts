import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { EXPORT_TABLE_LABELS, type ExportTable } from '@gridgov/common';
import type { Db } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { AppContext } from '../../lib/context.js';
import { dayStart, addDays } from './assessment.period.js';
import { EXPORT_SPECS } from './exports.tables.js';

/**
 * Background exports. A job is claimed with FOR UPDATE SKIP LOCKED (several instances never take the same one; a
 * running job whose heartbeat stopped for STALE_MS is taken over), its rows are read in keyset chunks and streamed
 * to a temp file (exceljs WorkbookWriter / CSV), yielding to the event loop after every chunk, with the progress
 * and heartbeat written to the job row. The finished file is stored in the row (bytea) and the temp file removed.
 */
export const CHUNK_ROWS = 1000;
const STALE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 3;
export const KEEP_DAYS = 7;

interface JobRow { id: string; table_name: ExportTable; path: string; from_day: string; to_day: string; format: 'xlsx' | 'csv'; attempts: number }

/** Runs queued exports until none is left (or `max` ran); returns how many finished. */
export async function runExports(ctx: Pick<AppContext, 'db'>, opts: { max?: number; chunkRows?: number } = {}): Promise<number> {
  // Finished files are kept KEEP_DAYS for download, then dropped with their job.
  await ctx.db.execute(sql`DELETE FROM export_jobs WHERE finished_at < ${new Date(Date.now() - KEEP_DAYS * 86_400_000)}`);
  let n = 0;
  while (n < (opts.max ?? 10)) {
    const job = await claim(ctx.db);
    if (!job) break;
    await runOne(ctx.db, job, opts.chunkRows ?? CHUNK_ROWS);
    n += 1;
  }
  return n;
}

async function claim(db: Db): Promise<JobRow | null> {
  const stale = new Date(Date.now() - STALE_MS);
  const [job] = await queryRows<JobRow>(db, sql`
    UPDATE export_jobs SET state = 'running', started_at = now(), heartbeat_at = now(), attempts = attempts + 1, rows_done = 0
    WHERE id = (SELECT id FROM export_jobs WHERE state = 'queued' OR (state = 'running' AND heartbeat_at < ${stale})
      ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id::text, table_name, path::text, from_day::text, to_day::text, format, attempts`);
  return job ?? null;
}

async function runOne(db: Db, job: JobRow, chunkRows: number): Promise<void> {
  const spec = EXPORT_SPECS[job.table_name];
  const tmp = path.join(os.tmpdir(), `gridgov-export-${job.id}-${process.pid}.${job.format}`);
  const start = dayStart(job.from_day);
  const end = dayStart(addDays(job.to_day, 1));
  try {
    const [c] = await queryRows<{ n: number }>(db, spec.count(job.path, start, end));
    const total = c?.n ?? 0;
    await db.execute(sql`UPDATE export_jobs SET rows_total = ${total} WHERE id = ${Number(job.id)}`);
    const out = job.format === 'xlsx' ? xlsxSink(tmp, EXPORT_TABLE_LABELS[job.table_name].zh, spec.headers) : csvSink(tmp, spec.headers);
    let after = 0;
    let done = 0;
    for (;;) {
      const rows = await queryRows<Record<string, unknown>>(db, spec.chunk(job.path, start, end, after, chunkRows));
      if (rows.length === 0) break;
      for (const r of rows) out.row(spec.cells(r));
      after = Number(rows[rows.length - 1]!._id);
      done += rows.length;
      await out.flush();
      await db.execute(sql`UPDATE export_jobs SET rows_done = ${done}, heartbeat_at = now() WHERE id = ${Number(job.id)} AND state = 'running'`);
      await yieldToLoop();
      if (rows.length < chunkRows) break;
    }
    await out.close();
    const data = await fs.promises.readFile(tmp);
    const name = `${EXPORT_TABLE_LABELS[job.table_name].zh}-${job.from_day}-${job.to_day}.${job.format}`;
    await db.execute(sql`UPDATE export_jobs SET state = 'done', rows_done = ${done}, rows_total = ${Math.max(done, total)}, data = ${data},
      file_name = ${name}, finished_at = now(), error = NULL WHERE id = ${Number(job.id)}`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A transient failure is retried by the next run (queued again) until MAX_ATTEMPTS.
    await db.execute(sql`UPDATE export_jobs SET state = ${job.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued'}, error = ${message.slice(0, 500)},
      finished_at = ${job.attempts >= MAX_ATTEMPTS ? sql`now()` : null} WHERE id = ${Number(job.id)}`);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}

interface Sink { row(cells: (string | number | null)[]): void; flush(): Promise<void>; close(): Promise<void> }

function xlsxSink(file: string, sheetName: string, headers: string[]): Sink {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h) => ({ header: h, width: Math.max(12, h.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return {
    row: (cells) => ws.addRow(cells).commit(),
    flush: async () => {},
    close: async () => {
      ws.commit();
      await wb.commit();
    },
  };
}

/** CSV with a BOM (Excel opens UTF-8 Chinese correctly) and formula-looking cells neutralised. */
function csvSink(file: string, headers: string[]): Sink {
  const stream = fs.createWriteStream(file);
  let buf = `\ufeff${headers.map(csvCell).join(',')}\r\n`;
  return {
    row: (cells) => { buf += `${cells.map(csvCell).join(',')}\r\n`; },
    flush: async () => {
      const chunk = buf;
      buf = '';
      if (!stream.write(chunk)) await new Promise<void>((r) => { stream.once('drain', () => r()); });
    },
    close: async () => {
      stream.write(buf);
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    },
  };
}

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
