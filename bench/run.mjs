#!/usr/bin/env node
// `npm run bench`: measures the lowkey command line against the floor script
// and ccusage on one generated corpus, and prints a Markdown report.
//
//   npm run bench -- [--size 200m] [--runs 3] [--seed 1] [--keep]
//
// The corpus is written to <tmp>/lowkey-usage-bench/ and reused while it is
// intact; --keep leaves it there after the run, else it is removed. Every
// command runs with HOME, LOWKEY_USAGE_HOME and CODEX_HOME in a temporary
// folder and CLAUDE_CONFIG_DIR at the corpus, so no real logs are read.

import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { corpusFolder, prepareCorpus } from './corpus/cache.mjs'
import { DEFAULT_SEED, parseSize } from './generate.mjs'
import { MEMORY_METHOD } from './measure.mjs'
import { renderReport } from './report.mjs'
import { runSuite } from './suite.mjs'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..')

const log = (message) => process.stderr.write(`bench: ${message}\n`)

function readOptions() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '200m' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      keep: { type: 'boolean', default: false }
    }
  })
  const runs = Number(values.runs)
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`invalid --runs "${values.runs}": use a whole number from 1`)
  }
  const seed = Number(values.seed)
  if (!Number.isInteger(seed)) {
    throw new Error(`invalid --seed "${values.seed}": use a whole number`)
  }
  return { size: parseSize(values.size), runs, seed, keep: values.keep }
}

function describeMachine(loadAtStart) {
  return {
    load: [loadAtStart, loadavg()[0]].map((load) => load.toFixed(1)),
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    memoryMethod: MEMORY_METHOD
  }
}

async function main() {
  const started = performance.now()
  const loadAtStart = loadavg()[0]
  const { size, runs, seed, keep } = readOptions()
  if (!existsSync(join(REPO, 'out', 'cli', 'lowkey.mjs'))) {
    throw new Error('the command line is not built: run `npm run build:cli` first')
  }

  const corpus = prepareCorpus(size, seed, log)
  const sandbox = mkdtempSync(join(tmpdir(), 'lowkey-bench-run-'))
  const env = {
    ...process.env,
    HOME: join(sandbox, 'home'),
    LOWKEY_USAGE_HOME: join(sandbox, 'data'),
    CODEX_HOME: join(sandbox, 'codex'),
    CLAUDE_CONFIG_DIR: corpus.claudeDir,
    TZ: 'UTC',
    NO_COLOR: '1'
  }
  let results
  try {
    results = runSuite({ corpus, env, runs, seed, log })
  } finally {
    rmSync(sandbox, { recursive: true, force: true })
    if (!keep) rmSync(corpusFolder(size, seed), { recursive: true, force: true })
  }

  const report = renderReport({
    corpus,
    machine: describeMachine(loadAtStart),
    runs,
    ...results
  })
  const minutes = (performance.now() - started) / 60000
  process.stdout.write(`${report}\nThe benchmark took ${minutes.toFixed(1)} minutes.\n`)
  if (results.checks.some((check) => check.fatal && !check.ok)) {
    log(
      'lowkey and the floor disagree on the totals: the times above measure a wrong answer'
    )
    process.exitCode = 1
  }
}

try {
  await main()
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
