import type { JourneyDefinition } from '@contracts/journeys';
import type { Static } from '@sinclair/typebox';

// The journey builder's model, pure (no React): a list of steps where a branch on a condition may hold its own
// sub-steps, turned into the flat definition `clientele journeys create --file` takes (one schema, src/journeys).

/** A journey definition, as the server's schema types it. */
export type Definition = Static<typeof JourneyDefinition>;
export type Step = Definition['steps'][number];
export type Trigger = Definition['trigger'];
export type StepKind = Step['kind'];

/** One step in the builder: the step as it will be written, and, for a branch on a condition, its sub-steps. */
export interface DraftStep {
  /** React's key and the owner of the server's errors at this step (ids may be edited). */
  readonly key: string;
  readonly step: Step;
  /** A branch's own steps, taken by those for whom the condition holds, then back after the branch. */
  readonly sub: readonly DraftStep[];
}

let counter = 0;
const key = () => `k${++counter}`;

/** The step kinds in the order the builder offers them. */
export const STEP_KINDS: readonly StepKind[] = ['wait', 'email', 'destination', 'tag', 'branch', 'exit'];

/** Every step id in the draft, sub-steps included, in order. */
export function allIds(steps: readonly DraftStep[]): string[] {
  return steps.flatMap((d) => [d.step.id, ...allIds(d.sub)]);
}

/** A new step of a kind, with an id not yet taken (`wait-2`). */
export function newStep(kind: StepKind, taken: readonly string[]): DraftStep {
  let n = 1;
  while (taken.includes(`${kind}-${n}`)) n++;
  const id = `${kind}-${n}`;
  const step: Step = (() => {
    switch (kind) {
      case 'wait':
        return { id, kind, duration: '1d' };
      case 'email':
        return { id, kind, campaign: '' };
      case 'destination':
        return { id, kind, destination: '' };
      case 'tag':
        return { id, kind, add: '' };
      case 'branch':
        return { id, kind, if: '' };
      case 'exit':
        return { id, kind };
    }
  })();
  return { key: key(), step, sub: [] };
}

/** A saved definition in the builder: flat, each branch going to its step by id. */
export function toDraft(def: Definition): DraftStep[] {
  return def.steps.map((step) => ({ key: key(), step, sub: [] }));
}

/** The flat steps, and for each the key of the builder's step it came from (null: the end the builder added). */
export interface Flat {
  readonly steps: Step[];
  readonly owners: (string | null)[];
}

const continues = (s: Step) => s.kind !== 'exit';

// Sets where a step goes after it when the list's order no longer says so (it is the last of its list).
function withContinuation(s: Step, to: string): Step {
  if (s.kind === 'exit') return s;
  if (s.kind === 'branch') return s.else === undefined ? { ...s, else: to } : s;
  return s.next === undefined ? { ...s, next: to } : s;
}

/**
 * The flat list of steps: the main list first, then each branch's sub-steps (the branch's `goto` is the first
 * of them), whose last step goes back to the step after the branch. When sub-steps follow the main list, its
 * last step must not run into them: a final exit (`end`) is added and named where needed.
 */
export function flatten(main: readonly DraftStep[]): Flat {
  const ids = new Set(allIds(main));
  let end = 'end';
  for (let n = 2; ids.has(end); n++) end = `end-${n}`;
  let endUsed = false;
  const steps: Step[] = [];
  const owners: (string | null)[] = [];
  const pending: { list: readonly DraftStep[]; rejoin: string | null }[] = [];
  const emit = (list: readonly DraftStep[], rejoin: string | null, isMain: boolean) => {
    list.forEach((d, k) => {
      let s = d.step;
      const after = list[k + 1]?.step.id ?? rejoin;
      if (s.kind === 'branch' && s.experiment === undefined && d.sub.length > 0) {
        s = { ...s, goto: d.sub[0]!.step.id };
        pending.push({ list: d.sub, rejoin: after });
      }
      if (k === list.length - 1 && continues(s) && !isMain) {
        if (rejoin === null) endUsed = true;
        s = withContinuation(s, rejoin ?? end);
      }
      steps.push(s);
      owners.push(d.key);
    });
  };
  emit(main, null, true);
  const mainLast = steps.length - 1;
  if (pending.length && mainLast >= 0 && continues(steps[mainLast]!)) {
    steps[mainLast] = withContinuation(steps[mainLast]!, end);
    endUsed = true;
  }
  while (pending.length) {
    const p = pending.shift()!;
    emit(p.list, p.rejoin, false);
  }
  if (endUsed) {
    steps.push({ id: end, kind: 'exit' });
    owners.push(null);
  }
  return { steps, owners };
}

/** Replaces the step with `key` (anywhere in the tree) by what `change` makes of it; null removes it. */
export function updateAt(
  list: readonly DraftStep[],
  target: string,
  change: (d: DraftStep) => DraftStep | null,
): DraftStep[] {
  return list.flatMap((d) => {
    if (d.key === target) {
      const next = change(d);
      return next ? [next] : [];
    }
    return [{ ...d, sub: updateAt(d.sub, target, change) }];
  });
}

/** Moves the step with `key` one place up (-1) or down (+1) within its own list. */
export function moveAt(list: readonly DraftStep[], target: string, by: -1 | 1): DraftStep[] {
  const i = list.findIndex((d) => d.key === target);
  if (i >= 0) {
    const j = i + by;
    if (j < 0 || j >= list.length) return [...list];
    const out = [...list];
    [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  }
  return list.map((d) => ({ ...d, sub: moveAt(d.sub, target, by) }));
}

/** Where the server's error is in the builder: the trigger's field, a step's field, or the form as a whole. */
export type ErrorPlace =
  | { readonly at: 'trigger'; readonly field: string }
  | { readonly at: 'step'; readonly key: string; readonly field: string }
  | { readonly at: 'form'; readonly field: string };

/** The place of a JSON path (RFC 6901) in the definition the builder sent. */
export function placeOf(path: string, owners: readonly (string | null)[]): ErrorPlace {
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'trigger') return { at: 'trigger', field: parts[1] ?? '' };
  if (parts[0] === 'steps' && parts[1] !== undefined) {
    const owner = owners[Number(parts[1])];
    if (owner) return { at: 'step', key: owner, field: parts[2] ?? '' };
  }
  return { at: 'form', field: parts[0] ?? '' };
}
