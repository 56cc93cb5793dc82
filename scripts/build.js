#!/usr/bin/env node
/**
 * Build: TypeScript → dist/ (tsc, strict), then the files tsc does not handle: node editor
 * HTML and locale catalogues beside each compiled node, and flows/examples → examples/
 * (Node-RED shows a package's root examples/ folder under Import > Examples).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const tsc = require.resolve('typescript/bin/tsc');

try {
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json')], { stdio: 'inherit' });
} catch {
  console.error('build: TypeScript compilation failed (see errors above)');
  process.exit(1);
}

/** Copies every file under `from` whose name passes `keep` to the same place under `to`. */
function copyTree(from, to, keep) {
  if (!fs.existsSync(from)) return 0;
  let n = 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) n += copyTree(src, dst, keep);
    else if (keep(entry.name)) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
      n++;
    }
  }
  return n;
}

const assets = copyTree(path.join(root, 'nodes'), path.join(root, 'dist', 'nodes'),
  (name) => !name.endsWith('.ts'));
fs.rmSync(path.join(root, 'examples'), { recursive: true, force: true });
const examples = copyTree(path.join(root, 'flows', 'examples'), path.join(root, 'examples'),
  (name) => name.endsWith('.json'));
console.log(`build: dist/ compiled, ${assets} node asset(s), ${examples} example flow(s)`);
