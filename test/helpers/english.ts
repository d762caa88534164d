import { en } from '../../src/i18n/en.js';
import { WARNING_CODES } from '../../src/warnings/warning.js';

/** The catalogue's areas of sentences the server writes for people (not labels of a single word). */
export const SERVER_SENTENCES = [
  'persona.',
  'playbook.',
  'warn.',
  'report.',
  'stageWords.',
  'card.',
  'mining.',
  'swot.',
  'modelCard.',
  'import.',
  'audit.',
] as const;

/**
 * English sentences the server writes, cut at their values: pieces of three words or more, so that a Polish
 * page or answer holding one shows an English sentence. The warning codes' English meanings are included.
 */
export function englishPieces(prefixes: readonly string[] = SERVER_SENTENCES): string[] {
  const pieces = new Set<string>();
  const texts = [
    ...Object.entries(en)
      .filter(([key]) => prefixes.some((p) => key.startsWith(p)))
      .map(([, text]) => text),
    ...Object.values(WARNING_CODES),
  ];
  for (const text of texts) {
    for (const piece of text.split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/)) {
      const p = piece.trim().replace(/^[,;:.()\s]+|[,;:()\s]+$/g, '');
      // Three words or more (a bare "' = '" between two values is no English).
      if (p.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 3) pieces.add(p);
    }
  }
  return [...pieces];
}

/** The English pieces found in `text` (HTML entities for quotes read as the characters). */
export function englishIn(text: string, prefixes: readonly string[] = SERVER_SENTENCES): string[] {
  const plain = text
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replace(/[\s\u00a0\u202f]+/g, ' ');
  return englishPieces(prefixes).filter((p) => plain.includes(p));
}
