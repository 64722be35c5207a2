// Turns benchmark measurements into the Markdown that `npm run bench` prints
// and docs/performance.md records: the runs, the total checks and the targets.

import { median } from './measure.mjs'

const MB = 1e6

export function formatMs(ms) {
  if (ms === null || ms === undefined) return '—'
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`
}

export function formatMb(bytes) {
  if (bytes === null || bytes === undefined) return '—'
  return `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`
}

function ratio(value) {
  return value === null ? '—' : value.toFixed(2)
}

/** Median time and highest peak of a row, or nulls when it did not run. */
export function summarize(row) {
  if (!row || row.error || row.samples.length === 0) return { ms: null, peak: null }
  const peaks = row.peaks.filter((peak) => peak !== null)
  return { ms: median(row.samples), peak: peaks.length ? Math.max(...peaks) : null }
}

function divide(a, b) {
  return a === null || b === null || b === 0 ? null : a / b
}

/** Returns the Markdown report. */
export function renderReport({ corpus, machine, runs, rows, checks }) {
  const byId = Object.fromEntries(rows.map((row) => [row.id, summarize(row)]))
  const floor = byId.floor.ms
  const daily = byId.ccusageDaily?.ms ?? null

  const lines = [
    `Corpus: Claude Code ${formatMb(corpus.claude.bytes)} in ${corpus.claude.logs} logs ` +
      `(${corpus.claude.sessions} sessions), Lowkey project ${formatMb(corpus.lowkey.bytes)} ` +
      `in ${corpus.lowkey.conversations} logs; seed ${corpus.seed}.`,
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ` +
      `${machine.os}, Node.js ${machine.node}; load average ${machine.load[0]} at the ` +
      `start and ${machine.load[1]} at the end.`,
    `Medians of ${runs} runs, each a separate process, page cache warm; ` +
      `peak memory is the highest maximum resident set size (${machine.memoryMethod}).`,
    '',
    '| run | median | min – max | vs floor | vs ccusage daily | peak memory | note |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |'
  ]
  for (const row of rows) {
    const { ms, peak } = byId[row.id]
    if (row.error) {
      lines.push(`| ${row.label} | — | — | — | — | — | ${row.error} |`)
      continue
    }
    const range = `${formatMs(Math.min(...row.samples))} – ${formatMs(Math.max(...row.samples))}`
    // A row measured on another corpus has no ratio to the Claude Code runs.
    const [toFloor, toDaily] =
      row.compare === false ? ['', ''] : [divide(ms, floor), divide(ms, daily)].map(ratio)
    lines.push(
      `| ${row.label} | ${formatMs(ms)} | ${range} | ${toFloor} | ${toDaily} | ` +
        `${formatMb(peak)} | ${noteOf(row, byId, daily)} |`
    )
  }

  lines.push('', '| check | result |', '| --- | --- |')
  for (const check of checks) {
    lines.push(
      `| ${check.label} | ${check.ok ? 'equal' : '**differ**'}: ${check.detail} |`
    )
  }

  lines.push('', '| target | measured | met |', '| --- | --- | --- |')
  for (const target of evaluateTargets(byId, corpus)) {
    lines.push(`| ${target.label} | ${target.measured} | ${target.verdict} |`)
  }
  return lines.join('\n') + '\n'
}

function noteOf(row, byId, daily) {
  if (row.id === 'unchanged') {
    const share = divide(byId.unchanged.ms, byId.full.ms)
    return share === null ? '' : `${(share * 100).toFixed(1)}% of full rebuild`
  }
  if (row.id === 'report') {
    const speedUp = divide(daily, byId.report.ms)
    if (speedUp === null) return ''
    return speedUp >= 1
      ? `${speedUp.toFixed(1)}× faster than ccusage daily`
      : `${(1 / speedUp).toFixed(1)}× slower than ccusage daily`
  }
  return row.note ?? ''
}

/** Checks each performance target against this run's figures. */
export function evaluateTargets(byId, corpus) {
  const full = byId.full.ms
  const floor = byId.floor.ms
  const daily = byId.ccusageDaily?.ms ?? null
  const verdict = (value, passes) =>
    value === null ? 'n/a' : passes(value) ? 'yes' : 'no'
  const atGigabyte = corpus.claude.bytes >= 0.9e9
  const targets = []

  const toFloor = divide(full, floor)
  targets.push({
    label: 'full rebuild ≤ 0.45 × floor',
    measured: ratio(toFloor),
    verdict: verdict(toFloor, (value) => value <= 0.45)
  })
  const toDaily = divide(full, daily)
  targets.push({
    label: 'full rebuild ≤ 1.0 × ccusage daily',
    measured: ratio(toDaily),
    verdict: verdict(toDaily, (value) => value <= 1)
  })
  const speedUp = divide(daily, byId.report.ms)
  targets.push({
    label: 'report --by day, rollups fresh, ≥ 10 × faster than ccusage daily',
    measured: speedUp === null ? '—' : `${speedUp.toFixed(1)}×`,
    verdict: verdict(speedUp, (value) => value >= 10)
  })
  const share = divide(byId.unchanged.ms, full)
  targets.push({
    label: 'rebuild with nothing changed < 5% of full rebuild',
    measured: share === null ? '—' : `${(share * 100).toFixed(1)}%`,
    verdict: verdict(share, (value) => value < 0.05)
  })
  const appended = byId.appended.ms
  targets.push({
    label: 'one appended turn in the rollups < 100 ms (set for 1 GB)',
    measured: formatMs(appended),
    verdict:
      verdict(appended, (value) => value < 100) +
      (atGigabyte ? '' : ' (this corpus is smaller)')
  })
  const peak = byId.full.peak
  targets.push({
    label: 'peak memory of full rebuild < 200 MB on one thread, < 300 MB with workers',
    measured: formatMb(peak),
    verdict:
      peak === null
        ? 'n/a'
        : peak < 200 * MB
          ? 'yes'
          : peak < 300 * MB
            ? 'only if workers run'
            : 'no'
  })
  return targets
}
