/**
 * A journey's steps as a graph, pure: where each step leads (with the JSON path of each arrow), unknown
 * targets, duplicate ids, steps no one reaches, and cycles.
 */
import { assertUnreachable } from '../errors/index.js';
import type { JourneyDefinition, Step } from './schema.js';

/** One arrow from a step, with where it is written in the file. */
export interface Edge {
  readonly from: string;
  readonly to: string | null;
  readonly path: string;
  /** Written in the file (`next`, `goto`, …) rather than implied by the list's order. */
  readonly explicit: boolean;
}

/** Something wrong in a journey file, with the JSON path (RFC 6901) of where it is. */
export interface JourneyIssue {
  readonly code: 'invalid' | 'cycle' | 'reference';
  readonly path: string;
  readonly message: string;
}

/** The arrows out of step `i`: explicit targets, or the next step in the list (null past the end). */
export function edgesOf(steps: readonly Step[], i: number): Edge[] {
  const step = steps[i]!;
  const following = steps[i + 1]?.id ?? null;
  const at = `/steps/${i}`;
  const to = (target: string | undefined, key: string): Edge =>
    target === undefined
      ? { from: step.id, to: following, path: at, explicit: false }
      : { from: step.id, to: target, path: `${at}/${key}`, explicit: true };
  switch (step.kind) {
    case 'exit':
      return [];
    case 'wait':
    case 'destination':
    case 'email':
    case 'tag':
      return [to(step.next, 'next')];
    case 'branch': {
      const out: Edge[] = [];
      if (step.goto !== undefined) out.push(to(step.goto, 'goto'));
      for (const [variant, target] of Object.entries(step.variants ?? {}))
        out.push({ from: step.id, to: target, path: `${at}/variants/${variant}`, explicit: true });
      out.push(to(step.else, 'else'));
      return out;
    }
    default:
      return assertUnreachable(step);
  }
}

/** Duplicate ids, arrows to unknown steps, and the first cycle found (the arrow that closes it). */
export function graphIssues(definition: JourneyDefinition): JourneyIssue[] {
  const { steps } = definition;
  const issues: JourneyIssue[] = [];
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (index.has(s.id))
      issues.push({ code: 'invalid', path: `/steps/${i}/id`, message: `step id '${s.id}' is used twice` });
    else index.set(s.id, i);
  });
  const edges = steps.map((_, i) => edgesOf(steps, i));
  for (const list of edges)
    for (const e of list)
      if (e.to !== null && !index.has(e.to))
        issues.push({ code: 'reference', path: e.path, message: `no step with id '${e.to}'` });
  if (issues.length) return issues;
  // Depth-first from the first step, iteratively (a file may hold 100 steps): an arrow to a step on the
  // current path closes a cycle.
  const state = new Uint8Array(steps.length); // 0 unseen, 1 on the path, 2 done
  const stack: { i: number; k: number }[] = [{ i: 0, k: 0 }];
  const trail: number[] = [0];
  state[0] = 1;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const out = edges[top.i]!;
    if (top.k >= out.length) {
      state[top.i] = 2;
      stack.pop();
      trail.pop();
      continue;
    }
    const e = out[top.k++]!;
    if (e.to === null) continue;
    const j = index.get(e.to)!;
    if (state[j] === 1) {
      const loop = [...trail.slice(trail.indexOf(j)), j].map((n) => steps[n]!.id).join(' → ');
      issues.push({ code: 'cycle', path: e.path, message: `the steps loop: ${loop}` });
      return issues;
    }
    if (state[j] === 0) {
      state[j] = 1;
      stack.push({ i: j, k: 0 });
      trail.push(j);
    }
  }
  steps.forEach((s, i) => {
    if (state[i] === 0)
      issues.push({ code: 'invalid', path: `/steps/${i}`, message: `step '${s.id}' cannot be reached` });
  });
  return issues;
}

/** Where a person goes after step `i` by default: its `next`, else the next step in the list (null: the end). */
export function nextOf(steps: readonly Step[], i: number): string | null {
  const step = steps[i]!;
  if (step.kind === 'exit') return null;
  if ('next' in step && step.next !== undefined) return step.next;
  return steps[i + 1]?.id ?? null;
}
