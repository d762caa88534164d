import { hash, verify } from '@node-rs/argon2';
import { ClienteleError } from '../errors/index.js';

/** Shortest password accepted (NIST SP 800-63B asks for at least 8; we ask for more, no other rules). */
export const MIN_PASSWORD_LENGTH = 12;

// OWASP's password-storage cheat sheet: argon2id, 19 MiB, 2 iterations, 1 lane is its minimum setting.
// The package's `Algorithm` is a const enum, which verbatimModuleSyntax cannot read: 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The argon2id hash of `password` (PHC string, salt included), after checking its length. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ClienteleError(
      'CLT_ERR_USER_PASSWORD',
      `the password is ${password.length} characters long; use at least ${MIN_PASSWORD_LENGTH}`,
    );
  }
  return hash(password, OPTIONS);
}

/** Whether `password` matches `stored`; a malformed hash is a mismatch, never a throw. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
