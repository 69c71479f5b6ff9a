import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { queryRows } from '../../db/sql.js';
import type { CaseRow } from './actions/types.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const day = (d: string | Date) => {
  const x = new Date(new Date(d).getTime() + 8 * 3600_000); // Asia/Shanghai date on the paper
  return `${x.getUTCFullYear()}年${x.getUTCMonth() + 1}月${x.getUTCDate()}日`;
};

/** A printable 人民调解协议书 for the case's agreed mediation (null when there is none). All text is escaped. */
export async function agreementHtml(tx: Tx, c: CaseRow): Promise<string | null> {
  const [m] = await queryRows<{ id: string; mediator_name: string; parties: { name: string; role: string }[]; agreement: string; ended_at: string; started_at: string }>(tx, sql`
    SELECT id::text, mediator_name, parties, agreement, ended_at, started_at FROM case_mediations
    WHERE case_id = ${c.id} AND state = 'agreed' ORDER BY id DESC LIMIT 1`);
  if (!m) return null;
  const sessions = await queryRows<{ held_at: string; place: string | null; notes: string }>(tx, sql`
    SELECT held_at, place, notes FROM mediation_sessions WHERE mediation_id = ${m.id} ORDER BY held_at, id`);
  const parties = m.parties.map((p) => `<tr><th>${esc(p.role)}</th><td>${esc(p.name)}</td></tr>`).join('');
  const held = sessions.map((s) => `<li>${day(s.held_at)}${s.place ? `（${esc(s.place)}）` : ''}：${esc(s.notes)}</li>`).join('');
  const sign = m.parties.map((p) => `<p>${esc(p.role)}（签名）：＿＿＿＿＿＿</p>`).join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>人民调解协议书 ${esc(c.trackingNo)}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:760px;margin:2em auto;line-height:1.8}h1{text-align:center;letter-spacing:.3em}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #333;padding:.3em .6em;text-align:left}.agreement{white-space:pre-wrap}
@media print{body{margin:0}}</style></head>
<body>
<h1>人民调解协议书</h1>
<p>编号：${esc(c.trackingNo)}</p>
<h2>当事人</h2><table>${parties}</table>
<h2>纠纷事项</h2><p>${esc(c.title)}</p><p>${esc(c.description)}</p>
${held ? `<h2>调解经过</h2><ol>${held}</ol>` : ''}
<h2>协议内容</h2><div class="agreement">${esc(m.agreement)}</div>
<p>本协议经双方当事人签字（盖章）或按指印、人民调解员签字并加盖人民调解委员会印章后生效。本协议一式三份，当事人各执一份，人民调解委员会留存一份。</p>
${sign}
<p>人民调解员（签名）：${esc(m.mediator_name)}</p>
<p>人民调解委员会（盖章）</p>
<p>${day(m.ended_at ?? m.started_at)}</p>
</body></html>`;
}
