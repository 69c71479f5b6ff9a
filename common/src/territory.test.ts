import { describe, expect, it } from 'vitest';
import { codeProblem } from './territory.js';
import { can } from './roles.js';
import { idNumberCheckDigit, isValidIdNumber, maskIdNumber, maskPhone } from './mask.js';

describe('unit codes', () => {
  it('accepts a 12-digit community code under its town', () => {
    expect(codeProblem('community', '440705001001', '440705001000')).toBeNull();
  });
  it('requires 15 digits for a grid and its community prefix', () => {
    expect(codeProblem('grid', '44070500100101', '440705001001')).toMatch(/15 digits/);
    expect(codeProblem('grid', '440705001002001', '440705001001')).toMatch(/parent/);
    expect(codeProblem('grid', '440705001001001', '440705001001')).toBeNull();
  });
  it('rejects non-digits', () => {
    expect(codeProblem('town', '44070500100A', undefined)).toMatch(/digits only/);
  });
});

describe('masking', () => {
  it('masks ID numbers and phones as the UI shows them', () => {
    expect(maskIdNumber('440705199001011234')).toBe('440705********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('computes the GB 11643 check digit', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies by default', () => {
    expect(can('grid_worker', 'residents.unmask')).toBe(false);
    expect(can('resident', 'territory.read')).toBe(false);
    expect(can('admin', 'users.manage')).toBe(true);
  });
});
