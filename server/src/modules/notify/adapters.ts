import { sql } from 'drizzle-orm';
import type { AppContext } from '../../lib/context.js';
import { queryRows } from '../../db/sql.js';
import { maskWebhook } from './webhooks.js';

/** What every outbound message carries (no personal data: titles name the case, never the resident). */
export interface OutboundPayload {
  kind: string;
  title: string;
  body: string;
  caseId: number | null;
}

/** One interface for every outbound channel. `send` resolves when delivered and throws when it was not. */
export interface OutboundAdapter {
  channel: string;
  send(target: string, payload: OutboundPayload): Promise<void>;
}

/** Markdown for a WeCom group robot. */
export function wecomMarkdown(p: OutboundPayload): string {
  const lines = [`**${p.title}**`];
  if (p.body) lines.push(p.body);
  if (p.caseId != null) lines.push(`> 案件编号 ${p.caseId}`);
  return lines.join('\n');
}

/**
 * WeCom group robot (企业微信群机器人): POST {msgtype:'markdown', markdown:{content}} to the webhook URL
 * (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…). A non-2xx status or errcode ≠ 0 is a failure.
 */
export class WecomRobotAdapter implements OutboundAdapter {
  readonly channel = 'wecom';
  constructor(private readonly timeoutMs = 5000) {}

  async send(target: string, payload: OutboundPayload): Promise<void> {
    let res: Response;
    try {
      res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content: wecomMarkdown(payload) } }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // Never echo the target: its key is a secret.
      throw new Error(`WeCom robot unreachable (${maskWebhook(target)}): ${err instanceof Error ? err.name : 'error'}`);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`WeCom robot HTTP ${res.status}`);
    let body: { errcode?: number; errmsg?: string };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error('WeCom robot answered with something other than JSON');
    }
    if (body.errcode !== 0) throw new Error(`WeCom robot errcode ${body.errcode ?? '?'}: ${String(body.errmsg ?? '').slice(0, 200)}`);
  }
}

/** An SMS gateway: plug a real one in by implementing this and passing it to deliverOutbox. */
export interface SmsGateway {
  sendSms(phone: string, text: string): Promise<void>;
}

/**
 * SMS through a pluggable gateway. The outbox target is `user:<id>`; the phone number is decrypted only here,
 * at send time, and never written to the outbox, errors or logs.
 */
export class SmsAdapter implements OutboundAdapter {
  readonly channel = 'sms';
  constructor(private readonly ctx: AppContext, private readonly gateway: SmsGateway) {}

  async send(target: string, payload: OutboundPayload): Promise<void> {
    // user:<id> (staff) or responder:<id> (people called up in an emergency, most without an account).
    const m = /^(user|responder):(\d+)$/.exec(target);
    if (!m) throw new Error('SMS target must be user:<id> or responder:<id>');
    const table = m[1] === 'user' ? sql`users` : sql`emergency_responders`;
    const [u] = await queryRows<{ phone_enc: string | null }>(this.ctx.db, sql`SELECT phone_enc FROM ${table} WHERE id = ${Number(m[2])}`);
    if (!u?.phone_enc) throw new Error(`${target} has no phone`);
    const phone = this.ctx.crypto.decrypt(u.phone_enc);
    await this.gateway.sendSms(phone, `【GridGov】${payload.title}`);
  }
}

/** The default SMS gateway: delivers nothing; the outbox row (marked sent) is the record. Logs no numbers. */
export const logSmsGateway: SmsGateway & { sent: number } = {
  sent: 0,
  async sendSms() {
    logSmsGateway.sent += 1;
  },
};

export function defaultAdapters(ctx: AppContext): OutboundAdapter[] {
  return [new WecomRobotAdapter(), new SmsAdapter(ctx, logSmsGateway)];
}
