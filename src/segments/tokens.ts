/**
 * The tokenizer of the compact text form: identifiers and keywords, SQL-style single-quoted strings
 * (`''` is a quote), numbers, operators and parentheses, each with its 1-based column.
 */

/** One token and where it starts. */
export type Token =
  | { readonly type: 'word'; readonly text: string; readonly column: number }
  | { readonly type: 'string'; readonly text: string; readonly value: string; readonly column: number }
  | { readonly type: 'number'; readonly text: string; readonly value: number; readonly column: number }
  | { readonly type: 'symbol'; readonly text: string; readonly column: number }
  | { readonly type: 'end'; readonly text: ''; readonly column: number };

/** A position-carrying failure of the tokenizer or the parser. */
export interface SyntaxIssue {
  readonly message: string;
  readonly column: number;
  /** Set when the text is well formed but over a limit of the complexity budget (budget.ts). */
  readonly tooComplex?: true;
}

const SYMBOLS = ['<=', '>=', '!=', '<>', '=', '<', '>', '(', ')', ','];

/** Splits `text` into tokens, ending with an `end` token, or says where it cannot. */
export function tokenize(text: string): { ok: true; tokens: Token[] } | { ok: false; issue: SyntaxIssue } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const column = i + 1;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length)
          return { ok: false, issue: { message: `unterminated string at column ${column}`, column } };
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ type: 'string', text: text.slice(i, j + 1), value, column });
      i = j + 1;
    } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9.]/.test(text[i + 1] ?? ''))) {
      const match = /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i))!;
      if (!Number.isFinite(Number(match[0]))) {
        return {
          ok: false,
          issue: { message: `number ${match[0]} at column ${column} is too large`, column },
        };
      }
      tokens.push({ type: 'number', text: match[0], value: Number(match[0]), column });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ type: 'word', text: match[0], column });
      i += match[0].length;
    } else {
      const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
      if (symbol === undefined) {
        return { ok: false, issue: { message: `unexpected '${ch}' at column ${column}`, column } };
      }
      tokens.push({ type: 'symbol', text: symbol, column });
      i += symbol.length;
    }
  }
  tokens.push({ type: 'end', text: '', column: text.length + 1 });
  return { ok: true, tokens };
}
