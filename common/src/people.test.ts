import { describe, expect, it } from 'vitest';
import { birthDateFromIdNumber, genderFromIdNumber, normaliseIdNumber, normalisePhone } from './people.js';
import { maskName } from './mask.js';

describe('what an ID number says about its holder', () => {
  it('reads the birth date and refuses impossible dates', () => {
    expect(birthDateFromIdNumber('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdNumber('110105194902300020')).toBeNull(); // 30 February
    expect(birthDateFromIdNumber('abc')).toBeNull();
  });
  it('reads the gender from the 17th digit', () => {
    expect(genderFromIdNumber('11010519491231002X')).toBe('female');
    expect(genderFromIdNumber('110105194912310018')).toBe('male');
  });
});

describe('normalising numbers before indexing', () => {
  it('drops spaces, dashes and the +86 prefix of a mobile', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('8613812345678')).toBe('13812345678');
    expect(normalisePhone('0750-1234567')).toBe('07501234567');
  });
  it('upper-cases the X check digit', () => {
    expect(normaliseIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });
});

describe('maskName', () => {
  it('keeps the family name (and the last character of longer names), hides the rest', () => {
    expect([maskName('王水上'), maskName('张三'), maskName('欧阳小明'), maskName('李'), maskName(null), maskName('')]).toEqual(['王*上', '张*', '欧**明', '李', null, null]);
  });
});
