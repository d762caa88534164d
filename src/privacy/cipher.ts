import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { InstanceKey } from './key.js';

// `enc1:` + base64(12-byte IV ‖ 16-byte GCM tag ‖ ciphertext): text, so it fits the VARCHAR columns as they are.
const PREFIX = 'enc1:';

/**
 * Encrypts one personal field with AES-256-GCM under the instance key's data key (NIST SP 800-38D; a fresh
 * 96-bit IV each time). `context` (e.g. `customers.email`) is bound as additional data, so a value moved
 * to another column does not decrypt.
 */
export function encryptField(key: InstanceKey, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.data, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** Whether a stored value is an encrypted field. */
export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** Decrypts a field written by `encryptField`; throws when the key, the context or the bytes are not the ones it was written with. */
export function decryptField(key: InstanceKey, stored: string, context: string): string {
  if (!isEncrypted(stored)) throw new Error(`not an encrypted field: ${stored.slice(0, 8)}…`);
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  if (raw.length < 28) throw new Error('encrypted field too short');
  const decipher = createDecipheriv('aes-256-gcm', key.data, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
