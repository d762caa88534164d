/**
 * The compact text form → segment tree. Grammar (keywords in any case):
 *
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | '(' expr ')' | event | 'in' 'segment' STRING | compare
 *   event   := 'did' ['not'] STRING { 'at' 'least' INT ('time'|'times') | 'in' 'last' INT ('day'|'days')
 *              | 'with' '(' filter (',' filter)* ')' | 'then' STRING }
 *              (each clause at most once, in any order; `then` starts the next step of an ordered sequence,
 *              and a `with` belongs to the step before it; a sequence has no `at least`)
 *   filter  := IDENT scalar-op value
 *   compare := IDENT (scalar-op value | 'contains' value | ['not'] 'in' '(' value (',' value)* ')'
 *              | 'is' ['not'] 'null')
 *   value   := STRING | NUMBER | 'true' | 'false'
 */

import { DEFAULT_SEGMENT_BUDGET } from './budget.js';
import type {
  CompareNode,
  EventNode,
  PropertyFilter,
  ScalarOp,
  SegmentNode,
  SegmentValue,
  SequenceNode,
} from './nodes.js';
import { type SyntaxIssue, type Token, tokenize } from './tokens.js';

export type { SyntaxIssue } from './tokens.js';

/** The tree, or the first syntax error with its column. */
export type ParseResult = { ok: true; node: SegmentNode } | { ok: false; issue: SyntaxIssue };

const SCALAR_OPS: Readonly<Record<string, ScalarOp>> = {
  '=': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const RESERVED = new Set([
  'and',
  'or',
  'not',
  'in',
  'did',
  'is',
  'null',
  'true',
  'false',
  'contains',
  'then',
]);

class ParseError extends Error {
  constructor(readonly issue: SyntaxIssue) {
    super(issue.message);
  }
}

/** Parses the compact text form of a segment (`country = 'DE' and orders >= 2`). */
export function parseSegment(text: string): ParseResult {
  const lexed = tokenize(text);
  if (!lexed.ok) return lexed;
  try {
    const parser = new Parser(lexed.tokens);
    const node = parser.expr();
    parser.expectEnd();
    return { ok: true, node };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, issue: error.issue };
    throw error;
  }
}

function describe(token: Token): string {
  return token.type === 'end' ? 'end of input' : `'${token.text}'`;
}

class Parser {
  private at = 0;
  // Brackets and `not`s open: the descent is recursive, so it stops at the budget's depth, not the stack's.
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.at++;
    return token;
  }

  private isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'word' && token.text.toLowerCase() === word;
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.type === 'symbol' && token.text === symbol;
  }

  private fail(token: Token, expected?: string): never {
    const what = token.type === 'end' ? 'unexpected end of input' : `unexpected ${describe(token)}`;
    const message = `${what} at column ${token.column}${expected ? ` (expected ${expected})` : ''}`;
    throw new ParseError({ message, column: token.column });
  }

  private word(word: string): void {
    if (!this.isWord(word)) this.fail(this.peek(), `'${word}'`);
    this.next();
  }

  private symbol(symbol: string): void {
    if (!this.isSymbol(symbol)) this.fail(this.peek(), `'${symbol}'`);
    this.next();
  }

  private string(): string {
    const token = this.next();
    if (token.type !== 'string') this.fail(token, 'a quoted string');
    return token.value;
  }

  private count(max: number): number {
    const token = this.next();
    if (token.type !== 'number' || !Number.isInteger(token.value) || token.value < 1 || token.value > max) {
      this.fail(token, `a whole number from 1 to ${max}`);
    }
    return token.value;
  }

  expectEnd(): void {
    if (this.peek().type !== 'end') this.fail(this.peek(), "'and', 'or' or end of input");
  }

  expr(): SegmentNode {
    const children = [this.and()];
    while (this.isWord('or')) {
      this.next();
      children.push(this.and());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private and(): SegmentNode {
    const children = [this.unary()];
    while (this.isWord('and')) {
      this.next();
      children.push(this.unary());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private enter(token: Token): void {
    if (++this.depth > DEFAULT_SEGMENT_BUDGET.maxDepth) {
      const message = `brackets and 'not' nest deeper than ${DEFAULT_SEGMENT_BUDGET.maxDepth} levels (the limit) at column ${token.column}`;
      throw new ParseError({ message, column: token.column, tooComplex: true });
    }
  }

  private unary(): SegmentNode {
    if (this.isWord('not')) {
      this.enter(this.next());
      const child = this.unary();
      this.depth--;
      return { kind: 'not', child };
    }
    if (this.isSymbol('(')) {
      this.enter(this.next());
      const node = this.expr();
      this.symbol(')');
      this.depth--;
      return node;
    }
    if (this.isWord('did')) return this.event();
    if (this.isWord('in') && this.isWord('segment', 1)) {
      this.next();
      this.next();
      return { kind: 'in_segment', segment: this.string() };
    }
    return this.compare();
  }

  private event(): EventNode | SequenceNode {
    this.word('did');
    let did = true;
    if (this.isWord('not')) {
      this.next();
      did = false;
    }
    const steps: { event: string; where?: PropertyFilter[] }[] = [{ event: this.string() }];
    // The clauses may come in any order, each at most once (`with` once per step).
    let times: number | undefined;
    let timesToken: Token | undefined;
    let withinDays: number | undefined;
    for (;;) {
      const step = steps[steps.length - 1]!;
      if (this.isWord('then')) {
        this.next();
        if (steps.length >= 10) this.fail(this.peek(), 'at most 10 steps');
        steps.push({ event: this.string() });
      } else if (times === undefined && this.isWord('at')) {
        timesToken = this.peek();
        this.next();
        this.word('least');
        times = this.count(DEFAULT_SEGMENT_BUDGET.maxTimes);
        if (this.isWord('time') || this.isWord('times')) this.next();
        else this.fail(this.peek(), "'times'");
      } else if (withinDays === undefined && this.isWord('in') && this.isWord('last', 1)) {
        this.next();
        this.next();
        withinDays = this.count(DEFAULT_SEGMENT_BUDGET.maxDays);
        if (this.isWord('day') || this.isWord('days')) this.next();
        else this.fail(this.peek(), "'days'");
      } else if (step.where === undefined && this.isWord('with')) {
        this.next();
        this.symbol('(');
        const where: PropertyFilter[] = [];
        for (;;) {
          const property = this.identifier();
          const op = this.scalarOp();
          where.push({ property, op, value: this.value() });
          if (!this.isSymbol(',')) break;
          this.next();
        }
        this.symbol(')');
        step.where = where;
      } else {
        break;
      }
    }
    const window = withinDays === undefined ? {} : { withinDays };
    if (steps.length > 1) {
      if (timesToken !== undefined) this.fail(timesToken, "a sequence ('then') without 'at least'");
      return {
        kind: 'sequence',
        did,
        steps: steps.map((s) => ({ event: s.event, where: s.where ?? [] })),
        ...window,
      };
    }
    const [only] = steps;
    return { kind: 'event', did, event: only!.event, times: times ?? 1, ...window, where: only!.where ?? [] };
  }

  private identifier(): string {
    const token = this.next();
    if (token.type !== 'word' || RESERVED.has(token.text.toLowerCase())) this.fail(token, 'a field name');
    return token.text;
  }

  private scalarOp(): ScalarOp {
    const token = this.next();
    const op = token.type === 'symbol' ? SCALAR_OPS[token.text] : undefined;
    if (op === undefined) this.fail(token, 'a comparison');
    return op;
  }

  private value(): SegmentValue {
    const token = this.next();
    if (token.type === 'string' || token.type === 'number') return token.value;
    if (token.type === 'word' && token.text.toLowerCase() === 'true') return true;
    if (token.type === 'word' && token.text.toLowerCase() === 'false') return false;
    return this.fail(token, 'a value');
  }

  private compare(): CompareNode {
    const field = this.identifier();
    if (this.isWord('is')) {
      this.next();
      let op: 'is_null' | 'is_not_null' = 'is_null';
      if (this.isWord('not')) {
        this.next();
        op = 'is_not_null';
      }
      this.word('null');
      return { kind: 'compare', field, op };
    }
    if (this.isWord('contains')) {
      this.next();
      return { kind: 'compare', field, op: 'contains', value: this.value() };
    }
    if (this.isWord('in') || (this.isWord('not') && this.isWord('in', 1))) {
      const op = this.isWord('not') ? 'not_in' : 'in';
      if (op === 'not_in') this.next();
      this.next();
      this.symbol('(');
      const values = [this.value()];
      while (this.isSymbol(',')) {
        this.next();
        values.push(this.value());
      }
      this.symbol(')');
      return { kind: 'compare', field, op, values };
    }
    if (this.peek().type === 'symbol' && SCALAR_OPS[this.peek().text] !== undefined) {
      const op = this.scalarOp();
      return { kind: 'compare', field, op, value: this.value() };
    }
    return this.fail(this.peek(), 'a comparison');
  }
}
