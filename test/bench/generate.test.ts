import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { appendClaudeTurn, generateCorpus, parseSize } from '../../bench/generate.mjs'
import { runLowkey } from '../support/cli'
import { REPO, hashTree, tempFolder } from '../support/temp'

/** Small enough for a unit test, large enough for subagent logs and progress copies. */
const SIZE = 1_500_000

interface Figures {
  input: number
  cacheRead: number
  cacheWrite: number
  output: number
}

let temp: ReturnType<typeof tempFolder>

beforeEach(() => {
  temp = tempFolder('lowkey-bench-test-')
})

afterEach(() => {
  temp.remove()
})

function logHashes(root: string): Record<string, string> {
  return {
    ...hashTree(join(root, 'claude')),
    ...hashTree(join(root, 'lowkey-project'))
  }
}

function floor(args: string[]): Figures & { badLines: number; lines: number } {
  const run = spawnSync(process.execPath, [join(REPO, 'bench', 'floor.mjs'), ...args], {
    encoding: 'utf8'
  })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout)
}

async function ours(argv: string[]): Promise<Figures> {
  const run = await runLowkey(temp.path, ['usage', 'report', ...argv, '--json'])
  expect(run.code).toBe(0)
  const total = JSON.parse(run.stdout).total
  return {
    input: total.inputTokens,
    cacheRead: total.cacheReadTokens,
    cacheWrite: total.cacheWriteTokens,
    output: total.outputTokens
  }
}

const figuresOf = ({ input, cacheRead, cacheWrite, output }: Figures): Figures => ({
  input,
  cacheRead,
  cacheWrite,
  output
})

describe('benchmark corpus', () => {
  it('is the same for the same seed', () => {
    const first = generateCorpus({ root: join(temp.path, 'a'), size: SIZE, seed: 7 })
    generateCorpus({ root: join(temp.path, 'b'), size: SIZE, seed: 7 })
    generateCorpus({ root: join(temp.path, 'c'), size: SIZE, seed: 8 })

    const hashes = logHashes(join(temp.path, 'a'))
    expect(Object.keys(hashes).length).toBe(
      first.claude.logs + first.lowkey.conversations
    )
    expect(logHashes(join(temp.path, 'b'))).toEqual(hashes)
    expect(logHashes(join(temp.path, 'c'))).not.toEqual(hashes)
  })

  it('reaches the requested size', () => {
    const corpus = generateCorpus({ root: temp.path, size: SIZE })
    expect(corpus.claude.bytes).toBeGreaterThanOrEqual(SIZE)
    expect(corpus.claude.logs).toBeGreaterThan(corpus.claude.sessions)
    expect(corpus.lowkey.bytes).toBeGreaterThanOrEqual(SIZE / 10)
  })

  it('parses sizes with decimal units', () => {
    expect(parseSize('200m')).toBe(200_000_000)
    expect(parseSize('1g')).toBe(1_000_000_000)
    expect(parseSize('1.5M')).toBe(1_500_000)
    expect(() => parseSize('lots')).toThrow(/invalid size/)
  })
})

describe('floor totals', () => {
  it('equal the ledger of a Claude Code corpus', async () => {
    const corpus = generateCorpus({ root: join(temp.path, 'corpus'), size: SIZE })
    const expected = floor([corpus.claudeDir])
    expect(expected.badLines).toBe(0)
    expect(expected.output).toBeGreaterThan(0)

    const argv = ['--source', 'claude-code', '--dir', corpus.claudeDir]
    expect(await ours(argv)).toEqual(figuresOf(expected))
  })

  it('equal the ledger after an appended turn', async () => {
    const corpus = generateCorpus({ root: join(temp.path, 'corpus'), size: SIZE })
    const argv = ['--source', 'claude-code', '--dir', corpus.claudeDir]
    const before = await ours(argv)

    const log = corpus.claude.largestSession
    const size = statSync(log).size
    expect(appendClaudeTurn(log, 99)).toBe(statSync(log).size - size)
    const after = floor([corpus.claudeDir])
    expect(after.output).toBeGreaterThan(before.output)
    expect(await ours(argv)).toEqual(figuresOf(after))
  })

  it('equal the ledger of a Lowkey project', async () => {
    const corpus = generateCorpus({ root: join(temp.path, 'corpus'), size: SIZE })
    const expected = floor(['--format', 'lowkey', corpus.lowkeyProject])
    expect(expected.badLines).toBe(0)
    expect(await ours(['--project', corpus.lowkeyProject])).toEqual(figuresOf(expected))
  })
})
