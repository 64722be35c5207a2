import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { statAll } from '../../electron/usage/stat-all'
import { tempFolder } from '../support/temp'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder()
})
afterEach(() => temp.remove())

describe('statAll', () => {
  it('gives size and whole-millisecond mtime', async () => {
    const path = join(temp.path, 'a.jsonl')
    writeFileSync(path, 'twelve bytes')
    utimesSync(path, 1_700_000_000.1234, 1_700_000_000.1234)

    const stats = await statAll([path])

    expect(stats.get(path)).toEqual({ size: 12, mtimeMs: 1_700_000_000_123 })
  })

  it('maps missing and unreadable paths to null', async () => {
    const missing = join(temp.path, 'missing.jsonl')
    // A path through a file cannot be stat'ed: ENOTDIR, not ENOENT.
    writeFileSync(join(temp.path, 'file'), '')
    const throughFile = join(temp.path, 'file', 'log.jsonl')

    const stats = await statAll([missing, throughFile])

    expect(stats.get(missing)).toBeNull()
    expect(stats.get(throughFile)).toBeNull()
  })

  it('stats every path of a long list', async () => {
    // More paths than one slice between event-loop turns.
    mkdirSync(join(temp.path, 'logs'))
    const paths = Array.from({ length: 600 }, (_, index) => {
      const path = join(temp.path, 'logs', `${index}.jsonl`)
      writeFileSync(path, 'x'.repeat(index % 7))
      return path
    })

    const stats = await statAll(paths)

    expect(stats.size).toBe(600)
    for (const [index, path] of paths.entries()) {
      expect(stats.get(path)?.size).toBe(index % 7)
    }
  })
})
