#!/usr/bin/env node
// Bundles the command line into out/cli/lowkey.mjs, which bin/lowkey.js runs,
// and the build worker thread into out/cli/build-worker.mjs.
// Packages stay external: they are installed beside it.
import { build } from 'esbuild'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

await build({
  entryPoints: {
    lowkey: join(root, 'electron', 'cli.ts'),
    'build-worker': join(root, 'electron', 'usage', 'service', 'build-worker.ts'),
    'parse-worker': join(root, 'electron', 'usage', 'parse-worker.ts')
  },
  outdir: join(root, 'out', 'cli'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning'
})
