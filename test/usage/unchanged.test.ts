import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rebuild } from '../../electron/usage/build'
import type { BuildSummary } from '../../electron/usage/build'
import { adapterFor } from '../../electron/usage/sources/registry'
import { projectTarget, sourceTarget } from '../../electron/usage/targets'
import type { UsageTarget } from '../../electron/usage/targets'
import { assistant, prompt, usage, writeProjects } from './sources/claude-code/logs'
import { copyDemoBox, tempFolder } from '../support/temp'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

const options = { timeZone: 'UTC', appVersion: 'test' }
const claudeCode = adapterFor('claude-code')

/**
 * Writes a Claude Code tree with one problem of each kind a reused log
 * replays: a bad line, a last line still being written, and an empty log.
 */
function writeTree(): string {
  const good = [prompt(0, 'go'), assistant(1, { id: 'm1', usage: usage(10, 0, 0, 1) })]
  const projects = writeProjects(temp.path, {
    '-p/s1.jsonl': good,
    '-p/s2.jsonl': [...good, good[1]?.slice(0, -20) ?? '', prompt(5, 'more')],
    '-p/s3.jsonl': good,
    '-p/s4.jsonl': []
  })
  appendFileSync(join(projects, '-p/s3.jsonl'), prompt(9, 'half').slice(0, 30))
  return projects
}

/** Counts the calls of the store's ledger reader, which only a build that loads the set makes. */
function countLedgerReads(target: UsageTarget): () => number {
  let calls = 0
  const read = target.store.readLedger.bind(target.store)
  target.store.readLedger = () => {
    calls += 1
    return read()
  }
  return () => calls
}

function problemsOf(summary: BuildSummary) {
  const { problems, badLines, unreadableFiles, partialTails, emptyFiles } =
    summary.diagnostics
  return { problems, badLines, unreadableFiles, partialTails, emptyFiles }
}

describe('unchanged rebuild', () => {
  it('answers from the manifest without loading the set', async () => {
    const target = sourceTarget('claude-code', [writeTree()], join(temp.path, 'data'))
    const first = await rebuild(target, claudeCode, options)
    const ledgerReads = countLedgerReads(target)

    const second = await rebuild(target, claudeCode, options)

    expect(ledgerReads()).toBe(0)
    expect(second.setFolder).toBe(first.setFolder)
    expect(second.logsRead).toBe(0)
    expect(second.conversationsRead).toEqual([])
    expect(second.manifest).toEqual(first.manifest)
    expect(await second.readRecords()).toEqual(await first.readRecords())
  })

  it('replays problems as a build that reuses every log does', async () => {
    const target = sourceTarget('claude-code', [writeTree()], join(temp.path, 'data'))
    await rebuild(target, claudeCode, options)
    const ledgerReads = countLedgerReads(target)
    const fast = await rebuild(target, claudeCode, options)
    expect(ledgerReads()).toBe(0)

    // The same records with their keys in another order: the history no
    // longer matches the set's ledger byte for byte, so the build loads the
    // set and reuses each log.
    const historyPath = target.historyPath ?? ''
    const reordered = readFileSync(historyPath, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) =>
        JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(line)).reverse()))
      )
    writeFileSync(historyPath, reordered.join('\n') + '\n')
    const reused = await rebuild(target, claudeCode, options)

    expect(ledgerReads()).toBe(1)
    expect(reused.setFolder).toBe(fast.setFolder)
    expect(problemsOf(fast)).toEqual(problemsOf(reused))
    expect(fast.diagnostics.badLines).toBe(1)
    expect(fast.diagnostics.partialTails).toEqual([
      join(target.roots[0] ?? '', '-p/s3.jsonl')
    ])
    expect(fast.diagnostics.emptyFiles).toEqual([
      join(target.roots[0] ?? '', '-p/s4.jsonl')
    ])
  })

  it('keeps what history adds that the set lacks', async () => {
    const target = sourceTarget('claude-code', [writeTree()], join(temp.path, 'data'))
    const first = await rebuild(target, claudeCode, options)
    const [record] = await first.readRecords()
    // A conversation whose log is gone, known only from history.
    const goneRecord = { ...record, conversation: 'gone-session' }
    appendFileSync(target.historyPath ?? '', JSON.stringify(goneRecord) + '\n')

    const second = await rebuild(target, claudeCode, options)

    expect(second.setFolder).not.toBe(first.setFolder)
    expect(second.manifest.counts.keptConversations).toBe(1)
    expect(second.manifest.counts.conversations).toBe(
      first.manifest.counts.conversations + 1
    )
  })

  it('loads a set whose ledger lost lines', async () => {
    const project = copyDemoBox(temp.path)
    const target = await projectTarget(project)
    const lowkey = adapterFor('lowkey')
    const first = await rebuild(target, lowkey, options)
    const ledgerPath = join(first.setFolder, 'ledger.jsonl')
    const lines = readFileSync(ledgerPath, 'utf8').split('\n')
    // The demo project's set has 46 records, one a line.
    expect(lines).toHaveLength(47)
    writeFileSync(ledgerPath, lines.slice(0, 40).join('\n') + '\n')
    const ledgerReads = countLedgerReads(target)

    await rebuild(target, lowkey, options)

    expect(ledgerReads()).toBe(1)
  })

  it('rebuilds a set whose ledger is missing', async () => {
    const target = sourceTarget('claude-code', [writeTree()], join(temp.path, 'data'))
    const first = await rebuild(target, claudeCode, options)
    rmSync(join(first.setFolder, 'ledger.jsonl'))

    const second = await rebuild(target, claudeCode, options)

    expect(second.setFolder).not.toBe(first.setFolder)
    expect(second.logsRead).toBe(4)
    expect(readFileSync(join(second.setFolder, 'ledger.jsonl'), 'utf8')).toBe(
      readFileSync(target.historyPath ?? '', 'utf8')
    )
  })

  it('rebuilds when a log grew or the zone changed', async () => {
    const projects = writeTree()
    const target = sourceTarget('claude-code', [projects], join(temp.path, 'data'))
    const first = await rebuild(target, claudeCode, options)

    const zoned = await rebuild(target, claudeCode, {
      ...options,
      timeZone: 'Asia/Kolkata'
    })
    expect(zoned.setFolder).not.toBe(first.setFolder)
    expect(zoned.manifest.timeZone).toBe('Asia/Kolkata')

    appendFileSync(join(projects, '-p/s1.jsonl'), prompt(20, 'again') + '\n')
    const grown = await rebuild(target, claudeCode, {
      ...options,
      timeZone: 'Asia/Kolkata'
    })
    expect(grown.setFolder).not.toBe(zoned.setFolder)
    expect(grown.conversationsRead).toEqual(['s1'])
  })
})
