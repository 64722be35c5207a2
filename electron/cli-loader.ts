// Entry of the command line, built to the CommonJS file out/cli/loader.cjs,
// which bin/lowkey.js and out/cli/lowkey.mjs load. It runs the bundle
// out/cli/cli.cjs through a V8 code cache: the first run of each command
// keeps the bytecode V8 compiled, and later runs of the same build load it
// instead of parsing and compiling the bundle again. Node 20 has no
// `module.enableCompileCache`, so the cache is kept here, with `vm.Script`.
import { isAscii } from 'node:buffer'
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { Script, constants } from 'node:vm'
import { crc32 } from 'node:zlib'

/** SHA-256 of out/cli/cli.cjs, written in by scripts/build-cli.js. */
declare const CLI_BUNDLE_HASH: string

interface CliBundle {
  main: (argv: readonly string[], appDir: string) => Promise<number>
}

/**
 * Bytes after the code cache's data: their CRC-32, big-endian. Declared
 * before the lines below run, which read the cache.
 */
const CHECKSUM_BYTES = 4

// This file is CommonJS once built, so __dirname is out/cli.
const cliFolder = __dirname
const bundlePath = join(cliFolder, 'cli.cjs')
const argv = process.argv.slice(2)

const cachePath = codeCachePath(process.env, argv)
const cachedData = cachePath ? readCodeCache(cachePath) : undefined
const script = new Script(wrapCommonJs(readSource(bundlePath)), {
  filename: bundlePath,
  cachedData,
  importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER
})
if (cachePath && (cachedData === undefined || script.cachedDataRejected)) {
  // Written at exit, so the cache also contains the functions this run compiled.
  process.once('exit', () => writeCodeCache(cachePath, script))
}

const bundle = runCommonJs(script, bundlePath)
void bundle.main(argv, join(cliFolder, '..', '..')).then((code) => {
  process.exitCode = code
})

/**
 * Reads the bundle as text. esbuild writes it in ASCII, which decodes as
 * Latin-1 several times faster than as UTF-8, since V8 then keeps one byte a
 * character.
 */
function readSource(path: string): string {
  const bytes = readFileSync(path)
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
}

/** Wraps CommonJS source as Node does, keeping its line numbers. */
function wrapCommonJs(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`
}

function runCommonJs(compiled: Script, path: string): CliBundle {
  const wrapper = compiled.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: { exports: object },
    filename: string,
    dirname: string
  ) => void
  const module = { exports: {} }
  wrapper.call(
    module.exports,
    module.exports,
    createRequire(path),
    module,
    path,
    cliFolder
  )
  return module.exports as CliBundle
}

/**
 * Returns where the code cache of this build, Node.js version and command is
 * kept, or null when caching is off. Each command has its own cache, because
 * a cache contains the functions its first run compiled, and a report
 * compiles others than `--version`.
 */
function codeCachePath(env: NodeJS.ProcessEnv, args: readonly string[]): string | null {
  // The variable that turns off Node 22's own compile cache turns off this one too.
  if (env.NODE_DISABLE_COMPILE_CACHE) return null
  // zlib.crc32 came with Node.js 20.15; older versions run without the cache.
  if (typeof crc32 !== 'function') return null
  const folder = cacheFolder(env)
  const name = `cli-${CLI_BUNDLE_HASH.slice(0, 16)}-${process.version}-${process.arch}`
  return join(folder, `${name}-${commandKey(args)}.v8cache`)
}

/**
 * Returns the per-user cache folder: `$LOWKEY_USAGE_HOME/cache` when that is
 * set, so tests keep out of the real home, else the platform's usual place.
 */
function cacheFolder(env: NodeJS.ProcessEnv): string {
  if (env.LOWKEY_USAGE_HOME) return join(env.LOWKEY_USAGE_HOME, 'cache')
  const home = env.HOME || homedir()
  if (process.platform === 'darwin') {
    return join(home, 'Library', 'Caches', 'Lowkey Usage')
  }
  if (process.platform === 'win32') {
    const local = env.LOCALAPPDATA || join(home, 'AppData', 'Local')
    return join(local, 'Lowkey Usage', 'Cache')
  }
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'lowkey-usage')
}

/**
 * Names the command from its first words, such as `usage-report`; `main`
 * when there are none, as for `--version`. Only plain lowercase words count,
 * so a file name never contains a path or an option value.
 */
function commandKey(args: readonly string[]): string {
  const words: string[] = []
  for (const arg of args.slice(0, 2)) {
    if (!/^[a-z][a-z-]{0,19}$/.test(arg)) break
    words.push(arg)
  }
  return words.length > 0 ? words.join('-') : 'main'
}

/**
 * Reads a code cache written by `writeCodeCache`; undefined when it is
 * missing or damaged. V8 checks a cache's header but not its data, and
 * deserializing damaged data crashes the process, so the data carries a
 * checksum.
 */
function readCodeCache(path: string): Buffer | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch {
    return undefined
  }
  if (bytes.length <= CHECKSUM_BYTES) return undefined
  const end = bytes.length - CHECKSUM_BYTES
  const data = bytes.subarray(0, end)
  return bytes.readUInt32BE(end) === crc32(data) ? data : undefined
}

/**
 * Writes the cache through a temporary file and a rename, so a concurrent
 * run reads the old cache or the new one, never half of one. Caches of
 * other builds are removed. Failures are ignored: the cache only saves time.
 */
function writeCodeCache(path: string, compiled: Script): void {
  const folder = dirname(path)
  const temporary = `${path}.${process.pid}.tmp`
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
    const data = compiled.createCachedData()
    const checksum = Buffer.alloc(CHECKSUM_BYTES)
    checksum.writeUInt32BE(crc32(data), 0)
    writeFileSync(temporary, Buffer.concat([data, checksum]), { mode: 0o600 })
    renameSync(temporary, path)
    removeOtherBuilds(folder)
  } catch {
    try {
      rmSync(temporary, { force: true })
    } catch {
      // Nothing more to do: a leftover file costs only disk space.
    }
  }
}

function removeOtherBuilds(folder: string): void {
  const current = `cli-${CLI_BUNDLE_HASH.slice(0, 16)}-`
  for (const name of readdirSync(folder)) {
    if (name.startsWith('cli-') && !name.startsWith(current)) {
      rmSync(join(folder, name), { force: true })
    }
  }
}
