#!/usr/bin/env node
// Runs the built command line; `npm run setup` (or `npm run build:cli`) builds it.
// This file is CommonJS (bin/package.json sets its type), like the entry it loads:
// Node.js then starts without setting up its ES module loader.
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose */
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '..', 'out', 'cli', 'loader.cjs')
if (!existsSync(built)) {
  process.stderr.write(
    `lowkey: the command line is not built yet (${built} is missing); ` +
      'run `npm run build:cli` in the lowkey-usage folder\n'
  )
  process.exit(1)
}
require(built)
