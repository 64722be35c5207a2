#!/usr/bin/env node
// Writes a benchmark corpus: Claude Code session logs (2.1 layout, with
// subagent logs) and a Lowkey project. The same seed and size always give the
// same bytes.
//
//   node bench/generate.mjs [--size 200m] [--seed 1] [--out DIR]
//
// Layout under DIR:
//   claude/projects/<encoded cwd>/<session id>.jsonl
//   claude/projects/<encoded cwd>/<session id>/subagents/agent-<id>.jsonl
//   lowkey-project/.lowkey/sessions/<conversation id>.jsonl
//   corpus.json   what was written, for reuse and for picking a log to append to

import {
  mkdtempSync,
  openSync,
  readSync,
  closeSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { ClaudeSession } from './corpus/claude-session.mjs'
import { writeLowkeyProject } from './corpus/lowkey.mjs'
import { Random, TextPool } from './corpus/random.mjs'
import { LineWriter } from './corpus/writer.mjs'

/** Bumped whenever the generator's output changes, so cached corpora are rebuilt. */
export const GENERATOR_VERSION = 1
export const DEFAULT_SEED = 1

/** The Lowkey project's size as a share of the Claude Code corpus. */
const LOWKEY_SHARE = 0.1
const CLAUDE_VERSIONS = ['2.1.39', '2.1.76', '2.1.114']
/** Sessions start within this many days of 2026-01-05. */
const SPAN_DAYS = 75
const START_MS = Date.UTC(2026, 0, 5, 8)

/** Parses a size such as `200m`, `1g` or `500k` (decimal units) into bytes. */
export function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(String(text).trim())
  if (!match)
    throw new Error(`invalid size "${text}": use a number with k, m or g, such as 200m`)
  const unit = { '': 1, k: 1e3, m: 1e6, g: 1e9 }[match[2].toLowerCase()]
  return Math.round(Number(match[1]) * unit)
}

/**
 * Writes a corpus into `root` and returns its description (also saved as
 * `corpus.json`). `size` is the Claude Code corpus in bytes; the Lowkey
 * project adds a tenth of that.
 */
export function generateCorpus({ root, size, seed = DEFAULT_SEED }) {
  const started = performance.now()
  const random = new Random(seed)
  const pool = new TextPool(random)
  const claude = writeClaudeCorpus(random, pool, join(root, 'claude', 'projects'), size)
  const lowkey = writeLowkeyProject({
    random,
    pool,
    folder: join(root, 'lowkey-project'),
    targetBytes: Math.round(size * LOWKEY_SHARE),
    startMs: START_MS
  })
  const corpus = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    size,
    claudeDir: join(root, 'claude'),
    lowkeyProject: join(root, 'lowkey-project'),
    claude,
    lowkey,
    seconds: (performance.now() - started) / 1000
  }
  writeFileSync(join(root, 'corpus.json'), JSON.stringify(corpus, null, 2) + '\n')
  return corpus
}

function writeClaudeCorpus(random, pool, projects, size) {
  const cwds = Array.from(
    { length: 24 },
    (_, index) => `/home/dev/work/${pool.sentence().split(' ')[0].toLowerCase()}-${index}`
  )
  const median = Math.min(1e6, Math.max(30e3, size / 200))
  const cap = Math.max(median, Math.min(40e6, size / 8))

  let bytes = 0
  let sessions = 0
  let logs = 0
  let largest = { path: null, bytes: 0 }
  while (bytes < size) {
    // Squaring the draw makes a few projects hold most sessions, as on a real machine.
    const cwd = cwds[Math.floor(random.next() ** 2 * cwds.length)]
    const folder = join(projects, cwd.replace(/[/.]/g, '-'))
    const sessionId = random.uuid()
    const path = join(folder, `${sessionId}.jsonl`)
    const writer = new LineWriter(path)
    const version = random.pick(CLAUDE_VERSIONS)
    const session = new ClaudeSession({
      random,
      pool,
      writer,
      folder,
      sessionId,
      cwd,
      version,
      clockMs: START_MS + random.int(0, SPAN_DAYS * 86400) * 1000
    })
    const budget = Math.min(cap, random.logNormal(median, 1.1))
    do {
      session.turn()
    } while (session.bytes < budget && bytes + session.bytes < size)
    writer.close()

    bytes += session.bytes
    sessions += 1
    logs += 1 + session.subagentLogs
    if (writer.bytes > largest.bytes) largest = { path, bytes: writer.bytes }
  }
  return { bytes, sessions, logs, largestSession: largest.path }
}

/**
 * Appends one realistic turn (a prompt, several calls, tool results, no
 * subagent) to a Claude Code session log, continuing its last line's session,
 * time and parent. Returns the number of bytes appended.
 */
export function appendClaudeTurn(path, seed) {
  const last = lastConversationLine(path)
  const random = new Random(seed)
  const writer = new LineWriter(path, { append: true })
  const session = new ClaudeSession({
    random,
    pool: new TextPool(random, 512),
    writer,
    folder: dirname(path),
    sessionId: last.sessionId,
    cwd: last.cwd,
    version: last.version,
    clockMs: Date.parse(last.timestamp)
  })
  session.parentUuid = last.uuid
  session.turn({ subagents: false })
  writer.close()
  return writer.bytes
}

/** Reads the last line of a log that names its session, time and uuid. */
function lastConversationLine(path) {
  const size = statSync(path).size
  const length = Math.min(size, 4 * 1024 * 1024)
  const buffer = Buffer.alloc(length)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, buffer, 0, length, size - length)
  } finally {
    closeSync(fd)
  }
  const lines = buffer.toString('utf8').split('\n')
  for (let index = lines.length - 1; index > 0; index -= 1) {
    try {
      const value = JSON.parse(lines[index])
      if (value.sessionId && value.timestamp && value.uuid && value.version) return value
    } catch {
      // The first line of the window can be cut; older lines are tried next.
    }
  }
  throw new Error(`no line with a session id, time and uuid at the end of ${path}`)
}

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '200m' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      out: { type: 'string' }
    }
  })
  const root = values.out ?? mkdtempSync(join(tmpdir(), 'lowkey-bench-corpus-'))
  const corpus = generateCorpus({
    root,
    size: parseSize(values.size),
    seed: Number(values.seed)
  })
  const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`
  process.stdout.write(
    `wrote ${root} in ${corpus.seconds.toFixed(1)} s\n` +
      `  Claude Code: ${megabytes(corpus.claude.bytes)}, ${corpus.claude.sessions} sessions, ${corpus.claude.logs} logs\n` +
      `  Lowkey project: ${megabytes(corpus.lowkey.bytes)}, ${corpus.lowkey.conversations} conversations\n`
  )
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
