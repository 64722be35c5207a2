import { cpSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rebuild } from '../../electron/usage/build'
import type { Environment } from '../../electron/usage/paths'
import { adapterFor, resolveSourceRoots } from '../../electron/usage/sources/registry'
import { sourceTarget } from '../../electron/usage/targets'
import { REPO, tempFolder } from '../support/temp'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

const options = { timeZone: 'UTC', appVersion: 'test' }

function walk(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)]
  )
}

describe('source targets', () => {
  it('keep history when a log folder appears later', async () => {
    // Codex makes archived_sessions/ on the first archive.
    const codexHome = join(temp.path, 'codex')
    cpSync(
      join(REPO, 'test', 'fixtures', 'codex', 'sessions'),
      join(codexHome, 'sessions'),
      {
        recursive: true
      }
    )
    const environment: Environment = {
      env: { CODEX_HOME: codexHome },
      home: temp.path,
      platform: 'linux'
    }
    const dataDir = join(temp.path, 'data')
    const targetNow = () => {
      const { roots, searched } = resolveSourceRoots('codex', undefined, environment)
      return sourceTarget('codex', roots, dataDir, searched)
    }
    const adapter = adapterFor('codex')
    const first = await rebuild(targetNow(), adapter, options)
    const conversations = first.manifest.counts.conversations
    expect(conversations).toBeGreaterThan(2)

    const [gone, archived] = walk(join(codexHome, 'sessions'))
    rmSync(gone ?? '')
    const afterDelete = await rebuild(targetNow(), adapter, options)
    expect(afterDelete.manifest.counts.keptConversations).toBe(1)

    mkdirSync(join(codexHome, 'archived_sessions'))
    renameSync(archived ?? '', join(codexHome, 'archived_sessions', 'moved.jsonl'))
    const afterArchive = await rebuild(targetNow(), adapter, options)
    expect(targetNow().roots).toHaveLength(2)
    expect(afterArchive.manifest.counts.keptConversations).toBe(1)
    expect(afterArchive.manifest.counts.conversations).toBe(conversations)
  })

  it('move a data folder keyed by the roots found', async () => {
    const projects = join(temp.path, 'claude', 'projects')
    cpSync(join(REPO, 'test', 'fixtures', 'claude-code', 'projects'), projects, {
      recursive: true
    })
    const dataDir = join(temp.path, 'data')
    const searched = [projects, join(temp.path, 'other', 'projects')]
    const before = await rebuild(
      sourceTarget('claude-code', [projects], dataDir),
      adapterFor('claude-code'),
      options
    )

    const target = sourceTarget('claude-code', [projects], dataDir, searched)
    expect(readdirSync(join(dataDir, 'sources'))).toHaveLength(1)
    expect((await target.store.readManifest())?.counts).toEqual(before.manifest.counts)
  })
})
