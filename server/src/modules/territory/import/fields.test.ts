import { describe, expect, it } from 'vitest';
import { fieldFor, isGridCode, parseDedicatedType, parseKind, pickFields } from './fields.js';
import { mapHeader } from './attributes.service.js';
import { dbfEncoding, encodingFromCpg } from './read-shapefile.js';
import { encodeText, writeDbf } from '../../../../test/fixtures/import/shapefile.js';

describe('attribute names', () => {
  it('maps Chinese and English names', () => {
    expect(fieldFor('网格编码')).toBe('code');
    expect(fieldFor('Grid_Code')).toBe('code');
    expect(fieldFor('网格名称')).toBe('name');
    expect(fieldFor('网格类型')).toBe('gridType');
    expect(fieldFor('TYPE')).toBe('gridType');
    expect(fieldFor('人口数')).toBe('population');
    expect(fieldFor('工作重点')).toBe('keyWork');
    expect(fieldFor('隐患风险')).toBe('risks');
    expect(fieldFor('备注')).toBeNull();
  });

  it('matches DBF names cut at 10 bytes by unambiguous prefix', () => {
    expect(fieldFor('网格编\uFFFD')).toBe('code');
    expect(fieldFor('人口特\uFFFD')).toBe('traits');
    expect(fieldFor('网格\uFFFD')).toBeNull(); // 网格编码, 网格名称, 网格类型 … ambiguous
  });

  it('reads kinds and dedicated types in either language', () => {
    expect(parseKind('专属网格')).toBe('dedicated');
    expect(parseKind('Basic')).toBe('basic');
    expect(parseKind('other')).toBeNull();
    expect(parseKind('')).toBeUndefined();
    expect(parseDedicatedType('学校')).toBe('school');
    expect(parseDedicatedType('zoo')).toBeNull();
  });

  it('keeps the first of repeated fields and numeric codes as digits', () => {
    expect(pickFields({ code: 940001001001001, 网格编码: 'x' })).toEqual({ code: 940001001001001 });
    expect(isGridCode('940001001001001')).toBe(true);
    expect(isGridCode('940001001001000')).toBe(false);
    expect(isGridCode('94000100100100')).toBe(false);
  });
});

describe('Excel header mapping', () => {
  it('maps known columns, ignores unknown ones, tolerates our own export columns, flags repeats', () => {
    const h = mapHeader([
      { col: 1, value: '网格编码' }, { col: 2, value: '网格名称' }, { col: 3, value: '所属社区' }, { col: 4, value: '备注' },
      { col: 5, value: '人口数' }, { col: 6, value: 'population' },
    ], 1);
    expect(h.hasCode).toBe(true);
    expect([...h.columns.entries()]).toEqual([[1, 'code'], [2, 'name'], [5, 'population']]);
    expect(h.ignored).toEqual(['备注']);
    expect(h.errors).toEqual([{ row: 1, field: 'population', message: 'column "population" repeats "人口数"' }]);
  });
});

describe('DBF encoding', () => {
  it('honours .cpg labels', () => {
    expect(encodingFromCpg('UTF-8\r\n')).toBe('utf-8');
    expect(encodingFromCpg('GBK')).toBe('gb18030');
    expect(encodingFromCpg('936')).toBe('gb18030');
    expect(() => encodingFromCpg('EBCDIC')).toThrow(/not supported/);
  });

  it('detects UTF-8, tolerating names cut mid-character, and falls back to GB18030', () => {
    const rows = [{ 网格编码: '940001001001001', 网格名称: '城西第一网格' }];
    expect(dbfEncoding(writeDbf(rows, 'utf-8'))).toBe('utf-8');
    expect(dbfEncoding(writeDbf(rows, 'gb18030'))).toBe('gb18030');
    expect(dbfEncoding(writeDbf(rows, 'gb18030'), 'UTF-8')).toBe('utf-8'); // the .cpg wins
    expect(encodeText('网', 'gb18030').toString('hex')).toBe('cdf8');
  });
});
