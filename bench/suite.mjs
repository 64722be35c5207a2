// The measurements of one benchmark run, in an order that leaves each run the
// state it needs: full rebuilds before the runs that expect fresh rollups, and
// appended turns last.

import { rmSync, statSync, truncateSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { CCUSAGE_VERSION, ensureCcusage } from './ccusage.mjs'
import { appendClaudeTurn } from './generate.mjs'
import { measure } from './measure.mjs'
import { formatMb } from './report.mjs'
import { compareTotals, ledgerTotals } from './totals.mjs'

const BENCH = dirname(fileURLToPath(import.meta.url))
const LOWKEY = join(BENCH, '..', 'bin', 'lowkey.js')
const FLOOR = join(BENCH, 'floor.mjs')

/** Runs commands in one sandbox environment and collects rows of samples and checks. */
class Suite {
  constructor({ env, runs, log }) {
    this.env = env
    this.runs = runs
    this.log = log
    this.rows = []
    this.checks = []
  }

  /** Runs a command once; a failure stops the benchmark, since its time would mean nothing. */
  once(label, command, args, node = true) {
    const result = measure(command, args, { env: this.env, node })
    if (result.status !== 0) {
      throw new Error(
        `${label} exited with ${result.status}:\n${result.stderr.slice(-2000)}`
      )
    }
    return result
  }

  node(label, args) {
    return this.once(label, process.execPath, args)
  }

  /** Runs a command `runs` times, calling `before(index)` ahead of each run. */
  sample(id, label, command, args, { before, note, node = true, compare = true } = {}) {
    const row = { id, label, note, compare, samples: [], peaks: [], error: null }
    for (let index = 0; index < this.runs; index += 1) {
      before?.(index)
      row.last = this.once(label, command, args, node)
      row.samples.push(row.last.ms)
      row.peaks.push(row.last.peakBytes)
    }
    this.log(`${label}: ${row.samples.map((ms) => Math.round(ms)).join(', ')} ms`)
    this.rows.push(row)
    return row
  }

  sampleNode(id, label, args, settings) {
    return this.sample(id, label, process.execPath, args, settings)
  }
}

const lowkey = (...args) => [LOWKEY, 'usage', ...args]

/**
 * Measures everything on `corpus` and returns `{ rows, checks }`. The log that
 * receives appended turns is cut back to its size before returning.
 */
export function runSuite({ corpus, env, runs, seed, log }) {
  const suite = new Suite({ env, runs, log })
  const appendTo = corpus.claude.largestSession
  const appendSize = statSync(appendTo).size
  const projectUsage = join(corpus.lowkeyProject, '.lowkey', 'usage')
  try {
    measureClaude(suite, corpus, appendTo, seed)
    rmSync(projectUsage, { recursive: true, force: true })
    measureProject(suite, corpus)
  } finally {
    if (statSync(appendTo).size !== appendSize) truncateSync(appendTo, appendSize)
    rmSync(projectUsage, { recursive: true, force: true })
  }
  return { rows: suite.rows, checks: suite.checks }
}

function measureClaude(suite, corpus, appendTo, seed) {
  const claude = ['--source', 'claude-code', '--dir', corpus.claudeDir]
  const floorOf = () => JSON.parse(suite.node('floor', [FLOOR, corpus.claudeDir]).stdout)
  const ours = () =>
    ledgerTotals(suite.node('report', lowkey('report', ...claude, '--json')).stdout)

  suite.log('reading the corpus once so that every run finds it in the page cache')
  const floor = floorOf()
  suite.checks.push({
    label: 'floor: lines that are not JSON',
    ok: floor.badLines === 0,
    detail: `${floor.badLines} of ${floor.lines}`,
    fatal: true
  })
  suite.sampleNode('floor', 'floor: JSON.parse of every line (bench/floor.mjs)', [
    FLOOR,
    corpus.claudeDir
  ])
  measureCcusage(suite, floor)

  // Start-up is part of every command-line time below, so it bounds them.
  suite.sampleNode('node', 'node start-up: node -e 0', ['-e', '0'], { compare: false })
  suite.sampleNode(
    'startup',
    'lowkey start-up: lowkey --version',
    [LOWKEY, '--version'],
    {
      compare: false
    }
  )
  suite.sampleNode(
    'full',
    'lowkey usage rebuild --full',
    lowkey('rebuild', '--full', ...claude)
  )
  suite.checks.push({
    ...compareTotals('Claude Code totals, lowkey vs floor', floor, ours()),
    fatal: true
  })
  suite.sampleNode(
    'unchanged',
    'lowkey usage rebuild, nothing changed',
    lowkey('rebuild', ...claude)
  )
  const report = suite.sampleNode(
    'report',
    'lowkey usage report --by day, rollups fresh',
    lowkey('report', ...claude, '--by', 'day')
  )
  if (/rebuilding first|building them first/.test(report.last.stderr)) {
    report.note = 'rollups were not fresh: the report rebuilt them'
  }

  const appendSize = statSync(appendTo).size
  suite.sampleNode(
    'appended',
    'lowkey usage rebuild, one turn appended',
    lowkey('rebuild', ...claude),
    {
      before: (index) => appendClaudeTurn(appendTo, seed * 1000 + index),
      note: `a turn appended to the largest session log (${formatMb(appendSize)}) before each run`
    }
  )
  suite.checks.push({
    ...compareTotals(
      `after ${suite.runs} appended turns, lowkey vs floor`,
      floorOf(),
      ours()
    ),
    fatal: true
  })
}

/**
 * Times ccusage's daily and session reports. When ccusage cannot be installed
 * or fails, its rows give the reason and the rest of the benchmark goes on.
 */
function measureCcusage(suite, floor) {
  const ccusage = ensureCcusage(suite.log)
  for (const [id, report] of [
    ['ccusageDaily', 'daily'],
    ['ccusageSession', 'session']
  ]) {
    const label = `ccusage ${CCUSAGE_VERSION} claude ${report} --offline --json`
    const failed = (error) => {
      suite.log(`${label}: ${error}`)
      suite.rows.push({ id, label, samples: [], peaks: [], error })
    }
    if (ccusage.error) {
      failed(ccusage.error)
      continue
    }
    let row
    try {
      const args = ['claude', report, '--offline', '--json']
      row = suite.sample(id, label, ccusage.binary, args, { node: false })
    } catch (error) {
      failed(error.message.split('\n').slice(0, 2).join(' '))
      continue
    }
    if (id !== 'ccusageDaily') continue

    // ccusage's inputTokens leaves the cached part out; the ledger's includes it.
    const totals = JSON.parse(row.last.stdout).totals
    const input = totals.inputTokens + totals.cacheReadTokens + totals.cacheCreationTokens
    suite.checks.push(
      compareTotals('Claude Code totals, ccusage daily vs floor', floor, {
        input,
        cacheRead: totals.cacheReadTokens,
        cacheWrite: totals.cacheCreationTokens,
        output: totals.outputTokens
      })
    )
  }
}

function measureProject(suite, corpus) {
  const project = ['--project', corpus.lowkeyProject]
  suite.sampleNode(
    'lowkeyFull',
    'lowkey usage rebuild --full, Lowkey project',
    lowkey('rebuild', '--full', ...project),
    {
      note: `the ${formatMb(corpus.lowkey.bytes)} Lowkey project`,
      compare: false
    }
  )
  const floor = JSON.parse(
    suite.node('floor', [FLOOR, '--format', 'lowkey', corpus.lowkeyProject]).stdout
  )
  const ours = ledgerTotals(
    suite.node('report', lowkey('report', ...project, '--json')).stdout
  )
  suite.checks.push({
    ...compareTotals('Lowkey project totals, lowkey vs floor', floor, ours),
    fatal: true
  })
}
