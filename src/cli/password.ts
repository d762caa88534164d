import { createInterface } from 'node:readline';
import { ClienteleError } from '../errors/index.js';

/**
 * A password from `--password`, else from stdin when it is not a terminal (a script pipes it in), else
 * asked at the terminal twice without echo. Passing it on the command line leaves it in the shell's
 * history; stdin or the prompt does not.
 */
export async function readPassword(given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const first = await promptHidden('password: ');
  const again = await promptHidden('password again: ');
  if (first !== again) throw new ClienteleError('CLT_ERR_USER_PASSWORD', 'the two passwords differ');
  return first;
}

async function promptHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(question);
  // readline echoes what is typed through this method; silence it for the answer.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  try {
    return await new Promise<string>((resolve) => rl.question('', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
