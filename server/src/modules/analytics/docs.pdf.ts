import type { AnnualAssessment, MonthlySheet, QuarterlyBulletin } from '@gridgov/common';
import { BLACK_LIST_BELOW, RED_LIST_MIN } from '@gridgov/common';
import { PdfWriter, type Column } from '../../lib/pdf.js';
import { indicatorCells, indicatorHeaders, num, pct, shanghaiTime, STATE_ZH } from './docs.format.js';

/** The assessment documents as PDF (CJK font embedded by lib/pdf.ts). */

const cols = (headers: string[], widths: number[]): Column[] => headers.map((h, i) => ({ header: h, width: widths[i]!, align: i === 0 ? 'left' : 'center' }));
const sub = (unitName: string, range: string, generatedAt: string) => `${unitName} · ${range} · 生成于 ${shanghaiTime(generatedAt)}`;

export async function monthlyPdf(m: MonthlySheet): Promise<Buffer> {
  const w = new PdfWriter(m.title);
  w.title(m.title, sub(m.unitName, m.month, m.generatedAt));
  w.heading('一、本月指标');
  w.para(`${indicatorHeaders().map((h, i) => `${h} ${indicatorCells(m.indicators)[i]}`).join('；')}；受理 ${m.indicators.casesReceived} 件，结案 ${m.indicators.casesClosed} 件，超期未办结 ${m.indicators.overdueOpen} 件。`);
  w.heading(`二、在办事项汇总（共 ${m.totals.open} 件，超期 ${m.totals.overdue} 件，红灯 ${m.totals.red} 件）`);
  w.table(cols(['单位', '责任主体', '在办', '超期', '红灯', '最长天数'], [0.28, 0.3, 0.1, 0.1, 0.1, 0.12]),
    m.rows.map((r) => [r.unitName, r.ownerName, String(r.open), String(r.overdue), String(r.red), String(r.oldestDays)]));
  w.heading('三、在办明细（每组最久的事项）');
  w.table(cols(['受理编号', '标题', '单位/责任主体', '状态', '办理时限'], [0.18, 0.3, 0.24, 0.12, 0.16]),
    m.rows.flatMap((r) => r.items.map((i) => [i.trackingNo, i.title, `${r.unitName}/${r.ownerName}`, STATE_ZH[i.state] ?? i.state,
      `${shanghaiTime(i.dueAt)}${i.overdue ? '（超期）' : ''}`])));
  return w.toBuffer();
}

export async function quarterlyPdf(q: QuarterlyBulletin): Promise<Buffer> {
  const w = new PdfWriter(q.title);
  w.title(q.title, sub(q.unitName, `${q.from} 至 ${q.to}`, q.generatedAt));
  w.heading('一、总体情况');
  w.para(`本季度受理 ${q.indicators.casesReceived} 件，结案 ${q.indicators.casesClosed} 件；响应率 ${pct(q.indicators.responseRate)}，解决率 ${pct(q.indicators.resolutionRate)}，满意率 ${pct(q.indicators.satisfactionRate)}，按时办结率 ${pct(q.indicators.onTimeHandlingRate)}。`);
  w.heading('二、街道排名');
  w.table(cols(['排名', '单位', ...indicatorHeaders(), '综合得分'], [0.08, 0.26, 0.13, 0.13, 0.13, 0.13, 0.14]),
    q.towns.map((t) => [String(t.rank), t.name, ...indicatorCells(t.indicators), num(t.score)]));
  w.bars(q.towns.map((t) => ({ label: t.name, value: t.score })));
  w.heading('三、部门排名（含街道评议）');
  w.table(cols(['排名', '部门', ...indicatorHeaders(), '评议均分', '综合得分'], [0.07, 0.23, 0.12, 0.12, 0.12, 0.12, 0.1, 0.12]),
    q.departments.map((d) => [String(d.rank), d.name, ...indicatorCells(d.indicators), num(d.rating), num(d.score)]));
  w.bars(q.departments.map((d) => ({ label: d.name, value: d.score })), '#2f9e6e');
  w.heading(`四、红榜（得分 ≥ ${RED_LIST_MIN}）`);
  if (q.redList.length) w.table(cols(['类别', '名称', '得分'], [0.2, 0.6, 0.2]), q.redList.map((e) => [e.kind === 'town' ? '街道' : '部门', e.name, num(e.score)]));
  else w.para('本季度无。');
  w.heading(`五、黑榜（得分 < ${BLACK_LIST_BELOW}）`);
  if (q.blackList.length) w.table(cols(['类别', '名称', '得分'], [0.2, 0.6, 0.2]), q.blackList.map((e) => [e.kind === 'town' ? '街道' : '部门', e.name, num(e.score)]));
  else w.para('本季度无。');
  return w.toBuffer();
}

export async function annualPdf(a: AnnualAssessment): Promise<Buffer> {
  const w = new PdfWriter(a.title);
  const wt = a.weights;
  w.title(a.title, sub(a.unitName, `${a.from} 至 ${a.to}`, a.generatedAt));
  w.para(`权重：治理工作占街道年度考核 ${wt.streetShare * 100}%，占部门年度考核 ${wt.departmentShare * 100}%；部门治理得分中街道评议占 ${wt.departmentRatingWeight * 100}%。`);
  w.heading('一、街道');
  w.table(cols(['排名', '街道', ...indicatorHeaders(), '治理得分', '计入考核'], [0.07, 0.23, 0.12, 0.12, 0.12, 0.12, 0.11, 0.11]),
    a.streets.map((s) => [String(s.rank), s.name, ...indicatorCells(s.indicators), num(s.score), num(s.weighted)]));
  w.heading('二、部门');
  w.table(cols(['排名', '部门', '指标得分', '评议均分', '治理得分', '计入考核'], [0.08, 0.32, 0.15, 0.15, 0.15, 0.15]),
    a.departments.map((d) => [String(d.rank), d.name, num(d.indicatorScore), num(d.rating), num(d.score), num(d.weighted)]));
  return w.toBuffer();
}
