import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queryRows } from '../../db/sql.js';
import { buildCommunityWithGrids } from '../territory/territory.factory.js';
import { buildPerson, validIdNumber } from '../people/index.js';
import { buildUser } from '../users/index.js';
import { buildMember, buildOrg, partyBand } from './party.factory.js';

let t: TestApp;
const c: Record<'secA' | 'secB' | 'worker' | 'street', string> = {} as never;
let A: Awaited<ReturnType<typeof buildCommunityWithGrids>>;
let orgA1: Awaited<ReturnType<typeof buildOrg>>;
let orgA2: Awaited<ReturnType<typeof buildOrg>>;
let orgB: Awaited<ReturnType<typeof buildOrg>>;
let streetOrg: Awaited<ReturnType<typeof buildOrg>>;
let memberA: Awaited<ReturnType<typeof buildMember>>;
let memberB: Awaited<ReturnType<typeof buildMember>>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  A = await buildCommunityWithGrids(db, { ...partyBand(2), cols: 2 });
  const B = await buildCommunityWithGrids(db, { ...partyBand(1), cols: 1 });
  streetOrg = await buildOrg(db, { type: 'big_working_committee', unitId: A.town.id, name: '街道大工委' });
  const bigA = await buildOrg(db, { type: 'big_party_committee', unitId: A.community.id, parentId: streetOrg.id });
  orgA1 = await buildOrg(db, { type: 'branch', unitId: A.grids[0]!.id, parentId: bigA.id, name: '一网格党支部' });
  orgA2 = await buildOrg(db, { type: 'branch', unitId: A.grids[1]!.id, parentId: bigA.id, name: '二网格党支部' });
  orgB = await buildOrg(db, { type: 'branch', unitId: B.grids[0]!.id });
  memberA = await buildMember(db, t.ctx.crypto, { orgId: orgA1.id, memberClass: 'retired', name: '甲党员' });
  await buildMember(db, t.ctx.crypto, { orgId: orgA2.id, memberClass: 'mobile' });
  await buildMember(db, t.ctx.crypto, { orgId: streetOrg.id, memberClass: 'in_service', name: '街道党员' });
  memberB = await buildMember(db, t.ctx.crypto, { orgId: orgB.id, memberClass: 'no_post', name: '乙党员' });
  const secA = await buildUser(db, { role: 'party_secretary', homeUnitId: A.community.id });
  const secB = await buildUser(db, { role: 'party_secretary', homeUnitId: B.community.id });
  const worker = await buildUser(db, { role: 'grid_worker', homeUnitId: A.community.id });
  const street = await buildUser(db, { role: 'street_cadre', homeUnitId: A.town.id });
  c.secA = await t.login(secA.username, secA.password);
  c.secB = await t.login(secB.username, secB.password);
  c.worker = await t.login(worker.username, worker.password);
  c.street = await t.login(street.username, street.password);
}, 600_000);
afterAll(() => t?.close());

const get = (who: keyof typeof c, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c[who] } });
const post = (who: keyof typeof c, url: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: { cookie: c[who] }, ...(payload ? { payload } : {}) });

describe('scope', () => {
  it('a community secretary sees only the members in their community', async () => {
    const res = await get('secA', '/api/party/members');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((m: { name: string }) => m.name);
    expect(names).toContain('甲党员');
    expect(names).not.toContain('乙党员');
    expect(names).not.toContain('街道党员');
    expect(res.json().total).toBe(2);
    expect((await get('secB', '/api/party/members')).json().items.map((m: { name: string }) => m.name)).toEqual(['乙党员']);
  });

  it('answers 404 for an organisation or member outside the subtree', async () => {
    expect((await get('secA', `/api/party/members?orgId=${orgB.id}`)).statusCode).toBe(404);
    expect((await get('secA', `/api/party/members/${memberB.id}`)).statusCode).toBe(404);
    expect((await get('secA', `/api/party/orgs/${streetOrg.id}`)).statusCode).toBe(404);
  });

  it('orgId lists the organisation and its sub-organisations; direct=true only its own', async () => {
    const all = await get('street', `/api/party/members?orgId=${streetOrg.id}`);
    expect(all.json().total).toBe(3);
    const own = await get('street', `/api/party/members?orgId=${streetOrg.id}&direct=true`);
    expect(own.json().items.map((m: { name: string }) => m.name)).toEqual(['街道党员']);
    const home = await get('secA', `/api/party/members?homeGridId=${A.grids[0]!.id}`);
    expect(home.json().items.map((m: { name: string }) => m.name)).toEqual(['甲党员']);
  });

  it('lists the org tree of the subtree', async () => {
    const res = await get('street', `/api/party/orgs?unitId=${A.town.id}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((o: { type: string }) => o.type)).toEqual(['big_working_committee', 'big_party_committee', 'branch', 'branch']);
    expect(items[2]).toMatchObject({ covers: 'unit', unitId: String(A.grids[0]!.id), memberCount: 1, depth: 3 });
  });
});

describe('masking', () => {
  it('lists and details carry only masked ID and phone', async () => {
    for (const who of ['secA', 'worker'] as const) {
      const res = await get(who, `/api/party/members?orgId=${orgA1.id}`);
      const m = res.json().items[0];
      expect(m.idNumber).toBe(`${memberA.idNumber.slice(0, 6)}********${memberA.idNumber.slice(-4)}`);
      expect(res.body).not.toContain(memberA.idNumber);
      expect(res.body).not.toContain(memberA.phone!);
      expect((await get(who, `/api/party/members/${memberA.id}`)).body).not.toContain(memberA.idNumber);
    }
  });

  it('unmask is refused without the right and audited with it', async () => {
    const denied = await post('worker', `/api/party/members/${memberA.id}/unmask`, {});
    expect(denied.statusCode).toBe(403);
    expect(denied.body).not.toContain(memberA.idNumber);
    const ok = await post('secA', `/api/party/members/${memberA.id}/unmask`, { reason: '组织关系转接' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ idNumber: memberA.idNumber, phone: memberA.phone });
    const [a] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'party_member.unmask' AND entity_id = ${String(memberA.personId)}`);
    expect(a!.n).toBe(1);
  });
});

describe('members', () => {
  it('reuses the registered person by ID number, creates a missing one, refuses a second membership', async () => {
    const person = await buildPerson(t.ctx.db, t.ctx.crypto, { gridId: A.grids[0]!.id, name: '已登记居民' });
    const res = await post('secA', '/api/party/members', { orgId: String(orgA1.id), idNumber: person.idNumber, name: '已登记居民', memberClass: 'two_new', homeGridId: String(A.grids[0]!.id) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ personId: String(person.id), memberClass: 'two_new', transfers: [{ toOrgId: String(orgA1.id), fromOrgId: null }] });
    const [tags] = await queryRows<{ tags: string[] }>(t.ctx.db, sql`SELECT tags FROM persons WHERE id = ${person.id}`);
    expect(tags!.tags).toContain('party_member');

    const again = await post('secA', '/api/party/members', { orgId: String(orgA2.id), idNumber: person.idNumber, name: 'x', memberClass: 'two_new' });
    expect(again.statusCode).toBe(409);

    const fresh = validIdNumber();
    const created = await post('secA', '/api/party/members', { orgId: String(orgA2.id), idNumber: fresh, name: '新党员', memberClass: 'hardship' });
    expect(created.statusCode).toBe(201);
    const [n] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM persons WHERE id_bidx = ${t.ctx.crypto.blindIndex(fresh)}`);
    expect(n!.n).toBe(1);

    const bad = await post('secA', '/api/party/members', { orgId: String(orgA2.id), idNumber: fresh.slice(0, 17) + (fresh[17] === '0' ? '1' : '0'), name: '错号', memberClass: 'hardship' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('idNumber');
  });

  it('transfers a member, keeping the history, and audits it', async () => {
    const m = await buildMember(t.ctx.db, t.ctx.crypto, { orgId: orgA1.id, memberClass: 'no_post' });
    const res = await post('secA', `/api/party/members/${m.id}/transfer`, { toOrgId: String(orgA2.id), on: '2026-05-01', reason: '搬家' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ orgId: String(orgA2.id), transfers: [{ fromOrgId: String(orgA1.id), toOrgId: String(orgA2.id), on: '2026-05-01', reason: '搬家' }] });
    expect((await post('secA', `/api/party/members/${m.id}/transfer`, { toOrgId: String(orgB.id) })).statusCode).toBe(404);
    const [a] = await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'party_member.transfer' AND entity_id = ${String(m.id)}`);
    expect(a!.n).toBe(1);
  });

  it('lists grids failing 一肩挑', async () => {
    await t.ctx.db.execute(sql`INSERT INTO grid_staff (grid_id, path, role, name) SELECT id, path, 'grid_leader', '王网格' FROM units WHERE id = ${A.grids[0]!.id}`);
    await t.ctx.db.execute(sql`INSERT INTO grid_staff (grid_id, path, role, name) SELECT id, path, 'grid_leader', '李网格' FROM units WHERE id = ${A.grids[1]!.id}`);
    await t.app.inject({ method: 'PATCH', url: `/api/party/orgs/${orgA1.id}`, headers: { cookie: c.secA }, payload: { secretaryName: '王网格', secretaryGrade: 'a', rating: 'five_star' } });
    await t.app.inject({ method: 'PATCH', url: `/api/party/orgs/${orgA2.id}`, headers: { cookie: c.secA }, payload: { secretaryName: '赵书记' } });
    const res = await get('secA', `/api/party/one-shoulder?unitId=${A.community.id}`);
    expect(res.json()).toMatchObject({ gridsChecked: 2, total: 1, items: [{ gridId: String(A.grids[1]!.id), reason: 'different_person', gridLeaderName: '李网格', secretaryName: '赵书记' }] });
    expect((await get('secA', `/api/party/orgs/${orgA1.id}`)).json()).toMatchObject({ secretaryGrade: 'a', rating: 'five_star' });
  });
});

async function xlsx(rows: unknown[][], headers = ['姓名', '身份证号', '手机号', '党组织编码', '党员类别', '党员状态', '入党日期', '所在网格编码', '工作单位']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(who: keyof typeof c, data: Buffer) {
  const boundary = `----gridgov${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="members.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return t.app.inject({ method: 'POST', url: '/api/party/members/import', payload, headers: { cookie: c[who], 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
const countMembersOf = async (orgId: number) =>
  (await queryRows<{ n: number }>(t.ctx.db, sql`SELECT count(*)::int AS n FROM party_members WHERE org_id = ${orgId}`))[0]!.n;

describe('Excel import', () => {
  it('reports bad rows by row number and writes nothing', async () => {
    const imp = await buildOrg(t.ctx.db, { type: 'group', unitId: A.grids[0]!.id });
    const good = validIdNumber();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const dupOf = validIdNumber();
    const data = await xlsx([
      ['好人', validIdNumber(), '', imp.code, '退休党员'.replace('退休', '离退休'), '正式党员', '1990-07-01', A.grids[0]!.code, ''],
      ['校验错', bad, '', imp.code, '无职党员', '', '', '', ''],
      ['无组织', validIdNumber(), '', 'NOPE-ORG', '流动党员', '', '', '', ''],
      ['重复甲', dupOf, '', imp.code, '困难党员', '', '', '', ''],
      ['重复乙', dupOf, '', imp.code, '困难党员', '', '', '', ''],
      ['已是党员', memberA.idNumber, '', imp.code, '在职党员', '', '', '', ''],
      ['外区组织', validIdNumber(), '', orgB.code, '在职党员', '', '', '', ''],
    ]);
    const res = await upload('secA', data);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ read: 7, written: 0, rejected: 5 });
    expect(body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, '身份证号'], [4, '党组织编码'], [6, '身份证号'], [7, '身份证号'], [8, '党组织编码'],
    ]);
    expect(res.body).not.toContain(bad);
    expect(await countMembersOf(imp.id)).toBe(0);
  });

  it('imports a good file in one go, reusing and creating persons; exports it masked', async () => {
    const imp = await buildOrg(t.ctx.db, { type: 'group', unitId: A.grids[1]!.id });
    const person = await buildPerson(t.ctx.db, t.ctx.crypto, { gridId: A.grids[1]!.id });
    const ids = [person.idNumber!, validIdNumber()];
    const res = await upload('secA', await xlsx([
      ['复用', ids[0], '', imp.code, '在职党员', '正式党员', '2001-07-01', A.grids[1]!.code, '区住建局'],
      ['新建', ids[1], '13800138000', imp.code, '两新组织党员', '预备党员', '2025-07-01', '', ''],
    ]));
    expect(res.json()).toEqual({ read: 2, written: 2, rejected: 0, personsCreated: 1, errors: [] });
    expect(await countMembersOf(imp.id)).toBe(2);
    const list = await get('secA', `/api/party/members?orgId=${imp.id}`);
    expect(list.json().items.map((m: { memberClass: string; status: string }) => [m.memberClass, m.status])).toEqual([['in_service', 'full'], ['two_new', 'probationary']]);

    const exp = await get('secA', `/api/party/members/export.xlsx?orgId=${imp.id}`);
    expect(exp.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(5).value).toBe('党员类别');
    expect(ws.getRow(2).getCell(2).value).toBe(`${ids[0]!.slice(0, 6)}********${ids[0]!.slice(-4)}`);
    expect(ws.rowCount).toBe(3);
  });
});
