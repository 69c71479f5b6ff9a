import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';

/**
 * WeCom group-robot webhooks are configured per unit or per department in the settings table
 * (`notify.wecom.unit.<id>` / `notify.wecom.department.<id>` → {url, enabled}): no schema change needed.
 */
export type WebhookOwner = 'unit' | 'department';
export const webhookKey = (owner: WebhookOwner, id: number): string => `notify.wecom.${owner}.${id}`;

/** The robot key is a secret: shown and logged only masked. */
export function maskWebhook(url: string): string {
  return url.replace(/([?&]key=)([^&]{0,4})[^&]*/i, (_m, p: string, head: string) => `${p}${head}****`);
}

export function isWebhookUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export async function setWebhook(tx: Tx, owner: WebhookOwner, id: number, url: string | null, at: Date): Promise<void> {
  const key = webhookKey(owner, id);
  if (url === null) {
    await tx.execute(sql`DELETE FROM settings WHERE key = ${key}`);
    return;
  }
  await tx.execute(sql`
    INSERT INTO settings (key, value, updated_at) VALUES (${key}, ${JSON.stringify({ url, enabled: true })}::jsonb, ${at})
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`);
}

export async function listWebhooks(tx: Tx): Promise<{ owner: WebhookOwner; id: string; url: string }[]> {
  const rows = await queryRows<{ key: string; url: string }>(tx, sql`
    SELECT key, value->>'url' AS url FROM settings WHERE key LIKE 'notify.wecom.%' ORDER BY key`);
  return rows.map((r) => {
    const [, , owner, id] = r.key.split('.');
    return { owner: owner as WebhookOwner, id: id!, url: maskWebhook(r.url) };
  });
}
