import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { DIRECTIVE_GRID_STATE_LABELS, INCIDENT_TYPE_LABELS, RESOURCE_KIND_LABELS, RESPONDER_KIND_LABELS, REVIEW_PHOTO_LIMIT, levelLabel, type Review } from '@gridgov/common';
import type { Tx } from '../../db/client.js';
import { pgArray, queryRows } from '../../db/sql.js';
import { clock } from '../../lib/clock.js';
import { PdfWriter } from '../../lib/pdf.js';
import type { SessionUser } from '../../lib/scope.js';
import { iso, num } from './common.js';
import { getEmergency } from './emergencies.service.js';
import { mobilisation } from './mobilise.service.js';
import { emergencyPhotos } from './photos.service.js';
import { listResources } from './resources.service.js';

/**
 * 复盘 (after-action report): timeline, directive performance, mobilisation, the matters raised in the area
 * during the emergency and the resources used. Ready as soon as the emergency ends (and readable while it runs).
 */
export async function review(tx: Tx, user: SessionUser, id: number): Promise<Review> {
  const emergency = await getEmergency(tx, user, id);
  const [e] = await queryRows<{ path: string; declared_at: Date; ended_at: Date | null }>(tx, sql`SELECT path::text AS path, declared_at, ended_at FROM emergencies WHERE id = ${id}`);
  const until = e!.ended_at ?? clock.now();
  const timeline = await queryRows<{ at: Date; kind: string; text: string; actor_name: string | null }>(tx, sql`
    SELECT at, kind, text, actor_name FROM emergency_log WHERE emergency_id = ${id} ORDER BY at, id`);
  const directives = await queryRows<{ id: string; title: string; issued_at: Date; due_at: Date; total: number; ack: number; exec: number; on_time: number; escalated: number; median_ack: number | null }>(tx, sql`
    SELECT d.id::text, d.title, d.issued_at, d.due_at, d.total,
      count(g.*) FILTER (WHERE g.state <> 'pending')::int AS ack, count(g.*) FILTER (WHERE g.state = 'executed')::int AS exec,
      count(g.*) FILTER (WHERE g.reported_at <= d.due_at)::int AS on_time, count(g.*) FILTER (WHERE g.escalation > 0)::int AS escalated,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM g.acked_at - d.issued_at) / 60) AS median_ack
    FROM directives d LEFT JOIN directive_grids g ON g.directive_id = d.id
    WHERE d.emergency_id = ${id} GROUP BY d.id ORDER BY d.issued_at, d.id`);
  const mob = await mobilisation(tx, user, id, null);
  const [cases] = await queryRows<{ total: number; closed: number }>(tx, sql`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'closed')::int AS closed FROM cases
    WHERE path <@ ${e!.path}::ltree AND created_at >= ${new Date(e!.declared_at)} AND created_at <= ${until}`);
  const byCategory = await queryRows<{ category: string; count: number }>(tx, sql`
    SELECT COALESCE(cc.name_zh, c.category_code) AS category, count(*)::int AS count FROM cases c LEFT JOIN case_categories cc ON cc.code = c.category_code
    WHERE c.path <@ ${e!.path}::ltree AND c.created_at >= ${new Date(e!.declared_at)} AND c.created_at <= ${until}
    GROUP BY 1 ORDER BY 2 DESC LIMIT 20`);
  const resources = await listResources(tx, user, { root: e!.path });
  const photos = await emergencyPhotos(tx, user, id, REVIEW_PHOTO_LIMIT);
  const titles = new Map(directives.map((d) => [d.id, d.title]));
  return {
    emergency,
    timeline: timeline.map((t) => ({ at: iso(t.at)!, kind: t.kind, text: t.text, actor: t.actor_name })),
    directives: directives.map((d) => ({
      id: d.id, title: d.title, issuedAt: iso(d.issued_at)!, dueAt: iso(d.due_at)!, total: d.total, acknowledged: d.ack, executed: d.exec,
      onTime: d.on_time, escalated: d.escalated, medianAckMinutes: d.median_ack == null ? null : Math.round(Number(d.median_ack) * 10) / 10,
    })),
    mobilisation: { called: mob.called, confirmed: mob.confirmed, declined: mob.declined, checkedIn: mob.checkedIn, byKind: mob.byKind },
    cases: { total: num(cases?.total), closed: num(cases?.closed), byCategory },
    resources: resources.items,
    photos: photos.items.map((p) => ({
      id: p.id, directiveId: p.directiveId, directiveTitle: titles.get(p.directiveId) ?? '', gridName: p.gridName, at: p.at, by: p.by, url: p.url, thumbUrl: p.thumbUrl,
    })),
    photoTotal: photos.total,
  };
}

/** The thumbnails (JPEG) of the report's photos, by id, for the exports. */
export async function reviewThumbs(tx: Tx, r: Review): Promise<Map<string, Buffer>> {
  if (!r.photos.length) return new Map();
  const rows = await queryRows<{ id: string; thumb: Buffer }>(tx, sql`
    SELECT id::text, thumb FROM directive_photos WHERE id = ANY(${pgArray(r.photos.map((p) => p.id))}::bigint[])`);
  return new Map(rows.map((x) => [x.id, Buffer.from(x.thumb)]));
}

const photoCaption = (p: Review['photos'][number]) => `${p.gridName} · ${local(p.at)}${p.by ? ` · ${p.by}` : ''}`;

const local = (s: string) => new Date(new Date(s).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The same report as an Excel workbook with Chinese sheet names and headers. */
export async function reviewXlsx(r: Review, thumbs: Map<string, Buffer> = new Map()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'GridGov';
  const e = r.emergency;
  const s1 = wb.addWorksheet('概况');
  s1.columns = [{ header: '项目', key: 'k', width: 18 }, { header: '内容', key: 'v', width: 60 }];
  s1.addRows([
    { k: '事件', v: e.title }, { k: '类型', v: INCIDENT_TYPE_LABELS[e.incidentType].zh }, { k: '级别', v: levelLabel(e.level) },
    { k: '区域', v: e.unitName }, { k: '预案', v: e.planName }, { k: '启动时间', v: local(e.declaredAt) }, { k: '结束时间', v: e.endedAt ? local(e.endedAt) : '进行中' },
    { k: '动员人数', v: r.mobilisation.called }, { k: '到岗人数', v: r.mobilisation.checkedIn }, { k: '期间事项', v: r.cases.total }, { k: '已办结', v: r.cases.closed },
  ]);
  const s2 = wb.addWorksheet('时间线');
  s2.columns = [{ header: '时间', key: 'at', width: 18 }, { header: '事项', key: 'text', width: 70 }, { header: '操作人', key: 'actor', width: 16 }];
  s2.addRows(r.timeline.map((t) => ({ at: local(t.at), text: t.text, actor: t.actor ?? '' })));
  const s3 = wb.addWorksheet('指令执行');
  s3.columns = [
    { header: '指令', key: 'title', width: 30 }, { header: '下达时间', key: 'issued', width: 18 }, { header: '网格数', key: 'total', width: 10 },
    { header: DIRECTIVE_GRID_STATE_LABELS.acknowledged.zh, key: 'ack', width: 10 }, { header: DIRECTIVE_GRID_STATE_LABELS.executed.zh, key: 'exec', width: 10 },
    { header: '按时反馈', key: 'onTime', width: 10 }, { header: '被督办', key: 'esc', width: 10 }, { header: '签收中位用时(分钟)', key: 'median', width: 18 },
  ];
  s3.addRows(r.directives.map((d) => ({ title: d.title, issued: local(d.issuedAt), total: d.total, ack: d.acknowledged, exec: d.executed, onTime: d.onTime, esc: d.escalated, median: d.medianAckMinutes ?? '' })));
  const s4 = wb.addWorksheet('力量动员');
  s4.columns = [{ header: '类别', key: 'kind', width: 16 }, { header: '动员', key: 'called', width: 10 }, { header: '到岗', key: 'in', width: 10 }];
  s4.addRows(r.mobilisation.byKind.map((k) => ({ kind: RESPONDER_KIND_LABELS[k.kind].zh, called: k.called, in: k.checkedIn })));
  const s5 = wb.addWorksheet('事项与物资');
  s5.columns = [{ header: '名称', key: 'name', width: 30 }, { header: '类别', key: 'kind', width: 14 }, { header: '数量/容量', key: 'n', width: 12 }, { header: '占用', key: 'o', width: 10 }];
  s5.addRows(r.cases.byCategory.map((c) => ({ name: c.category, kind: '事项', n: c.count, o: '' })));
  s5.addRows(r.resources.map((x) => ({ name: x.name, kind: RESOURCE_KIND_LABELS[x.kind].zh, n: x.capacity, o: x.occupancy })));
  const s6 = wb.addWorksheet('现场照片');
  s6.columns = [{ header: '指令', key: 'title', width: 30 }, { header: '网格', key: 'grid', width: 20 }, { header: '时间', key: 'at', width: 18 },
    { header: '上报人', key: 'by', width: 14 }, { header: '照片', key: 'photo', width: 24 }];
  r.photos.forEach((p, i) => {
    const row = s6.addRow({ title: p.directiveTitle, grid: p.gridName, at: local(p.at), by: p.by ?? '' });
    const buf = thumbs.get(p.id);
    if (!buf) return;
    row.height = 90;
    // ExcelJS's image buffer type predates Node's generic Buffer.
    const image = wb.addImage({ buffer: buf as unknown as ExcelJS.Buffer, extension: 'jpeg' });
    s6.addImage(image, { tl: { col: 4, row: i + 1 }, ext: { width: 160, height: 118 } });
  });
  if (r.photoTotal > r.photos.length) s6.addRow({ title: `另有 ${r.photoTotal - r.photos.length} 张照片未列出（系统中可查看）` });
  for (const ws of wb.worksheets) ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** PDF through the shared CJK helper (NOT_READY with install advice when the font is missing). */
export async function reviewPdf(r: Review, thumbs: Map<string, Buffer> = new Map()): Promise<Buffer> {
  const e = r.emergency;
  const doc = new PdfWriter(`${e.title} 复盘报告`);
  doc.title(`${e.title} 复盘报告`, `${e.unitName} · ${INCIDENT_TYPE_LABELS[e.incidentType].zh} · ${levelLabel(e.level)} · ${local(e.declaredAt)} – ${e.endedAt ? local(e.endedAt) : '进行中'}`);
  doc.heading('时间线').table([{ header: '时间', width: 110 }, { header: '事项', width: 330 }, { header: '操作人', width: 70 }],
    r.timeline.map((t) => [local(t.at), t.text, t.actor ?? '']));
  doc.heading('指令执行').table([{ header: '指令', width: 200 }, { header: '网格', width: 60, align: 'right' }, { header: '签收', width: 60, align: 'right' },
    { header: '反馈', width: 60, align: 'right' }, { header: '被督办', width: 60, align: 'right' }],
  r.directives.map((d) => [d.title, String(d.total), String(d.acknowledged), String(d.executed), String(d.escalated)]));
  doc.heading('力量动员').para(`动员 ${r.mobilisation.called} 人,确认 ${r.mobilisation.confirmed} 人,到岗 ${r.mobilisation.checkedIn} 人。`);
  doc.heading('期间事项').para(`共 ${r.cases.total} 件,已办结 ${r.cases.closed} 件。`);
  if (r.photos.length) {
    doc.heading('现场照片').images(r.photos.flatMap((p) => {
      const buf = thumbs.get(p.id);
      return buf ? [{ image: buf, caption: `${p.directiveTitle}\n${photoCaption(p)}` }] : [];
    }));
    if (r.photoTotal > r.photos.length) doc.para(`另有 ${r.photoTotal - r.photos.length} 张照片未列出,可在系统中查看。`);
  }
  return doc.toBuffer();
}
