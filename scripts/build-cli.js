#!/usr/bin/env node
// Bundles the command line for bin/lowkey.js, which runs out/cli/lowkey.mjs:
//
// - out/cli/cli.cjs: the whole command line, packages included, as one
//   CommonJS file. Node.js then loads one file at start instead of resolving
//   and translating hundreds of package modules, which halved the time of
//   `lowkey --version`.
// - out/cli/lowkey.mjs: a small entry that runs cli.cjs through a V8 code
//   cache (see electron/cli-loader.ts). A CommonJS file can be compiled with
//   `vm.Script` and its cache; an ES module cannot, in Node 20.
// - out/cli/build-worker.mjs and parse-worker.mjs: the worker threads, as ES
//   modules sharing chunks under out/cli/chunks/.
//
// Code that only some commands use, such as the OpenTelemetry exporter behind
// `usage export --format otlp`, is imported dynamically. In cli.cjs esbuild
// wraps such modules in functions that run on first import, so their
// packages are evaluated only when that command runs.
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'out', 'cli')

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  metafile: true,
  logLevel: 'warning'
}

// Without whitespace and comments the bundle is ASCII (comments of some
// packages are not), which the entry reads fastest, and a third smaller.
await build({
  ...common,
  entryPoints: { cli: join(root, 'electron', 'cli.ts') },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  minifyWhitespace: true
})

const bundleHash = createHash('sha256')
  .update(readFileSync(join(outdir, 'cli.cjs')))
  .digest('hex')
await build({
  ...common,
  entryPoints: { lowkey: join(root, 'electron', 'cli-loader.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  define: { CLI_BUNDLE_HASH: JSON.stringify(bundleHash) }
})

// Bundled CommonJS packages call require() for Node.js modules. An ES module
// has no require(), so the banner of each worker file defines one.
const defineRequire =
  "import { createRequire as createRequireForBundle } from 'node:module'\n" +
  'const require = createRequireForBundle(import.meta.url)'

const workers = await build({
  ...common,
  entryPoints: {
    'build-worker': join(root, 'electron', 'usage', 'service', 'build-worker.ts'),
    'parse-worker': join(root, 'electron', 'usage', 'parse-worker.ts')
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  format: 'esm',
  banner: { js: defineRequire }
})

// Chunk names carry a content hash, so each build leaves the last one's behind.
const written = new Set(
  Object.keys(workers.metafile.outputs).map((path) => basename(path))
)
const chunks = join(outdir, 'chunks')
for (const name of readdirSync(chunks)) {
  if (!written.has(name)) rmSync(join(chunks, name))
}
