import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { REPO, copyDemoBox, tempFolder } from '../../support/temp'

// These run the built command line as an operator would; `npm test` builds it first.
const BIN = join(REPO, 'bin', 'lowkey.js')

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

function lowkey(...argv: string[]) {
  const home = join(temp.path, 'home')
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: REPO,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: home,
      LOWKEY_USAGE_HOME: join(temp.path, 'data'),
      CLAUDE_CONFIG_DIR: join(temp.path, 'claude'),
      CODEX_HOME: join(temp.path, 'codex'),
      TZ: 'UTC'
    }
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const totalRow = (stdout: string) =>
  stdout.split('\n').find((line) => line.startsWith('Total'))

describe('built lowkey command', () => {
  it('is built', () => {
    expect(existsSync(join(REPO, 'out', 'cli', 'lowkey.mjs'))).toBe(true)
  })

  it('rebuilds a copy of the demo project', () => {
    const project = copyDemoBox(temp.path)
    const run = lowkey('usage', 'rebuild', '--project', project)
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('27 conversations, 45 turns, 46 records')
    expect(run.stderr).toContain('1 bad line skipped')
  })

  it('reports Codex CLI fixtures by day', () => {
    const run = lowkey(
      'usage',
      'report',
      '--source',
      'codex',
      '--dir',
      'test/fixtures/codex',
      '--by',
      'day'
    )
    expect(run.code).toBe(0)
    // Input and output summed from the Codex fixture table in docs/sources/codex.md,
    // which an independent counter produced: 1,099,261 + 7,204,025 + 8,387,837 +
    // 34,469 + 0 + 16,341 input, and 22,305 + 36,075 + 51,854 + 431 + 0 + 81 output.
    expect(totalRow(run.stdout)).toMatch(
      /^Total\s+16\s+16,741,933\s+15,377,280\s+0\s+110,746\s/
    )
  })

  it('reports Claude Code fixtures by day', () => {
    const run = lowkey(
      'usage',
      'report',
      '--source',
      'claude-code',
      '--dir',
      'test/fixtures/claude-code',
      '--by',
      'day'
    )
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')[1]).toMatch(/^Day\s+Turns\s+Input/)
    // The per-session table in docs/sources/claude-code.md, from an independent
    // counter, adds up to 6,606,002 input and 45,725 output over 12 turns; the
    // synthetic sample adds 1 turn, 10 input and 5 output.
    expect(totalRow(run.stdout)).toMatch(/^Total\s+13\s+6,606,012\s.*\s45,730\s/)
  })

  it('names every folder searched when no logs are found', () => {
    const run = lowkey('usage', 'report', '--source', 'claude-code')
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('no claude-code logs found; searched:')
    expect(run.stderr).toContain(join(temp.path, 'claude', 'projects'))
  })

  it('reports on the example project with lowkey demo', () => {
    const run = lowkey('demo')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(
      `demo project copied to ${join(temp.path, 'data', 'demo-box')}`
    )
    expect(totalRow(run.stdout)).toMatch(/^Total\s+45\s+492,100\s/)
  })

  it('serves the built app and prints its URL', async () => {
    const project = copyDemoBox(temp.path)
    const home = join(temp.path, 'home')
    const child = spawn(process.execPath, [BIN, 'usage', 'serve', '--project', project], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        LOWKEY_USAGE_HOME: join(temp.path, 'data')
      }
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = ''
        child.stdout.setEncoding('utf8')
        child.stdout.on('data', (chunk: string) => {
          text += chunk
          if (text.includes('\n')) resolve(text.trim())
        })
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
      // Node's fetch keeps no cookies, so follow the token exchange by hand.
      const exchange = await fetch(url, { redirect: 'manual' })
      expect(exchange.status).toBe(303)
      const cookie = (exchange.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const page = await fetch(new URL('/', url), { headers: { cookie } })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('<title>Lowkey Usage</title>')
    } finally {
      // Wait for the exit: the command writes its code cache into the
      // sandbox while it shuts down, before the sandbox is removed.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
    }
  })

  it('keeps stdout clean JSON', () => {
    const run = lowkey(
      'usage',
      'report',
      '--source',
      'codex',
      '--dir',
      'test/fixtures/codex',
      '--json'
    )
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).total.inputTokens).toBe(16_741_933)
  })
})
