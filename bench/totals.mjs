// Token totals as each tool prints them, and their comparison. Comparing
// them keeps a fast but wrong result from passing unnoticed.

import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const FIGURES = ['input', 'cacheRead', 'cacheWrite', 'output']

/** Reads the floor's output: `input` already includes cache reads and writes. */
export function floorTotals(stdout) {
  return JSON.parse(stdout)
}

/** Reads `lowkey usage report --json`. */
export function ledgerTotals(stdout) {
  const total = JSON.parse(stdout).total
  return {
    input: total.inputTokens,
    cacheRead: total.cacheReadTokens,
    cacheWrite: total.cacheWriteTokens,
    output: total.outputTokens
  }
}

/** Compares input, cache read, cache write and output figures. */
export function compareTotals(label, expected, actual) {
  const differences = FIGURES.filter((figure) => expected[figure] !== actual[figure])
  const formatFigures = (totals) =>
    FIGURES.map((figure) => totals[figure].toLocaleString('en-US')).join(' / ')
  const detail =
    differences.length === 0
      ? `input / cache read / cache write / output ${formatFigures(actual)}`
      : `expected ${formatFigures(expected)}, got ${formatFigures(actual)}`
  return { label, ok: differences.length === 0, detail }
}

/** Adds up the sizes of the `.jsonl` files below `folder`; 0 when it is missing. */
export function treeBytes(folder) {
  let bytes = 0
  let entries
  try {
    entries = readdirSync(folder, { withFileTypes: true })
  } catch {
    return 0
  }
  for (const entry of entries) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) bytes += treeBytes(path)
    else if (entry.name.endsWith('.jsonl')) bytes += statSync(path).size
  }
  return bytes
}
