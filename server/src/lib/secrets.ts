import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The 32-byte master key for personal data: GRIDGOV_SECRET_KEY if set, else generated once into
 * DATA_DIR/secret.key with mode 600. Encryption and blind-index keys are derived from it with HKDF.
 */
export function loadMasterKey(cfg: { GRIDGOV_SECRET_KEY?: string; dataDir: string }): Buffer {
  if (cfg.GRIDGOV_SECRET_KEY) return Buffer.from(cfg.GRIDGOV_SECRET_KEY, 'hex');
  const file = path.join(cfg.dataDir, 'secret.key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}

export class Crypto {
  private readonly encKey: Buffer;
  private readonly idxKey: Buffer;

  constructor(master: Buffer) {
    this.encKey = Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'gridgov-pii-enc', 32));
    this.idxKey = Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), 'gridgov-pii-bidx', 32));
  }

  /** AES-256-GCM; output is base64(iv 12 | tag 16 | ciphertext). */
  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  decrypt(token: string): string {
    const raw = Buffer.from(token, 'base64');
    const d = crypto.createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  }

  /** Deterministic HMAC so equal values can be found without decrypting. */
  blindIndex(value: string): string {
    return crypto.createHmac('sha256', this.idxKey).update(value.trim().toUpperCase()).digest('base64url');
  }
}
