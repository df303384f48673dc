/**
 * Passwords the administrator hands to a person (a new account, a reset): random, from the
 * browser's cryptographic generator, typed easily from a note. The rules are the server's
 * (server/src/security/passwords.ts), repeated so that the page can say them up front.
 */

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** No 0/O, 1/l/I: read aloud or copied from paper without mistakes. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Four groups of four characters, e.g. `k7qp-m3xd-9vrt-h2wc` (about 79 bits), never containing `username`. */
export function generatePassword(username: string): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    // 248 = 8 × 31: bytes from 248 up would favour the first characters, so draw again.
    if (bytes.some((b) => b >= 248)) continue;
    const characters = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    const password = characters.match(/.{4}/g)!.join('-');
    if (passwordProblem(username, password) === null) return password;
  }
}

/** Why `password` may not be used by `username`, as the server would say it, or null. */
export function passwordProblem(username: string, password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (username !== '' && password.toLowerCase().includes(username.toLowerCase())) return 'The password must not contain the username.';
  return null;
}
