import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
export const hashPassword = (plain: string) => hash(plain);
export const verifyPassword = (stored: string, plain: string) => verify(stored, plain).catch(() => false);

export const passwordSchemaMessage = 'Password must be at least 8 characters and contain letters and digits';
export function passwordProblem(p: string): string | null {
  return p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p) ? null : passwordSchemaMessage;
}
