import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { Crypto } from '../../lib/secrets.js';
import { idBlindIndex, piiColumns, reconcileWithIdNumber } from '../people/index.js';

/**
 * One ID number, one person: a member or recruit is linked to the person registered under that ID number
 * (found by its blind index); a person is created only when none exists. Data is entered once (一表通).
 */
export async function personsByBidx(tx: Tx, bidx: string[]): Promise<Map<string, { id: number; member: boolean }>> {
  if (bidx.length === 0) return new Map();
  const rows = await queryRows<{ id: string; id_bidx: string; member: boolean }>(tx, sql`
    SELECT p.id::text, p.id_bidx, EXISTS (SELECT 1 FROM party_members m WHERE m.person_id = p.id) AS member
    FROM persons p WHERE p.id_bidx IN (${sql.join(bidx.map((b) => sql`${b}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id_bidx, { id: Number(r.id), member: r.member }]));
}

export interface NewPerson { name: string; idNumber: string; phone: string | null; gridId: number | null; path: string | null }

export async function insertPersons(tx: Tx, crypto: Crypto, list: NewPerson[]): Promise<number[]> {
  const ids: number[] = [];
  for (const p of list) {
    const d = reconcileWithIdNumber(p.idNumber, {});
    const c = piiColumns(crypto, { idNumber: p.idNumber, phone: p.phone });
    const [r] = await queryRows<{ id: string }>(tx, sql`
      INSERT INTO persons (name, gender, birth_date, grid_id, path, tags, id_enc, id_bidx, id_masked, phone_enc, phone_bidx, phone_masked)
      VALUES (${p.name}, ${d.gender ?? null}, ${d.birthDate ?? null}, ${p.gridId}, ${p.path}::ltree, '["party_member"]'::jsonb,
        ${c.idEnc ?? null}, ${c.idBidx ?? null}, ${c.idMasked ?? null}, ${c.phoneEnc ?? null}, ${c.phoneBidx ?? null}, ${c.phoneMasked ?? null})
      RETURNING id::text`);
    ids.push(Number(r!.id));
  }
  return ids;
}

export const bidxOf = (crypto: Crypto, idNumber: string) => idBlindIndex(crypto, idNumber);

/** Persons who are party members carry the 党员 tag, so the residents registry shows it without asking twice. */
export async function tagPartyMembers(tx: Tx, personIds: number[]): Promise<void> {
  if (personIds.length === 0) return;
  await tx.execute(sql`UPDATE persons SET tags = tags || '["party_member"]'::jsonb, updated_at = now()
    WHERE id IN (${sql.join(personIds.map((i) => sql`${i}`), sql`, `)}) AND NOT tags @> '["party_member"]'::jsonb`);
}
