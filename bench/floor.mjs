#!/usr/bin/env node
// The floor: the least work that still reads a corpus honestly. It reads every
// log in 1 MiB chunks, splits lines itself, decodes and JSON.parses every line
// (no pre-filter), and sums usage. Any reader that parses each line costs at
// least this much, so the benchmark states our times as ratios to it.
//
//   node bench/floor.mjs DIR                    Claude Code: DIR or DIR/projects
//   node bench/floor.mjs --format lowkey PROJECT  a Lowkey project's sessions
//
// Prints one JSON object with the sums. Token figures follow the ledger:
// `input` counts every prompt token, cache reads and writes included.

import { closeSync, existsSync, openSync, readSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'

const CHUNK = 1024 * 1024

/** Lists every `.jsonl` file below `folder`, sorted, following no links. */
function listLogs(folder) {
  const found = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile() && entry.name.endsWith('.jsonl')) found.push(path)
    }
  }
  walk(folder)
  return found.sort()
}

/** Calls `onLine(text)` for every complete line of a file; returns the bytes read. */
function readLines(path, onLine) {
  const fd = openSync(path, 'r')
  let buffer = Buffer.alloc(CHUNK)
  let carried = 0
  let total = 0
  try {
    for (;;) {
      if (carried === buffer.length) {
        // One line longer than the buffer: grow it rather than split the line.
        const larger = Buffer.alloc(buffer.length * 2)
        buffer.copy(larger, 0, 0, carried)
        buffer = larger
      }
      const read = readSync(
        fd,
        buffer,
        carried,
        Math.min(CHUNK, buffer.length - carried),
        null
      )
      if (read === 0) break
      total += read
      const end = carried + read
      const filled = buffer.subarray(0, end)
      let start = 0
      let newline = filled.indexOf(10, start)
      while (newline !== -1) {
        if (newline > start) onLine(filled.toString('utf8', start, newline))
        start = newline + 1
        newline = filled.indexOf(10, start)
      }
      // The unfinished rest moves to the front; the next read continues it.
      buffer.copy(buffer, 0, start, end)
      carried = end - start
    }
  } finally {
    closeSync(fd)
  }
  return total
}

function claudeCounter() {
  /** Figures by message id and request id: lines of one response count once. */
  const responses = new Map()
  return {
    line(value) {
      if (value?.type !== 'assistant') return
      const message = value.message
      const usage = message?.usage
      if (!usage || message.model === '<synthetic>') return
      const key = message.id ? `${message.id}\u0000${value.requestId ?? ''}` : Symbol()
      const figures = [
        usage.input_tokens ?? 0,
        usage.cache_read_input_tokens ?? 0,
        usage.cache_creation_input_tokens ?? 0,
        usage.output_tokens ?? 0
      ]
      const known = responses.get(key)
      if (known === undefined) responses.set(key, figures)
      else
        for (let index = 0; index < 4; index += 1)
          known[index] = Math.max(known[index], figures[index])
    },
    totals() {
      const totals = {
        responses: responses.size,
        input: 0,
        cacheRead: 0,
        cacheWrite: 0,
        output: 0
      }
      for (const [uncached, read, write, output] of responses.values()) {
        totals.input += uncached + read + write
        totals.cacheRead += read
        totals.cacheWrite += write
        totals.output += output
      }
      return totals
    }
  }
}

function lowkeyCounter() {
  /** Records by conversation, turn, agent and model: a later one replaces an earlier one. */
  const records = new Map()
  return {
    line(value) {
      if (value?.type !== 'turn.ledger' || !value.record) return
      const r = value.record
      records.set(
        `${r.conversation}\u0000${r.turn}\u0000${r.agent}\u0000${r.model ?? ''}`,
        r
      )
    },
    totals() {
      const totals = {
        records: records.size,
        input: 0,
        cacheRead: 0,
        cacheWrite: 0,
        output: 0
      }
      for (const record of records.values()) {
        totals.input += record.inputTokens
        totals.cacheRead += record.cacheReadTokens ?? 0
        totals.cacheWrite += record.cacheWriteTokens ?? 0
        totals.output += record.outputTokens
      }
      return totals
    }
  }
}

function main() {
  const { values, positionals } = parseArgs({
    options: { format: { type: 'string', default: 'claude-code' } },
    allowPositionals: true
  })
  const [dir] = positionals
  if (!dir || !['claude-code', 'lowkey'].includes(values.format)) {
    process.stderr.write('usage: floor.mjs [--format claude-code|lowkey] DIR\n')
    process.exit(2)
  }

  const started = performance.now()
  let folder = join(dir, '.lowkey', 'sessions')
  if (values.format === 'claude-code')
    folder = existsSync(join(dir, 'projects')) ? join(dir, 'projects') : dir
  const counter = values.format === 'lowkey' ? lowkeyCounter() : claudeCounter()
  const files = listLogs(folder)
  let bytes = 0
  let lines = 0
  let badLines = 0
  for (const file of files) {
    bytes += readLines(file, (text) => {
      lines += 1
      let value
      try {
        value = JSON.parse(text)
      } catch {
        badLines += 1
        return
      }
      counter.line(value)
    })
  }

  const result = {
    format: values.format,
    files: files.length,
    bytes,
    lines,
    badLines,
    ...counter.totals(),
    seconds: (performance.now() - started) / 1000
  }
  process.stdout.write(JSON.stringify(result) + '\n')
}

main()
