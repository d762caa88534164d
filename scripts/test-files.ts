// A `node --test` reporter (scripts/test.sh): one line per test file, its top-level tests' seconds summed
// and its path, slowest first, so the CI log shows where the suite's time goes. The figure leaves out the
// file's process start and imports, which the runner does not report.
import { relative } from 'node:path';
import type { TestEvent } from 'node:test/reporters';

// node --test loads a reporter by its default export: the one default export of the project.
export default async function* fileSeconds(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const seconds = new Map<string, number>();
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file, details } = event.data;
    if (nesting !== 0 || file === undefined) continue;
    // Named as written: src/x.test.ts, not the compiled .tmp/js/src/x.test.js that ran.
    const name = relative(process.cwd(), file)
      .replace(/^\.tmp\/js\//, '')
      .replace(/\.js$/, '.ts');
    seconds.set(name, (seconds.get(name) ?? 0) + details.duration_ms / 1000);
  }
  for (const [file, s] of [...seconds].sort((a, b) => b[1] - a[1])) yield `${s.toFixed(1)}\t${file}\n`;
}
