#!/usr/bin/env node
// Bundles the command line into out/cli/lowkey.mjs, which bin/lowkey.js runs.
// Packages stay external: they are installed beside it.
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

await build({
  entryPoints: [join(root, 'electron', 'cli.ts')],
  outfile: join(root, 'out', 'cli', 'lowkey.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
})
