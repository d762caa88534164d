import { ClienteleError } from '../errors/index.js';
import { fieldCrypto, personalKey } from '../privacy/fields.js';
import type { Warehouse } from '../store/index.js';
import type { SegmentNode } from './nodes.js';

/**
 * Refuses a rule that compares a personal field of an encrypted database (`email ends with "@gmail.com"`):
 * the engine holds only ciphertext there, so the rule would select nobody, silently. Testing for a missing
 * value (`email is null`) still works.
 */
export async function refuseSealedFields(db: Warehouse, node: SegmentNode): Promise<void> {
  if (!(await fieldCrypto(db))) return;
  const stack: SegmentNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    switch (n.kind) {
      case 'and':
      case 'or':
        stack.push(...n.children);
        break;
      case 'not':
        stack.push(n.child);
        break;
      case 'compare': {
        const name = n.field.replace(/^traits\./, '');
        if (personalKey(name) && n.op !== 'is_null' && n.op !== 'is_not_null') {
          throw new ClienteleError(
            'CLT_ERR_PRIVACY_ENCRYPTED_FIELD',
            `${n.field} is stored encrypted in this database, so a rule cannot compare it (${n.op}); only "${n.field} is null" and "is not null" work on it`,
            { field: n.field },
          );
        }
        break;
      }
      default:
        break;
    }
  }
}
