#!/usr/bin/env node
/**
 * The `imd` command: starts the compiled command line (dist/cli/main.js, built by `npm run build`).
 */
'use strict';
const fs = require('fs');
const path = require('path');

const compiledMain = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(compiledMain)) {
  process.stderr.write('imd: not built — run `npm run build` first\n');
  process.exit(2);
}
require(compiledMain).runAsProcess();
