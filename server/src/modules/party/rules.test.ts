import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { monthsBetween } from '@gridgov/common';
import { validIdNumber } from '../people/index.js';
import { parseMembers } from './import.parse.js';
import { nextMoves } from './recruits.service.js';

describe('recruitment next moves', () => {
  it('lists the missing steps and the earliest date of each move', () => {
    expect(nextMoves('activist', { training_course: '2024-01-01' }, { activist: '2024-03-15' })).toEqual([
      { action: 'make_candidate', to: 'candidate', missingSteps: [], earliestOn: '2025-03-15' },
      { action: 'drop', to: 'dropped', missingSteps: [], earliestOn: null },
    ]);
    expect(nextMoves('candidate', { sponsors: '2024-01-01' }, {})[0]!.missingSteps).toEqual(['political_review', 'branch_vote', 'higher_approval']);
    expect(nextMoves('full', {}, {})).toEqual([]);
  });

  it('counts whole months', () => {
    expect(monthsBetween('2024-03-15', '2025-03-14')).toBe(11);
    expect(monthsBetween('2024-03-15', '2025-03-15')).toBe(12);
  });
});

describe('members sheet parsing', () => {
  const sheet = (headers: string[], rows: unknown[][]) => {
    const ws = new ExcelJS.Workbook().addWorksheet('x');
    ws.addRow(headers);
    for (const r of rows) ws.addRow(r);
    return ws;
  };
  it('maps Chinese labels to codes and reports each bad cell by row and header', () => {
    const id = validIdNumber();
    const r = parseMembers(sheet(['姓名', '身份证号', '党组织编码', '党员类别', '党员状态', '入党日期'], [
      ['甲', id, 'ZB1', '流动党员', '预备', '2020/7/1'],
      ['乙', 440705199001011200, 'ZB1', '外星党员', '', '2020-13-01'],
    ]));
    expect(r.rows).toEqual([{ row: 2, name: '甲', idNumber: id, phone: null, orgCode: 'ZB1', memberClass: 'mobile', status: 'probationary', joinedOn: '2020-07-01', gridCode: null, workUnit: null }]);
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([[3, '身份证号'], [3, '党员类别'], [3, '入党日期']]);
  });
  it('refuses a sheet without the required columns', () => {
    const r = parseMembers(sheet(['姓名', '身份证号'], [['甲', validIdNumber()]]));
    expect(r.headerErrors).toBe(true);
    expect(r.errors.map((e) => e.field)).toEqual(['党组织编码', '党员类别']);
  });
});
