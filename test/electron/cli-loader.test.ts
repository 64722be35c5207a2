import { spawn, spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  openSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { startOtlpReceiver } from '../support/otlp-receiver'
import { REPO, copyDemoBox, tempFolder } from '../support/temp'

// These run the built command line (`npm test` builds it first) and look at
// the V8 code cache its entry keeps under $LOWKEY_USAGE_HOME/cache.
const BIN = join(REPO, 'bin', 'lowkey.js')
const REPORT = ['usage', 'report', '--source', 'codex', '--dir', 'test/fixtures/codex']

let temp: ReturnType<typeof tempFolder>
let cache: string
beforeEach(() => {
  temp = tempFolder()
  cache = join(temp.path, 'data', 'cache')
})
afterEach(() => temp.remove())

function sandboxEnv(extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: join(temp.path, 'home'),
    LOWKEY_USAGE_HOME: join(temp.path, 'data'),
    CLAUDE_CONFIG_DIR: join(temp.path, 'claude'),
    CODEX_HOME: join(temp.path, 'codex'),
    TZ: 'UTC',
    ...extraEnv
  }
}

function lowkey(argv: string[], extraEnv: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: REPO,
    encoding: 'utf8',
    env: sandboxEnv(extraEnv)
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs the command without blocking, so a server in this process can respond to it. */
function lowkeyAsync(
  argv: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      cwd: REPO,
      env: sandboxEnv()
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text))
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

function cacheFiles(): string[] {
  return existsSync(cache) ? readdirSync(cache).sort() : []
}

describe('command line output', () => {
  it.runIf(existsSync('/dev/full'))('names a failed write in one line', () => {
    const full = openSync('/dev/full', 'w')
    try {
      const result = spawnSync(process.execPath, [BIN, ...REPORT, '--json'], {
        cwd: REPO,
        encoding: 'utf8',
        env: sandboxEnv(),
        stdio: ['ignore', full, 'pipe']
      })
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('lowkey: cannot write the output (ENOSPC')
      expect(result.stderr).not.toContain('    at ')
    } finally {
      closeSync(full)
    }
  })
})

describe('command line code cache', () => {
  it('is written once per command and then reused', () => {
    const first = lowkey(REPORT)
    const [file, ...others] = cacheFiles()
    expect(others).toEqual([])
    expect(file).toMatch(/^cli-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+-usage-report\.v8cache$/)
    const path = join(cache, file ?? '')
    const written = { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs }

    const second = lowkey(REPORT)

    expect(second.code).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(readFileSync(path).equals(written.bytes)).toBe(true)
    expect(statSync(path).mtimeMs).toBe(written.mtimeMs)
  })

  it('keeps one cache for runs without a command', () => {
    const run = lowkey(['--version'])
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
    expect(cacheFiles()).toHaveLength(1)
    expect(cacheFiles()[0]).toMatch(/-main\.v8cache$/)
  })

  it('replaces a cache V8 rejects', () => {
    const first = lowkey(REPORT)
    const path = join(cache, cacheFiles()[0] ?? '')
    writeFileSync(path, 'not a code cache')

    const second = lowkey(REPORT)

    expect(second.code).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(readFileSync(path, 'utf8')).not.toBe('not a code cache')
    expect(statSync(path).size).toBeGreaterThan(10_000)
  })

  it('replaces a cache whose data was damaged', () => {
    // V8 checks only a cache's header; damaged data crashed every later run.
    const first = lowkey(REPORT)
    const path = join(cache, cacheFiles()[0] ?? '')
    const bytes = readFileSync(path)
    const middle = Math.floor(bytes.length / 2)
    for (let index = middle; index < middle + 2000; index += 1) {
      bytes[index] = (bytes[index] ?? 0) ^ 0xff
    }
    writeFileSync(path, bytes)

    const second = lowkey(REPORT)
    expect(second.code).toBe(0)
    expect(second.stdout).toBe(first.stdout)
    expect(readFileSync(path).equals(bytes)).toBe(false)

    const third = lowkey(REPORT)
    expect(third.code).toBe(0)
    expect(third.stdout).toBe(first.stdout)
  })

  it('removes the caches of other builds when writing', () => {
    mkdirSync(cache, { recursive: true })
    const stale = 'cli-0000000000000000-v20.0.0-x64-usage-report.v8cache'
    writeFileSync(join(cache, stale), 'old')

    lowkey(REPORT)

    expect(cacheFiles()).not.toContain(stale)
    expect(cacheFiles()).toHaveLength(1)
  })

  it('sends OTLP from the bundle without warnings', async () => {
    const project = copyDemoBox(temp.path)
    const receiver = await startOtlpReceiver()
    try {
      const argv = ['usage', 'export', '--project', project, '--format', 'otlp']
      const run = await lowkeyAsync([...argv, '--endpoint', receiver.url])

      expect(run.code).toBe(0)
      expect(run.stderr).not.toContain('Warning')
      // The demo project has 46 ledger records, each sent as one span.
      expect(run.stdout).toContain('sent 46 ledger records')
      expect(receiver.spans).toHaveLength(46)
    } finally {
      await receiver.close()
    }
  })

  it('runs as usual when the cache cannot be written', () => {
    // The second run finds the rollups built, as the run below does.
    lowkey(REPORT, { NODE_DISABLE_COMPILE_CACHE: '1' })
    const expected = lowkey(REPORT, { NODE_DISABLE_COMPILE_CACHE: '1' })
    expect(cacheFiles()).toEqual([])
    // A file where the cache folder belongs: the folder cannot be made.
    writeFileSync(cache, '')

    const run = lowkey(REPORT)

    expect(run.code).toBe(0)
    expect(run.stdout).toBe(expected.stdout)
    expect(run.stderr).toBe(expected.stderr)
  })
})
