import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import { audit, type Actor } from '../../lib/audit.js';
import type { Crypto } from '../../lib/secrets.js';
import type { SessionUser } from '../../lib/scope.js';
import { idNumberProblem } from '../people/index.js';
import { invalid, notFoundField, num, scopeSql, scopedUnitOrFail, under } from './common.js';
import type { CreateCadreBody } from './party.schema.js';
import { bidxOf, insertPersons, personsByBidx } from './persons.link.js';

/** Reserve cadres (后备干部, 村级储备干部) and first secretaries (第一书记) sent to a village. */
interface CadreRow { id: string; kind: string; person_id: string; name: string; unit_id: string; unit_name: string; from_organ: string | null;
  since: string | null; until: string | null; note: string | null }
const columns = sql`c.id::text, c.kind, c.person_id::text, p.name, c.unit_id::text, u.name AS unit_name, c.from_organ,
  to_char(c.since, 'YYYY-MM-DD') AS since, to_char(c.until, 'YYYY-MM-DD') AS until, c.note`;
const present = (r: CadreRow) => ({ id: r.id, kind: r.kind as 'reserve_cadre', personId: r.person_id, name: r.name, unitId: r.unit_id,
  unitName: r.unit_name, fromOrgan: r.from_organ, since: r.since, until: r.until, note: r.note });

export async function list(tx: Tx, user: SessionUser, f: { root: string | null; kind?: string; limit: number; offset: number }) {
  const c: SQL[] = [scopeSql(user, sql`c.path`), under(sql`c.path`, f.root)];
  if (f.kind) c.push(sql`c.kind = ${f.kind}`);
  const where = sql.join(c, sql` AND `);
  const rows = await queryRows<CadreRow & { total: number }>(tx, sql`SELECT ${columns}, count(*) OVER ()::int AS total
    FROM party_cadres c JOIN persons p ON p.id = c.person_id JOIN units u ON u.id = c.unit_id WHERE ${where}
    ORDER BY c.kind, c.id LIMIT ${f.limit} OFFSET ${f.offset}`);
  return { items: rows.map(present), total: num(rows[0]?.total) };
}

/** The person behind a cadre: by id, or by ID number (reused when registered, created otherwise, never tagged 党员 here). */
async function personFor(tx: Tx, crypto: Crypto, b: CreateCadreBody, path: string): Promise<number> {
  if (b.personId) {
    // A first secretary usually comes from an organ outside the village, so the person need not live in scope.
    const [p] = await queryRows<{ id: string }>(tx, sql`SELECT id::text FROM persons WHERE id = ${Number(b.personId)}`);
    if (!p) throw notFoundField('person', b.personId, 'personId');
    return Number(p.id);
  }
  const problem = idNumberProblem(b.idNumber!);
  if (problem) throw invalid('idNumber', problem);
  const bidx = bidxOf(crypto, b.idNumber!);
  const found = (await personsByBidx(tx, [bidx])).get(bidx);
  if (found) return found.id;
  const [id] = await insertPersons(tx, crypto, [{ name: b.name!, idNumber: b.idNumber!, phone: null, gridId: null, path }]);
  await tx.execute(sql`UPDATE persons SET tags = tags - 'party_member' WHERE id = ${id!}`);
  return id!;
}

export async function create(db: Db, crypto: Crypto, user: SessionUser, actor: Actor, b: CreateCadreBody) {
  return db.transaction(async (tx) => {
    const u = await scopedUnitOrFail(tx, user, Number(b.unitId));
    const personId = await personFor(tx, crypto, b, u.path);
    const [r] = await queryRows<{ id: string }>(tx, sql`INSERT INTO party_cadres (kind, person_id, unit_id, path, from_organ, since, until, note)
      VALUES (${b.kind}, ${personId}, ${Number(u.id)}, ${u.path}::ltree, ${b.fromOrgan ?? null}, ${b.since ?? null}, ${b.until ?? null}, ${b.note ?? null})
      RETURNING id::text`);
    // The ID number never goes into the audit trail.
    await audit(tx, actor, { action: 'party_cadre.create', entityType: 'party_cadre', entityId: r!.id, unitPath: u.path, after: { ...b, idNumber: undefined, personId: String(personId) } });
    const [row] = await queryRows<CadreRow>(tx, sql`SELECT ${columns} FROM party_cadres c JOIN persons p ON p.id = c.person_id JOIN units u ON u.id = c.unit_id WHERE c.id = ${Number(r!.id)}`);
    return present(row!);
  });
}
