/**
 * Encryption at rest of sensitive case data (AES-256-GCM).
 *
 * A value is serialised as JSON and encrypted with the active data key under a fresh random
 * 12-byte IV. The stored form names the key it was encrypted with, so that after a rotation
 * (a new key becomes active, the old ones stay configured) old values still decrypt and new ones
 * use the new key:
 *
 *   {"$enc":"v1","kid":"2026-01","iv":"<base64>","tag":"<base64>","ct":"<base64>"}
 *
 * The authentication tag covers the ciphertext, the key id and a caller-given context (e.g. the
 * row the value belongs to), so a tampered value, or one copied into another row, fails to
 * decrypt instead of yielding wrong data. Errors never contain the data.
 *
 * Keys come from DATA_KEYS / DATA_KEY_ID (see `AppConfig`); without them, outside production,
 * {@link dataCipherFor} keeps one generated key in DATA_DIR (see docs/encryption.md).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';

/** One AES-256 key and the id stored with every value it encrypts. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** How an encrypted value is stored (in a jsonb column). */
export interface SealedValue {
  $enc: 'v1';
  /** The id of the key that encrypted the value. */
  kid: string;
  iv: string;
  tag: string;
  ct: string;
}

/** A value could not be encrypted or decrypted. The message names keys, never data. */
export class DataCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataCipherError';
  }
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Encrypts and decrypts single values with the configured data keys. */
export class DataCipher {
  private readonly keys = new Map<string, Buffer>();
  /** The key new values are encrypted with; null when no key is configured. */
  readonly activeKeyId: string | null;

  /**
   * @param keys every key that may have encrypted stored values (ids unique, 32-byte keys)
   * @param activeKeyId the key for new values; default: the last of `keys`
   */
  constructor(keys: readonly DataKey[], activeKeyId?: string) {
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new DataCipherError('A data key id must be 1-32 letters, digits, - or _');
      if (key.length !== 32) throw new DataCipherError(`Data key '${id}' must be 32 bytes (AES-256)`);
      if (this.keys.has(id)) throw new DataCipherError(`Data key '${id}' is configured twice`);
      this.keys.set(id, key);
    }
    if (activeKeyId !== undefined && !this.keys.has(activeKeyId)) {
      throw new DataCipherError(`The active data key '${activeKeyId}' is not one of the configured keys`);
    }
    this.activeKeyId = activeKeyId ?? keys.at(-1)?.id ?? null;
  }

  /** A cipher without keys: every encrypt and decrypt fails (stores built without configuration). */
  static none(): DataCipher {
    return new DataCipher([]);
  }

  /** Whether `value` is the stored form of an encrypted value. */
  static isSealed(value: unknown): value is SealedValue {
    if (typeof value !== 'object' || value === null) return false;
    const v = value as Record<string, unknown>;
    return v.$enc === 'v1' && typeof v.kid === 'string' && typeof v.iv === 'string' && typeof v.tag === 'string' && typeof v.ct === 'string';
  }

  /** Encrypts the JSON of `value` with the active key; `context` must be given again to decrypt. */
  encrypt(value: unknown, context = ''): SealedValue {
    const kid = this.activeKeyId;
    if (kid === null) throw new DataCipherError('Sensitive data cannot be stored: no data key is configured (DATA_KEYS)');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(kid)!, iv);
    cipher.setAAD(additionalData(kid, context));
    const ct = Buffer.concat([cipher.update(JSON.stringify(value ?? null), 'utf8'), cipher.final()]);
    return { $enc: 'v1', kid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ct: ct.toString('base64') };
  }

  /** The value `encrypt` was given; throws when the key is unknown or the value was altered. */
  decrypt(sealed: unknown, context = ''): unknown {
    if (!DataCipher.isSealed(sealed)) throw new DataCipherError('A sensitive value is not in the encrypted form');
    const key = this.keys.get(sealed.kid);
    if (key === undefined) {
      throw new DataCipherError(`A sensitive value was encrypted with data key '${sealed.kid}', which is not configured (DATA_KEYS)`);
    }
    let plain: string;
    try {
      const iv = Buffer.from(sealed.iv, 'base64');
      if (iv.length !== IV_BYTES) throw new Error('bad IV');
      const decipher = createDecipheriv(ALGORITHM, key, iv);
      decipher.setAAD(additionalData(sealed.kid, context));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      plain = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      // Node's own message says nothing useful; ours says what it means and shows no data.
      throw new DataCipherError(`A sensitive value encrypted with data key '${sealed.kid}' failed authentication: it was altered or moved`);
    }
    return JSON.parse(plain) as unknown;
  }
}

function additionalData(kid: string, context: string): Buffer {
  return Buffer.from(`safepath:v1:${kid}:${context}`, 'utf8');
}

/** The file under DATA_DIR that keeps the generated key of a development install. */
export const LOCAL_DATA_KEY_FILE = 'data-key';

/**
 * The cipher for the configured keys (DATA_KEYS / DATA_KEY_ID). Without keys, outside production,
 * a key generated once and kept in `DATA_DIR/data-key` (owner-readable only, in the DATA_KEYS
 * format `local:<base64>` so it can be moved into DATA_KEYS later).
 */
export async function dataCipherFor(config: Pick<AppConfig, 'dataKeys' | 'dataKeyId' | 'dataDir' | 'nodeEnv'>): Promise<DataCipher> {
  if (config.dataKeys.length > 0) return new DataCipher(config.dataKeys, config.dataKeyId);
  if (config.nodeEnv === 'production') throw new DataCipherError('DATA_KEYS is required with NODE_ENV=production');
  return new DataCipher([await readOrCreateLocalKey(config.dataDir)]);
}

async function readOrCreateLocalKey(dataDir: string): Promise<DataKey> {
  const file = join(dataDir, LOCAL_DATA_KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  const generated = `local:${randomBytes(32).toString('base64')}\n`;
  try {
    // `wx`: never overwrite a key that exists (two processes booting at once keep the first).
    await writeFile(file, generated, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = (await readFile(file, 'utf8')).trim();
  const colon = text.indexOf(':');
  const key: DataKey = { id: text.slice(0, colon), key: Buffer.from(text.slice(colon + 1), 'base64') };
  if (colon <= 0 || key.key.length !== 32) throw new DataCipherError(`${file} does not hold a data key (keyId:base64 of 32 bytes)`);
  return key;
}
