/**
 * Project conventions, checked (our counterpart of Telegraf's readme_linter): every adapter
 * plugin folder is complete and registered, the core never imports Node-RED, every Node-RED node
 * is a thin wrapper listed in package.json, and every TypeScript file has a header comment and a
 * reasonable size. Sources are read from the repository root; descriptors and registries from
 * the compiled tree this test runs in.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { PluginDescriptor } from '../lib/plugin';
import { repoRoot } from './support/repo-root';

const root = repoRoot();
/** The compiled counterpart of the repository root (this file runs as dist/test/conventions.test.js). */
const compiledRoot = path.resolve(__dirname, '..');

const PLUGIN_KINDS = ['protocols', 'receivers', 'sinks', 'exporters', 'transports', 'validators'];
/** Required README sections; a section may go by any of its names. */
const README_SECTIONS = [['Overview'], ['Configuration'], ['What it produces', 'Readings produced'], ['Limitations'], ['References']];
/** Folders that must work without Node-RED (the core / wrapper split). */
const CORE_FOLDERS = ['lib', 'adapters', 'simulator', 'cli'];
const NODE_RED_IMPORT = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|^\s*import\s*)['"](?:node-red|@node-red\/[^'"]*)(?:\/[^'"]*)?['"]/m;
const MAX_SOURCE_LINES = 500;
const MAX_NODE_LINES = 100;
const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, keep);
    return keep(entry.name) ? [full] : [];
  });
}

function lineCount(file: string): number {
  return readFileSync(file, 'utf8').replace(/\n$/, '').split('\n').length;
}

const relative = (file: string): string => path.relative(root, file);

/** Loads the compiled module of a source path relative to the root, e.g. "adapters/protocols/index.ts". */
function loadCompiled(sourcePath: string): Record<string, unknown> {
  return require(path.join(compiledRoot, sourcePath.replace(/\.ts$/, '.js'))) as Record<string, unknown>;
}

/** The files tsc compiles, as tsconfig.json defines them. */
function typeScriptSources(): string[] {
  const configFile = ts.findConfigFile(root, ts.sys.fileExists);
  assert.ok(configFile, 'tsconfig.json not found');
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, root).fileNames.map((file) => path.resolve(file));
}

function readmeHeadings(readme: string): string[] {
  return [...readFileSync(readme, 'utf8').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((match) => match[1]!.toLowerCase());
}

describe('conventions', () => {
  describe('adapter plugin folders', () => {
    for (const kind of PLUGIN_KINDS) {
      for (const id of subfolders(path.join(root, 'adapters', kind))) {
        const folder = `adapters/${kind}/${id}`;
        const dir = path.join(root, folder);

        describe(folder, () => {
          it('has a README.md with Overview, Configuration, What it produces, Limitations, References', () => {
            const readme = path.join(dir, 'README.md');
            assert.ok(existsSync(readme), `${folder}/README.md is missing`);
            const headings = readmeHeadings(readme);
            const missing = README_SECTIONS.filter((names) =>
              !names.some((name) => headings.some((heading) => heading.startsWith(name.toLowerCase()))));
            assert.deepEqual(missing.map((names) => names.join(' / ')), [], `${folder}/README.md lacks sections`);
          });

          it('has index.ts exporting a descriptor whose id is the kebab-case folder name', () => {
            assert.match(id, KEBAB_CASE, `${folder}: folder name is not kebab-case`);
            assert.ok(existsSync(path.join(dir, 'index.ts')), `${folder}/index.ts is missing`);
            const { descriptor } = loadCompiled(`${folder}/index.ts`) as { descriptor?: PluginDescriptor };
            assert.ok(descriptor, `${folder}/index.ts exports no descriptor`);
            assert.equal(descriptor.id, id, `${folder}: descriptor id`);
            assert.equal(`${descriptor.kind}s`, kind, `${folder}: descriptor kind`);
          });

          it(`is registered in adapters/${kind}/index.ts`, () => {
            assert.ok(existsSync(path.join(root, 'adapters', kind, 'index.ts')), `adapters/${kind}/index.ts is missing`);
            const registered = Object.values(loadCompiled(`adapters/${kind}/index.ts`)).flat();
            const { descriptor } = loadCompiled(`${folder}/index.ts`);
            assert.ok(descriptor && registered.includes(descriptor), `${folder} is not listed in adapters/${kind}/index.ts`);
          });

          it('has a fixtures/ folder', () => {
            const fixtures = path.join(dir, 'fixtures');
            assert.ok(existsSync(fixtures) && statSync(fixtures).isDirectory(), `${folder}/fixtures/ is missing`);
          });
        });
      }
    }
  });

  describe('core / Node-RED split', () => {
    it(`no file under ${CORE_FOLDERS.join('/, ')}/ imports node-red or @node-red/*`, () => {
      const offenders = CORE_FOLDERS
        .flatMap((folder) => filesUnder(path.join(root, folder), (name) => /\.[cm]?[jt]s$/.test(name)))
        .filter((file) => NODE_RED_IMPORT.test(readFileSync(file, 'utf8')))
        .map(relative);
      assert.deepEqual(offenders, []);
    });
  });

  describe('Node-RED nodes', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { 'node-red'?: { nodes?: Record<string, string> } };
    const declaredNodes = manifest['node-red']?.nodes ?? {};
    const nodeTypes = subfolders(path.join(root, 'nodes'));

    for (const type of nodeTypes) {
      const folder = `nodes/${type}`;
      describe(folder, () => {
        it(`has ${type}.ts under ${MAX_NODE_LINES} lines (a thin wrapper) and ${type}.html`, () => {
          const runtime = path.join(root, folder, `${type}.ts`);
          assert.ok(existsSync(runtime), `${folder}/${type}.ts is missing`);
          assert.ok(lineCount(runtime) < MAX_NODE_LINES, `${folder}/${type}.ts has ${lineCount(runtime)} lines`);
          assert.ok(existsSync(path.join(root, folder, `${type}.html`)), `${folder}/${type}.html is missing`);
        });

        it('is listed in package.json node-red.nodes with its dist path', () => {
          assert.equal(declaredNodes[type], `dist/nodes/${type}/${type}.js`);
        });
      });
    }

    it('package.json node-red.nodes lists only existing node folders', () => {
      assert.deepEqual(Object.keys(declaredNodes).filter((type) => !nodeTypes.includes(type)), []);
    });
  });

  describe('TypeScript sources', () => {
    const sources = typeScriptSources();

    it('every file starts with a header comment (/** or //)', () => {
      const bare = sources.filter((file) => !/^\s*(\/\*\*|\/\/)/.test(readFileSync(file, 'utf8'))).map(relative);
      assert.deepEqual(bare, []);
    });

    it(`no file is over ${MAX_SOURCE_LINES} lines`, () => {
      const long = sources.filter((file) => lineCount(file) > MAX_SOURCE_LINES).map((file) => `${relative(file)} (${lineCount(file)})`);
      assert.deepEqual(long, []);
    });
  });
});
