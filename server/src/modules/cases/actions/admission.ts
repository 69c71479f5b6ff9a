import type { Tx } from '../../../db/client.js';
import { assertAdmitted } from '../../catalogue/index.js';

/** The grid admission rule lives in the catalogue module; this is the workflow's one door to it (403 GRID_NOT_ADMITTED). */
export async function assertGridAdmits(tx: Tx, gridId: number, code: string): Promise<void> {
  await assertAdmitted(tx, gridId, code);
}
