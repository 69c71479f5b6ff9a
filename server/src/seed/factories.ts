import { idNumberCheckDigit } from '@gridgov/common';

/**
 * Deterministic helpers for demo people: a seeded PRNG, Chinese names, resident ID numbers and mobile
 * numbers. Used by the data generator (names) and by the seed itself (ID and phone numbers are derived at
 * seed time so no identity number or phone is ever written to a data file in the repository).
 */

export type Rng = () => number;

/** mulberry32: small, fast, good enough for demo data, and identical on every machine. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const randInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
export const chance = (rng: Rng, p: number) => rng() < p;

/** Pick from [value, weight] pairs. */
export function pickWeighted<T>(rng: Rng, xs: readonly (readonly [T, number])[]): T {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  let r = rng() * total;
  for (const [v, w] of xs) {
    r -= w;
    if (r < 0) return v;
  }
  return xs[xs.length - 1]![0];
}

export interface NameParts {
  surnames: [string, number][];
  given: { male: string[]; female: string[]; maleOld: string[]; femaleOld: string[]; child: string[] };
}

/** A realistic Chinese name: weighted surname, one or two given-name characters chosen by gender and era. */
export function personName(rng: Rng, parts: NameParts, gender: 'male' | 'female', birthYear: number, surname?: string): string {
  const s = surname ?? pickWeighted(rng, parts.surnames);
  const pool = birthYear < 1960
    ? (gender === 'male' ? parts.given.maleOld : parts.given.femaleOld)
    : birthYear >= 2005 && chance(rng, 0.5) ? parts.given.child
      : gender === 'male' ? parts.given.male : parts.given.female;
  const single = chance(rng, 0.15);
  let given = pick(rng, pool);
  if (!single) {
    let second = pick(rng, pool);
    for (let k = 0; k < 4 && second === given; k++) second = pick(rng, pool);
    given += second;
  }
  return s + given;
}

/**
 * Hands out unique 18-digit resident ID numbers (GB 11643): area prefix + birth date + 3-digit sequence
 * (odd for men, even for women) + check digit. Sequences count up per prefix and birth date.
 */
export class IdNumberIssuer {
  private readonly next = new Map<string, number>();

  issue(prefix: string, birthDate: string, gender: 'male' | 'female'): string {
    const ymd = birthDate.replaceAll('-', '');
    const key = prefix + ymd;
    let n = this.next.get(key) ?? (gender === 'male' ? 11 : 12);
    if ((n % 2 === 1) !== (gender === 'male')) n += 1;
    this.next.set(key, n + 1);
    if (n > 999) throw new Error(`ran out of ID sequences for ${key}`);
    const first17 = prefix + ymd + String(n).padStart(3, '0');
    return first17 + idNumberCheckDigit(first17);
  }
}

const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '182', '183',
  '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '181', '189', '177', '199'];

/** Unique mobile numbers (11 digits) from a seeded PRNG. */
export class MobileIssuer {
  private readonly used = new Set<string>();
  constructor(private readonly rng: Rng) {}

  issue(): string {
    for (;;) {
      const p = pick(this.rng, MOBILE_PREFIXES) + String(Math.floor(this.rng() * 1e8)).padStart(8, '0');
      if (!this.used.has(p)) {
        this.used.add(p);
        return p;
      }
    }
  }
}
