import { describe, expect, it } from 'vitest';
import { Crypto } from '../../lib/secrets.js';
import { scrubPii } from '../../lib/log.js';
import { hasLongDigitRun, idNumberProblem, phoneProblem, piiColumns, reconcileWithIdNumber } from './pii.js';
import { validIdNumber } from './people.factory.js';

const crypto = new Crypto(Buffer.alloc(32, 7));

describe('personal number columns', () => {
  it('stores ciphertext, a blind index and the masked form, never the clear value', () => {
    const c = piiColumns(crypto, { idNumber: '11010519491231002x', phone: '+86 138-1234-5678' });
    expect(c.idMasked).toBe('110105********002X');
    expect(c.phoneMasked).toBe('138****5678');
    expect(crypto.decrypt(c.idEnc!)).toBe('11010519491231002X');
    expect(crypto.decrypt(c.phoneEnc!)).toBe('13812345678');
    expect(c.idBidx).toBe(crypto.blindIndex('11010519491231002X'));
    expect(c.phoneBidx).toBe(crypto.blindIndex('13812345678'));
    expect(JSON.stringify([c.idEnc, c.idBidx, c.phoneEnc, c.phoneBidx])).not.toMatch(/13812345678|11010519491231002/);
  });

  it('leaves absent fields alone and clears null ones', () => {
    expect(piiColumns(crypto, {})).toEqual({});
    expect(piiColumns(crypto, { phone: null })).toEqual({ phoneEnc: null, phoneBidx: null, phoneMasked: null });
  });
});

describe('validation messages never echo the number', () => {
  it('explains what is wrong with an ID number', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('110105194912310021')).toMatch(/check digit/);
    expect(idNumberProblem('1101051949123100')).toMatch(/18 characters/);
    const badDate = '110105194913310020';
    expect(idNumberProblem(badDate)).toMatch(/birth date/);
    for (const v of ['110105194912310021', '1101051949123100', badDate]) expect(idNumberProblem(v)).not.toContain(v);
    expect(phoneProblem('138 1234 5678')).toBeNull();
    expect(phoneProblem('12812345678')).toMatch(/mobile/);
  });

  it('derives birth date and gender from the ID and refuses contradictions', () => {
    const id = validIdNumber({ birth: '19851203', gender: 'female' });
    expect(reconcileWithIdNumber(id, {})).toEqual({ birthDate: '1985-12-03', gender: 'female' });
    expect(reconcileWithIdNumber(id, { gender: 'male' }).problem?.field).toBe('gender');
    expect(reconcileWithIdNumber(id, { birthDate: '1985-12-04' }).problem?.field).toBe('birthDate');
    expect(reconcileWithIdNumber(null, { gender: 'male' })).toEqual({ gender: 'male' });
  });

  it('spots digit runs that belong in a POST body, not a URL', () => {
    expect(hasLongDigitRun('1381234')).toBe(true);
    expect(hasLongDigitRun('江海路12号')).toBe(false);
  });
});

describe('log scrubbing', () => {
  it('masks mobiles and ID numbers in URLs but leaves ids and unit codes', () => {
    expect(scrubPii('/api/people/persons?q=13812345678&limit=5')).toBe('/api/people/persons?q=138****5678&limit=5');
    expect(scrubPii('/x?id=11010519491231002X')).toBe('/x?id=110105********002X');
    expect(scrubPii('/api/territory/units/440705001001')).toBe('/api/territory/units/440705001001');
    expect(scrubPii('/api/people/persons/12345')).toBe('/api/people/persons/12345');
  });
});
