import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildUser, FACTORY_PASSWORD } from '../users/users.factory.js';
import type { TestApp } from '../../../test/harness.js';

/** Test helpers for intake: own categories (unique codes), a community with grids, users, photos, multipart bodies. */
let n = 0;
const uniq = () => `${process.pid % 1000}${Date.now() % 100000}${(n += 1)}`;

export interface IntakeCategories { plain: string; urgent: string; guided: string; group: string; other: string }

/** Categories of this test file only, so counts and duplicate look-ups never see another file's cases. */
export async function buildCategories(tx: Tx): Promise<IntakeCategories> {
  const u = uniq();
  const c = { plain: `t_ik${u}_plain`, urgent: `t_ik${u}_urgent`, guided: `t_ik${u}_guided`, group: `t_ik${u}`, other: `t_ik${u}_other` };
  await tx.execute(sql`INSERT INTO case_categories (code, parent_code, name_zh, name_en, kind) VALUES (${c.group}, NULL, '测试组', 'Test group', 'group')`);
  const leaf = (code: string, more: { cls?: string; urgent?: boolean; fields?: unknown[]; guidance?: unknown; risk?: string; lowest?: string }) => tx.execute(sql`
    INSERT INTO case_categories (code, parent_code, name_zh, name_en, kind, deadline_class, urgent, required_fields, guidance, default_risk, lowest_level)
    VALUES (${code}, ${c.group}, ${'测试' + code.slice(-6)}, ${'Test ' + code.slice(-6)}, 'leaf', ${more.cls ?? 'd7'}, ${more.urgent ?? false},
      ${JSON.stringify(more.fields ?? [])}::jsonb, ${more.guidance ? JSON.stringify(more.guidance) : null}::jsonb, ${more.risk ?? 'low'}, ${more.lowest ?? 'department'})`);
  await leaf(c.plain, { risk: 'medium' });
  await leaf(c.other, { lowest: 'grid' }); // closable in the grid (小事不出网格)
  await leaf(c.urgent, { cls: 'h2', urgent: true, risk: 'high', fields: [{ key: 'area', zh: '面积', en: 'Area', type: 'number' }] });
  await leaf(c.guided, { guidance: { channels: ['web'], zh: '请拨打110报警', en: 'Call 110 for the police' } });
  return c;
}

/** A community of `cols` 0.01° grids at (x0, y0), its grid worker and leader, and a district centre operator. */
export async function buildWorld(t: TestApp, x0: number, y0: number, cols = 2) {
  const world = await buildCommunityWithGrids(t.ctx.db, { x0, y0, cols });
  const [g1] = world.grids;
  const worker = await buildUser(t.ctx.db, { role: 'grid_worker', homeUnitId: g1!.id });
  const leader = await buildUser(t.ctx.db, { role: 'grid_leader', homeUnitId: g1!.id });
  const centre = await buildUser(t.ctx.db, { role: 'centre_operator', homeUnitId: world.district.id });
  const cookies = {
    worker: await t.login(worker.username, FACTORY_PASSWORD),
    leader: await t.login(leader.username, FACTORY_PASSWORD),
    centre: await t.login(centre.username, FACTORY_PASSWORD),
  };
  return { ...world, users: { worker, leader, centre }, cookies };
}

export async function jpeg(w = 64, h = 48): Promise<Buffer> {
  return sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 60, b: 30 } } }).jpeg().toBuffer();
}
export async function png(): Promise<Buffer> {
  return sharp({ create: { width: 500, height: 400, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } }).png().toBuffer();
}
export async function webp(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 40, channels: 3, background: { r: 0, g: 200, b: 0 } } }).webp().toBuffer();
}
/** A real 1×1 GIF. */
export const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** multipart/form-data body: text fields, then files under `photos`. */
export function form(fields: Record<string, string | number | boolean>, files: { name: string; data: Buffer; type?: string }[] = []) {
  const boundary = `----gg${uniq()}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'image/jpeg'}\r\n\r\n`));
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Rows tied to these categories: what a refused request must leave unchanged. */
export async function counts(tx: Tx, codes: string[]) {
  const list = sql.join(codes.map((c) => sql`${c}`), sql`, `);
  const [r] = await queryRows<{ cases: number; files: number; reporters: number; audits: number }>(tx, sql`
    SELECT (SELECT count(*)::int FROM cases WHERE category_code IN (${list})) AS cases,
      (SELECT count(*)::int FROM case_files f JOIN cases c ON c.id = f.case_id WHERE c.category_code IN (${list})) AS files,
      (SELECT count(*)::int FROM case_reporters r JOIN cases c ON c.id = r.case_id WHERE c.category_code IN (${list})) AS reporters,
      (SELECT count(*)::int FROM audit_events a JOIN cases c ON a.entity_type = 'case' AND a.entity_id = c.id::text
        WHERE c.category_code IN (${list})) AS audits`);
  return r!;
}

/** Degrees of latitude for `m` metres (≈ 110.85 km per degree near 30°N). */
export const metresLat = (m: number) => m / 110_850;
