/**
 * Runs the `imd` command line for tests: in-process through cli/main with in-memory streams
 * (fast; any command list), or as a child process through the real launcher bin/imd.js.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Command } from '../../cli/command';
import { main } from '../../cli/main';
import { repoRoot } from './repo-root';

export interface ImdRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** In-process run; standard input is the given text, or a stream the test feeds itself. */
export async function runImd(args: string[], stdin: string | Readable = '', commands?: readonly Command[]): Promise<ImdRun> {
  const stdout = collectText();
  const stderr = collectText();
  const input = typeof stdin === 'string' ? Readable.from([stdin]) : stdin;
  const code = await main(args, { stdin: input, stdout: stdout.stream, stderr: stderr.stream }, commands);
  return { code, stdout: await stdout.text(), stderr: await stderr.text() };
}

/** Child-process run of the launcher (default: the repository's bin/imd.js). */
export function spawnImd(args: string[], stdin = '', launcher = path.join(repoRoot(), 'bin', 'imd.js')): ImdRun {
  const child = spawnSync(process.execPath, [launcher, ...args], { input: stdin, encoding: 'utf8', timeout: 15_000 });
  if (child.error) throw child.error;
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** The objects of NDJSON output, one per non-empty line. */
export function parseNdjson(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
}

function collectText(): { stream: PassThrough; text(): Promise<string> } {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => { text += chunk; });
  return {
    stream,
    async text() {
      stream.end();
      await once(stream, 'end');
      return text;
    },
  };
}
