// A `node --test` reporter (scripts/test.sh): one line per finished top-level test, its seconds and its
// file, appended to .tmp/test-files.raw as it happens; test.sh sums them per file, slowest first, so the CI
// log shows where the suite's time goes. Written synchronously, not yielded at the end: --test-force-exit
// ends the runner before a reporter's stream is flushed. The figure leaves out each file's process start
// and imports, which the runner does not report.
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { TestEvent } from 'node:test/reporters';

const OUT = '.tmp/test-files.raw';

// node --test loads a reporter by its default export: the one default export of the project.
export default async function* fileSeconds(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { nesting, file, details } = event.data;
    if (nesting !== 0 || file === undefined) continue;
    // Named as written: src/x.test.ts, not the compiled .tmp/js/src/x.test.js that ran.
    const name = relative(process.cwd(), file)
      .replace(/^\.tmp\/js\//, '')
      .replace(/\.js$/, '.ts');
    const line = `${(details.duration_ms / 1000).toFixed(3)}\t${name}\n`;
    appendFileSync(OUT, line);
    yield line; // also to the reporter's own destination (test.sh gives it /dev/null)
  }
}
