import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rebuild } from '../../electron/usage/build'
import { lowkeyAdapter } from '../../electron/usage/sources/lowkey'
import { acquireLock } from '../../electron/usage/store/lock'
import { projectTarget, sourceTarget } from '../../electron/usage/targets'
import { copyDemoBox, hashTree, tempFolder } from '../support/temp'

let temp: ReturnType<typeof tempFolder>
let project: string
beforeEach(() => {
  temp = tempFolder()
  project = copyDemoBox(temp.path)
})
afterEach(() => temp.remove())

const options = { timeZone: 'UTC', appVersion: 'test' }

describe('rollup sets', () => {
  it('gives the same files after the rollups are deleted', async () => {
    const target = await projectTarget(project)
    const first = hashTree((await rebuild(target, lowkeyAdapter, options)).setFolder)
    rmSync(join(project, '.lowkey', 'usage'), { recursive: true })
    const second = hashTree((await rebuild(target, lowkeyAdapter, options)).setFolder)
    delete first['manifest.json']
    delete second['manifest.json']
    expect(second).toEqual(first)
  })

  it('keeps the current set when a build is cancelled', async () => {
    const target = await projectTarget(project)
    const built = await rebuild(target, lowkeyAdapter, options)
    const before = hashTree(join(project, '.lowkey', 'usage'))

    const controller = new AbortController()
    const cancelled = rebuild(target, lowkeyAdapter, {
      ...options,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.filesDone >= 3) controller.abort()
      }
    })
    await expect(cancelled).rejects.toThrow()
    expect(await target.store.currentSet()).toBe(built.setFolder)
    expect(hashTree(join(project, '.lowkey', 'usage'))).toEqual(before)
  })

  it('drops the records of a deleted Lowkey log', async () => {
    const target = await projectTarget(project)
    await rebuild(target, lowkeyAdapter, options)
    rmSync(join(project, '.lowkey', 'sessions', 'c-refactor-auth.jsonl'))
    const summary = await rebuild(target, lowkeyAdapter, options)
    expect(summary.manifest.counts.conversations).toBe(26)
    expect(summary.manifest.counts.keptConversations).toBe(0)
  })
})

describe('history of outside sources', () => {
  it('keeps records of logs another tool deleted, each turn once', async () => {
    // The history mechanism does not depend on the adapter: Lowkey logs stand
    // in for another tool's logs here.
    const sessions = join(project, '.lowkey', 'sessions')
    const target = sourceTarget('claude-code', [sessions], join(temp.path, 'data'))
    await rebuild(target, lowkeyAdapter, options)

    rmSync(join(sessions, 'c-refactor-auth.jsonl'))
    const kept = await rebuild(target, lowkeyAdapter, options)
    expect(kept.manifest.counts.conversations).toBe(27)
    expect(kept.manifest.counts.keptConversations).toBe(1)
    expect(kept.manifest.counts.records).toBe(46)

    const again = await rebuild(target, lowkeyAdapter, options)
    expect(again.manifest.counts.records).toBe(46)
    const history = readFileSync(target.historyPath ?? '', 'utf8')
      .trim()
      .split('\n')
    expect(history).toHaveLength(46)
  })
})

describe('history of unreadable logs', () => {
  it('keeps a conversation whose log cannot be read, even on a full rebuild', async () => {
    const sessions = join(project, '.lowkey', 'sessions')
    const target = sourceTarget('codex', [sessions], join(temp.path, 'data'))
    await rebuild(target, lowkeyAdapter, options)

    // The log is still listed but cannot be opened, as with a file of mode 000.
    const unreadable = {
      ...lowkeyAdapter,
      readGroup: async (
        group: Parameters<typeof lowkeyAdapter.readGroup>[0],
        diagnostics: Parameters<typeof lowkeyAdapter.readGroup>[1]
      ) => {
        if (group.conversation !== 'c-refactor-auth') {
          return lowkeyAdapter.readGroup(group, diagnostics)
        }
        diagnostics.unreadable(group.files[0]?.path ?? '', 'EACCES: permission denied')
        return { records: [], scans: new Map() }
      }
    }
    const summary = await rebuild(target, unreadable, { ...options, full: true })
    expect(summary.manifest.counts.conversations).toBe(27)
    expect(summary.manifest.counts.keptConversations).toBe(1)
    expect(summary.manifest.counts.records).toBe(46)
    expect(summary.logsRead).toBe(26)
  })
})

describe('writer lock', () => {
  it('takes over a lock whose process is gone', async () => {
    const path = join(temp.path, 'lock')
    // Process ids are at most 2^22 on Linux, so this one cannot be running.
    writeFileSync(
      path,
      JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: 'then' })
    )
    const release = await acquireLock(path)
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid)
    await release()
    expect(readdirSync(temp.path)).not.toContain('lock')
  })

  it('waits for a live holder, naming it', async () => {
    const path = join(temp.path, 'lock')
    mkdirSync(temp.path, { recursive: true })
    const release = await acquireLock(path)
    const waits: string[] = []
    const second = acquireLock(path, {
      pollMs: 10,
      onWait: (owner) => waits.push(`${owner.pid}@${owner.host}`)
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(waits).toEqual([`${process.pid}@${hostname()}`])
    await release()
    const releaseSecond = await second
    await releaseSecond()
  })

  it('gives up after its timeout with the holder in the message', async () => {
    const path = join(temp.path, 'lock')
    writeFileSync(
      path,
      JSON.stringify({ pid: process.pid, host: 'other-box', since: 'noon' })
    )
    await expect(acquireLock(path, { timeoutMs: 30, pollMs: 10 })).rejects.toThrow(
      /held by process \d+ on other-box since noon/
    )
  })
})
