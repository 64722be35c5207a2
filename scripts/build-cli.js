#!/usr/bin/env node
// Bundles the command line into out/cli/lowkey.mjs, which bin/lowkey.js runs,
// and the worker threads into out/cli/build-worker.mjs and parse-worker.mjs.
//
// Packages are bundled too, so Node.js loads a few files at start instead of
// resolving and translating hundreds of package modules: that halved the time
// of `lowkey --version`. Code that only some commands use, such as the
// OpenTelemetry exporter behind `usage export --format otlp`, is imported
// dynamically and lands in its own chunk, loaded only when that command runs.
import { build } from 'esbuild'
import { readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'out', 'cli')

// Bundled CommonJS packages call require() for Node.js modules. An ES module
// has no require(), so the banner of each output file defines one.
const defineRequire =
  "import { createRequire as createRequireForBundle } from 'node:module'\n" +
  'const require = createRequireForBundle(import.meta.url)'

const result = await build({
  entryPoints: {
    lowkey: join(root, 'electron', 'cli.ts'),
    'build-worker': join(root, 'electron', 'usage', 'service', 'build-worker.ts'),
    'parse-worker': join(root, 'electron', 'usage', 'parse-worker.ts')
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: defineRequire },
  sourcemap: true,
  metafile: true,
  logLevel: 'warning'
})

// Chunk names carry a content hash, so each build leaves the last one's behind.
const written = new Set(
  Object.keys(result.metafile.outputs).map((path) => basename(path))
)
const chunks = join(outdir, 'chunks')
for (const name of readdirSync(chunks)) {
  if (!written.has(name)) rmSync(join(chunks, name))
}
