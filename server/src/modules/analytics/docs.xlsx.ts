import ExcelJS from 'exceljs';
import type { AnnualAssessment, MonthlySheet, QuarterlyBulletin } from '@gridgov/common';
import { indicatorCells, indicatorHeaders, num, shanghaiTime, STATE_ZH } from './docs.format.js';

/** The assessment documents as Excel workbooks with Chinese headers (one sheet per table). */

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headers: string[], rows: (string | number)[][]) {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, Math.max(1, headers.length));
  const h = ws.addRow(headers);
  h.font = { bold: true };
  h.eachCell((c) => { c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }; });
  for (const r of rows) ws.addRow(r);
  headers.forEach((hd, i) => { ws.getColumn(i + 1).width = Math.max(10, Math.min(40, hd.length * 2 + 4)); });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return ws;
}

async function done(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function monthlyXlsx(m: MonthlySheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheet(wb, '调度汇总', m.title, ['单位', '责任主体', '在办件数', '超期件数', '红灯件数', '最长在办天数'],
    m.rows.map((r) => [r.unitName, r.ownerName, r.open, r.overdue, r.red, r.oldestDays]));
  sheet(wb, '在办明细', `${m.title}（明细）`, ['单位', '责任主体', '受理编号', '标题', '状态', '登记时间', '办理时限', '是否超期'],
    m.rows.flatMap((r) => r.items.map((i) => [r.unitName, r.ownerName, i.trackingNo, i.title, STATE_ZH[i.state] ?? i.state,
      shanghaiTime(i.createdAt), shanghaiTime(i.dueAt), i.overdue ? '是' : '否'])));
  return done(wb);
}

export async function quarterlyXlsx(q: QuarterlyBulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  sheet(wb, '街道排名', q.title, ['排名', '单位', ...indicatorHeaders(), '受理件数', '综合得分'],
    q.towns.map((t) => [t.rank, t.name, ...indicatorCells(t.indicators), t.indicators.casesReceived, num(t.score)]));
  sheet(wb, '部门排名', `${q.title}（部门）`, ['排名', '部门', ...indicatorHeaders(), '街道评议均分', '评议次数', '综合得分'],
    q.departments.map((d) => [d.rank, d.name, ...indicatorCells(d.indicators), num(d.rating), d.ratingCount, num(d.score)]));
  sheet(wb, '红黑榜', `${q.title}（红黑榜）`, ['榜单', '类别', '名称', '得分', '说明'], [
    ...q.redList.map((e) => ['红榜', e.kind === 'town' ? '街道' : '部门', e.name, e.score, e.zh]),
    ...q.blackList.map((e) => ['黑榜', e.kind === 'town' ? '街道' : '部门', e.name, e.score, e.zh]),
  ]);
  return done(wb);
}

export async function annualXlsx(a: AnnualAssessment): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const w = a.weights;
  sheet(wb, '街道考核', a.title, ['排名', '街道', ...indicatorHeaders(), '治理得分', `计入年度考核（×${w.streetShare * 100}%）`],
    a.streets.map((s) => [s.rank, s.name, ...indicatorCells(s.indicators), num(s.score), num(s.weighted)]));
  sheet(wb, '部门考核', `${a.title}（部门）`, ['排名', '部门', ...indicatorHeaders(), '指标得分', '街道评议均分', '治理得分', `计入年度考核（×${w.departmentShare * 100}%）`],
    a.departments.map((d) => [d.rank, d.name, ...indicatorCells(d.indicators), num(d.indicatorScore), num(d.rating), num(d.score), num(d.weighted)]));
  sheet(wb, '权重', `${a.title}（权重）`, ['项目', '权重'], [
    ['街道年度考核中治理占比', w.streetShare], ['部门年度考核中治理占比', w.departmentShare],
    ['响应率', w.indicatorWeights.responseRate], ['解决率', w.indicatorWeights.resolutionRate],
    ['满意率', w.indicatorWeights.satisfactionRate], ['按时办结率', w.indicatorWeights.onTimeHandlingRate],
    ['部门得分中街道评议占比', w.departmentRatingWeight],
  ]);
  return done(wb);
}
