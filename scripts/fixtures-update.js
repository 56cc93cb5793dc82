#!/usr/bin/env node
/**
 * Regenerates the wired M-Bus golden fixtures from adapters/protocols/mbus/fixtures/sources.ts
 * (its compiled form: run `npm run build` first, `npm run fixtures:update` does both):
 * writes <name>.hex (one line of hex) and <name>.json (what the current decoder makes of it)
 * under fixtures/frames/ and fixtures/error-frames/, and removes fixture files no source names.
 * Expected files change only through this script: review `git diff` against the standard
 * before committing.
 *
 *   node scripts/fixtures-update.js           write the files, print what changed
 *   node scripts/fixtures-update.js --check   write nothing; exit 1 if any file would change
 */
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const adapter = 'adapters/protocols/mbus';
const compiled = (file) => path.join(root, 'dist', adapter, 'fixtures', file);
const check = process.argv.includes('--check');

function load() {
  try {
    return { ...require(compiled('sources.js')), ...require(compiled('expected-output.js')) };
  } catch (err) {
    console.error(`fixtures-update: cannot load the compiled fixture sources (run npm run build first): ${err.message}`);
    process.exit(2);
  }
}

const { FIXTURE_FOLDERS, expectedOutput } = load();
const NAME = /^[A-Za-z0-9-]+(_[A-Za-z0-9-]+)*$/;
const counts = { added: 0, changed: 0, removed: 0, unchanged: 0 };
const problems = [];

function wanted(folder, sources) {
  const files = new Map();
  for (const source of sources) {
    if (!NAME.test(source.name)) problems.push(`${folder}/${source.name}: not a valid fixture name`);
    if (files.has(`${source.name}.hex`)) problems.push(`${folder}/${source.name}: named twice`);
    const output = expectedOutput(source.hex);
    const ok = output.ok === true;
    if (ok !== (folder === 'frames')) {
      problems.push(`${folder}/${source.name}: decodes as ${ok ? 'ok' : `an error (${output.error})`}, belongs in ${ok ? 'frames' : 'error-frames'}/`);
    }
    files.set(`${source.name}.hex`, `${source.hex}\n`);
    files.set(`${source.name}.json`, `${JSON.stringify(output, null, 2)}\n`);
  }
  return files;
}

function sync(folder, files) {
  const dir = path.join(root, adapter, 'fixtures', folder);
  const existing = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.(hex|json)$/.test(f)) : [];
  for (const name of existing) {
    if (files.has(name)) continue;
    counts.removed++;
    console.log(`  removed  ${folder}/${name}`);
    if (!check) fs.rmSync(path.join(dir, name));
  }
  for (const [name, text] of files) {
    const file = path.join(dir, name);
    const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (before === text) { counts.unchanged++; continue; }
    counts[before === undefined ? 'added' : 'changed']++;
    console.log(`  ${before === undefined ? 'added  ' : 'changed'}  ${folder}/${name}`);
    if (!check) { fs.mkdirSync(dir, { recursive: true }); fs.writeFileSync(file, text); }
  }
}

const plan = Object.entries(FIXTURE_FOLDERS).map(([folder, sources]) => [folder, wanted(folder, sources)]);
if (problems.length > 0) {
  console.error(`fixtures-update: nothing written:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
for (const [folder, files] of plan) sync(folder, files);
const differ = counts.added + counts.changed + counts.removed;
console.log(`fixtures-update: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed, ${counts.unchanged} unchanged${check ? ' (check only)' : ''}`);
if (check && differ > 0) {
  console.error('fixtures-update: the golden files are not current: run npm run fixtures:update and review the diff');
  process.exit(1);
}
