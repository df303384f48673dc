import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataCipher, DataCipherError, LOCAL_DATA_KEY_FILE, dataCipherFor } from './data-cipher';

const key = (id: string, byte: number) => ({ id, key: Buffer.alloc(32, byte) });
const OLD = key('old', 1);
const NEW = key('new', 2);

describe('DataCipher', () => {
  it('given a value, when it is encrypted and decrypted, then the same JSON value comes back and the stored form shows none of it', () => {
    const cipher = new DataCipher([OLD]);
    const value = { notes: 'He has a knife', count: 3, nested: [true, null] };

    const sealed = cipher.encrypt(value, 'variable:1');

    expect(Object.keys(sealed).sort()).toEqual(['$enc', 'ct', 'iv', 'kid', 'tag']);
    expect(sealed).toMatchObject({ $enc: 'v1', kid: 'old' });
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(JSON.stringify(sealed)).not.toContain('knife');
    expect(cipher.decrypt(sealed, 'variable:1')).toEqual(value);
  });

  it('given the same value twice, when it is encrypted, then each ciphertext has its own IV', () => {
    const cipher = new DataCipher([OLD]);

    const a = cipher.encrypt('same');
    const b = cipher.encrypt('same');

    expect(a.iv).not.toBe(b.iv);
    expect(a.ct).not.toBe(b.ct);
    expect([cipher.decrypt(a), cipher.decrypt(b)]).toEqual(['same', 'same']);
  });

  it('given null and strings, when they round-trip, then they keep their JSON type', () => {
    const cipher = new DataCipher([OLD]);

    expect(cipher.decrypt(cipher.encrypt(null))).toBeNull();
    expect(cipher.decrypt(cipher.encrypt(undefined))).toBeNull();
    expect(cipher.decrypt(cipher.encrypt('12'))).toBe('12');
    expect(cipher.decrypt(cipher.encrypt(12))).toBe(12);
  });

  it('given a rotation to a new key, when old and new values are read, then both decrypt and new values use the new key id', () => {
    const before = new DataCipher([OLD]);
    const stored = before.encrypt('written before the rotation');
    const after = new DataCipher([OLD, NEW], 'new');

    const written = after.encrypt('written after the rotation');

    expect(after.activeKeyId).toBe('new');
    expect(written.kid).toBe('new');
    expect(after.decrypt(stored)).toBe('written before the rotation');
    expect(after.decrypt(written)).toBe('written after the rotation');
  });

  it('given several keys and no active key id, when a value is encrypted, then the last key is used', () => {
    expect(new DataCipher([OLD, NEW]).encrypt('x').kid).toBe('new');
  });

  it('given a value of a key that is no longer configured, when it is decrypted, then a clear error names the key only', () => {
    const stored = new DataCipher([OLD]).encrypt('secret words');

    const read = () => new DataCipher([NEW]).decrypt(stored);

    expect(read).toThrow(DataCipherError);
    expect(read).toThrow("data key 'old', which is not configured");
    expect(read).not.toThrow(/secret/);
  });

  it.each([
    ['ciphertext', (s: Record<string, string>) => ({ ...s, ct: flip(s.ct) })],
    ['tag', (s: Record<string, string>) => ({ ...s, tag: flip(s.tag) })],
    ['IV', (s: Record<string, string>) => ({ ...s, iv: flip(s.iv) })],
    ['key id', (s: Record<string, string>) => ({ ...s, kid: 'new' })],
  ])('given a stored value whose %s was altered, when it is decrypted, then it fails authentication', (_, alter) => {
    const cipher = new DataCipher([OLD, NEW], 'old');
    const tampered = alter(cipher.encrypt('secret words') as unknown as Record<string, string>);

    const read = () => cipher.decrypt(tampered);

    expect(read).toThrow(DataCipherError);
    expect(read).toThrow('failed authentication');
    expect(read).not.toThrow(/secret/);
  });

  it('given a value encrypted for one row, when it is decrypted for another, then it fails authentication', () => {
    const cipher = new DataCipher([OLD]);
    const sealed = cipher.encrypt('secret words', 'cmg/variable-1');

    expect(() => cipher.decrypt(sealed, 'tai-calon/variable-1')).toThrow('failed authentication');
  });

  it('given no keys, when a value is encrypted or decrypted, then it refuses', () => {
    const sealed = new DataCipher([OLD]).encrypt('x');

    expect(() => DataCipher.none().encrypt('x')).toThrow('no data key is configured');
    expect(() => DataCipher.none().decrypt(sealed)).toThrow("data key 'old'");
  });

  it('given bad keys, when the cipher is built, then it says which key is wrong', () => {
    expect(() => new DataCipher([{ id: 'short', key: Buffer.alloc(16) }])).toThrow("Data key 'short' must be 32 bytes");
    expect(() => new DataCipher([OLD, OLD])).toThrow("Data key 'old' is configured twice");
    expect(() => new DataCipher([OLD], 'gone')).toThrow("active data key 'gone'");
  });

  it('recognises only the stored form as sealed', () => {
    expect(DataCipher.isSealed(new DataCipher([OLD]).encrypt(1))).toBe(true);
    expect(DataCipher.isSealed({ $enc: 'v1', kid: 'old' })).toBe(false);
    expect(DataCipher.isSealed('{"$enc":"v1"}')).toBe(false);
    expect(DataCipher.isSealed(null)).toBe(false);
  });
});

describe('dataCipherFor', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'safepath-data-key-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('given DATA_KEYS, when the cipher is built, then it uses them with DATA_KEY_ID active', async () => {
    const cipher = await dataCipherFor({ dataKeys: [OLD, NEW], dataKeyId: 'old', dataDir: dir, nodeEnv: 'production' });

    expect(cipher.activeKeyId).toBe('old');
  });

  it('given no DATA_KEYS outside production, when the cipher is built twice, then one generated key is kept in DATA_DIR', async () => {
    const dataDir = join(dir, 'data');

    const first = await dataCipherFor({ dataKeys: [], dataDir, nodeEnv: 'development' });
    const second = await dataCipherFor({ dataKeys: [], dataDir, nodeEnv: 'development' });

    expect(first.activeKeyId).toBe('local');
    expect(second.decrypt(first.encrypt('kept'))).toBe('kept');
    expect((await stat(join(dataDir, LOCAL_DATA_KEY_FILE))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dataDir, LOCAL_DATA_KEY_FILE), 'utf8')).toMatch(/^local:[A-Za-z0-9+/]{43}=\n$/);
  });

  it('given no DATA_KEYS in production, when the cipher is built, then it refuses', async () => {
    await expect(dataCipherFor({ dataKeys: [], dataDir: dir, nodeEnv: 'production' })).rejects.toThrow('DATA_KEYS is required');
  });
});

/** Changes the first byte of a base64 string. */
function flip(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] ^= 0xff;
  return bytes.toString('base64');
}
