#!/usr/bin/env node
// Bundles the command line for bin/lowkey.js:
//
// - out/cli/cli.cjs: the whole command line, packages included, as one
//   CommonJS file. Node.js then loads one file at start instead of resolving
//   and translating hundreds of package modules, which halved the time of
//   `lowkey --version`.
// - out/cli/loader.cjs: a small entry that runs cli.cjs through a V8 code
//   cache (see electron/cli-loader.ts). A CommonJS file can be compiled with
//   `vm.Script` and its cache; an ES module cannot, in Node 20. The entry is
//   CommonJS too, as is bin/lowkey.js, so that Node.js starts without its ES
//   module loader. out/cli/lowkey.mjs loads it for those who run that file.
// - out/cli/build-worker.mjs and parse-worker.mjs: the worker threads, as ES
//   modules sharing chunks under out/cli/chunks/.
//
// Code that only some commands use, such as the OpenTelemetry exporter behind
// `usage export --format otlp`, is imported dynamically. In cli.cjs esbuild
// wraps such modules in functions that run on first import, so their
// packages are evaluated only when that command runs.
import { build } from 'esbuild'
import { createHash } from 'node:crypto'
import { isBuiltin } from 'node:module'
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, sep } from 'node:path'
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

/**
 * Gives commander a `child_process` that loads on first use. Commander needs
 * it only to run executable subcommands, which lowkey has none of, and
 * loading it at start took about 2.5 ms of every command (Node 20).
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(builder) {
    builder.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}commander${sep}`)
        ? { path: 'child_process', namespace: 'lazy-builtin' }
        : undefined
    )
    builder.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      loader: 'js',
      contents:
        'let loaded\n' +
        'module.exports = new Proxy({}, {\n' +
        "  get: (_, key) => (loaded ??= require('node:child_process'))[key]\n" +
        '})\n'
    }))
  }
}

/**
 * Turns `import()` of a Node.js module into `require()`. The bundle runs in
 * `vm.Script`, where a real `import()` goes through an experimental loader
 * hook that prints a warning in Node 20. The OpenTelemetry exporter imports
 * `http` and `https` that way.
 */
const builtinImportsAsRequire = {
  name: 'builtin-imports-as-require',
  setup(builder) {
    builder.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' && isBuiltin(args.path)
        ? { path: args.path, namespace: 'builtin-require' }
        : undefined
    )
    builder.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({
      loader: 'js',
      contents: `module.exports = require(${JSON.stringify(args.path)})\n`
    }))
  }
}

// Without whitespace and comments the bundle is ASCII (comments of some
// packages are not), which the entry reads fastest, and a third smaller.
const cli = await build({
  ...common,
  entryPoints: { cli: join(root, 'electron', 'cli.ts') },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  minifyWhitespace: true,
  plugins: [lazyChildProcess, builtinImportsAsRequire]
})

const bundleHash = createHash('sha256')
  .update(readFileSync(join(outdir, 'cli.cjs')))
  .digest('hex')
const loader = await build({
  ...common,
  entryPoints: { loader: join(root, 'electron', 'cli-loader.ts') },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { CLI_BUNDLE_HASH: JSON.stringify(bundleHash) }
})
writeFileSync(
  join(outdir, 'lowkey.mjs'),
  "// Runs the command line, as bin/lowkey.js does.\nimport './loader.cjs'\n"
)

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

// Each build removes what earlier ones wrote and it did not: chunk names carry
// a content hash, and earlier layouts had other files (out/cli/lowkey.mjs.map).
const written = new Set(
  [cli, loader, workers]
    .flatMap((result) => Object.keys(result.metafile.outputs))
    .map((path) => basename(path))
)
written.add('lowkey.mjs')
for (const folder of [outdir, join(outdir, 'chunks')]) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && !written.has(entry.name)) rmSync(join(folder, entry.name))
  }
}
