import {
  birthDateFromIdNumber, genderFromIdNumber, isValidIdNumber, isValidMobile, maskIdNumber, maskPhone,
  normaliseIdNumber, normalisePhone, type Gender,
} from '@gridgov/common';
import type { Crypto } from '../../lib/secrets.js';

/**
 * Personal numbers never reach SQL in clear: the database only ever sees ciphertext, the HMAC blind index
 * and the masked form. So even a logged failing query cannot leak them.
 */
export interface PiiColumns {
  idEnc: string | null;
  idBidx: string | null;
  idMasked: string | null;
  phoneEnc: string | null;
  phoneBidx: string | null;
  phoneMasked: string | null;
}

/** Columns for the fields present in `input` (undefined = leave unchanged, null = clear). */
export function piiColumns(crypto: Crypto, input: { idNumber?: string | null; phone?: string | null }): Partial<PiiColumns> {
  const out: Partial<PiiColumns> = {};
  if (input.idNumber !== undefined) {
    const v = input.idNumber === null ? null : normaliseIdNumber(input.idNumber);
    out.idEnc = v ? crypto.encrypt(v) : null;
    out.idBidx = v ? crypto.blindIndex(v) : null;
    out.idMasked = v ? maskIdNumber(v) : null;
  }
  if (input.phone !== undefined) {
    const v = input.phone === null ? null : normalisePhone(input.phone);
    out.phoneEnc = v ? crypto.encrypt(v) : null;
    out.phoneBidx = v ? crypto.blindIndex(v) : null;
    out.phoneMasked = v ? maskPhone(v) : null;
  }
  return out;
}

export const idBlindIndex = (crypto: Crypto, idNumber: string) => crypto.blindIndex(normaliseIdNumber(idNumber));
export const phoneBlindIndex = (crypto: Crypto, phone: string) => crypto.blindIndex(normalisePhone(phone));

/** Problems with an ID number, phrased without echoing the number (messages may end up in logs). */
export function idNumberProblem(idNumber: string): string | null {
  const v = normaliseIdNumber(idNumber);
  if (!/^\d{17}[\dX]$/.test(v)) return 'ID number must be 18 characters: 17 digits and a digit or X';
  if (!birthDateFromIdNumber(v)) return 'ID number does not contain a valid birth date';
  if (!isValidIdNumber(v)) return 'ID number check digit is wrong (GB 11643)';
  return null;
}

export function phoneProblem(phone: string): string | null {
  return isValidMobile(normalisePhone(phone)) ? null : 'phone must be an 11-digit mainland mobile number starting with 1';
}

/**
 * Birth date and gender are written in the ID number; data is entered once (一表通), so missing values are
 * filled from it and contradicting ones are refused rather than stored twice differently.
 */
export function reconcileWithIdNumber(
  idNumber: string | null | undefined,
  given: { birthDate?: string | null; gender?: Gender | null },
): { birthDate?: string | null; gender?: Gender | null; problem?: { field: 'birthDate' | 'gender'; message: string } } {
  if (!idNumber) return given;
  const v = normaliseIdNumber(idNumber);
  const birth = birthDateFromIdNumber(v);
  const gender = genderFromIdNumber(v);
  if (given.birthDate && birth && given.birthDate !== birth) {
    return { ...given, problem: { field: 'birthDate', message: 'birth date differs from the one in the ID number' } };
  }
  if (given.gender && gender && given.gender !== gender) {
    return { ...given, problem: { field: 'gender', message: 'gender differs from the one in the ID number' } };
  }
  return { birthDate: given.birthDate ?? birth, gender: given.gender ?? gender };
}

/** Seven or more digits in a row: part of an ID or phone number, which must never travel in a URL. */
export const hasLongDigitRun = (text: string) => /\d{7,}/.test(text);
