/**
 * The `imd` dispatcher: help, version, the registry of commands, and how failures become exit
 * codes (2 usage, 1 input/output, 70 internal) without stack traces. In-process and through the
 * real bin/imd.js.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Command } from '../../cli/command';
import * as registered from '../../cli/commands';
import { ConfigError } from '../../lib/errors';
import { repoRoot } from '../support/repo-root';
import { runImd, spawnImd } from '../support/run-imd';

/** A command whose run throws `error`, to see how main reports it. */
function failingCommand(error: unknown): Command {
  return {
    name: 'fail',
    summary: 'always fails',
    usage: 'Usage: imd fail',
    run: () => Promise.reject(error),
  };
}

describe('imd', () => {
  describe('help and version', () => {
    it('--help lists every command with its summary', async () => {
      const run = await runImd(['--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Usage: imd <command>/);
      assert.match(run.stdout, /^ {2}decode +decode wired or wireless M-Bus telegrams/m);
    });

    it('`help <command>` and `<command> --help` print the command usage', async () => {
      for (const args of [['help', 'decode'], ['decode', '--help'], ['decode', '0Z', '-h']]) {
        const run = await runImd(args);
        assert.equal(run.code, 0, args.join(' '));
        assert.match(run.stdout, /^Usage: imd decode /, args.join(' '));
      }
    });

    it('--version prints the package.json version', async () => {
      const manifest = JSON.parse(readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
      const run = await runImd(['--version']);
      assert.equal(run.stdout, `${manifest.version}\n`);
      assert.equal(run.code, 0);
    });
  });

  describe('usage errors exit 2 with the reason and the usage on stderr', () => {
    for (const [args, reason] of [
      [['frob'], "imd: unknown command 'frob'"],
      [['--frob'], "imd: unknown option '--frob'"],
      [[], 'imd: missing command'],
      [['help', 'frob'], "imd help: unknown command 'frob'"],
    ] as const) {
      it(args.length > 0 ? `imd ${args.join(' ')}` : 'imd (no arguments)', async () => {
        const run = await runImd([...args]);
        assert.equal(run.code, 2);
        assert.equal(run.stdout, '');
        assert.ok(run.stderr.startsWith(`${reason}\n\nUsage: imd <command>`), run.stderr);
      });
    }
  });

  describe('failures inside a command', () => {
    it('ConfigError: exit 2, the message and the command usage', async () => {
      const run = await runImd(['fail'], '', [failingCommand(new ConfigError('--port must be a number'))]);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, 'imd fail: --port must be a number\n\nUsage: imd fail\n');
    });

    it('operating-system error (file, socket): exit 1, one line', async () => {
      const error = Object.assign(new Error('ENOENT: no such file or directory, open \'x.csv\''), { syscall: 'open', code: 'ENOENT' });
      const run = await runImd(['fail'], '', [failingCommand(error)]);
      assert.equal(run.code, 1);
      assert.equal(run.stderr, "imd fail: ENOENT: no such file or directory, open 'x.csv'\n");
    });

    it('anything else is an internal error: exit 70, one line, no stack trace', async () => {
      const run = await runImd(['fail'], '', [failingCommand(new TypeError('x is undefined\nsecond line'))]);
      assert.equal(run.code, 70);
      assert.equal(run.stderr.split('\n').length, 2, run.stderr);
      assert.match(run.stderr, /^imd fail: internal error: x is undefined second line/);
    });
  });

  describe('command registry', () => {
    it('every command has a unique kebab-case name, a summary and a usage that starts with its synopsis', () => {
      const commands: Command[] = Object.values(registered);
      const names = commands.map((command) => command.name);
      assert.equal(new Set(names).size, names.length, `duplicate command names: ${names.join(', ')}`);
      for (const command of commands) {
        assert.match(command.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        assert.ok(command.summary.length > 0 && !command.summary.includes('\n'), `${command.name}: one-line summary`);
        assert.ok(command.usage.startsWith(`Usage: imd ${command.name}`), `${command.name}: usage synopsis`);
      }
    });
  });

  describe('bin/imd.js', () => {
    it('--help lists decode', () => {
      const run = spawnImd(['--help']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^ {2}decode /m);
    });

    it('an unknown command exits 2 with the reason on stderr', () => {
      const run = spawnImd(['frob']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^imd: unknown command 'frob'\n/);
      assert.equal(run.stdout, '');
    });

    it('says how to build when dist/ is missing, exit 2', () => {
      const unbuilt = mkdtempSync(path.join(tmpdir(), 'imd-unbuilt-'));
      try {
        mkdirSync(path.join(unbuilt, 'bin'));
        copyFileSync(path.join(repoRoot(), 'bin', 'imd.js'), path.join(unbuilt, 'bin', 'imd.js'));
        const run = spawnImd(['--help'], '', path.join(unbuilt, 'bin', 'imd.js'));
        assert.equal(run.code, 2);
        assert.equal(run.stderr, 'imd: not built — run `npm run build` first\n');
      } finally {
        rmSync(unbuilt, { recursive: true, force: true });
      }
    });
  });
});
