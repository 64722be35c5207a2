import {
  appendFileSync,
  existsSync,
  mkdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { rebuild } from '../../../../electron/usage/build'
import type { BuildOptions } from '../../../../electron/usage/build'
import { codexAdapter } from '../../../../electron/usage/sources/codex'
import type { SourceAdapter } from '../../../../electron/usage/sources/types'
import { sourceTarget } from '../../../../electron/usage/targets'
import { tempFolder } from '../../../support/temp'
import { SAMPLES, SAMPLE_NAMES, lineEnds, sampleBytes } from './fixture-samples'
import { seededRandom, setContents } from '../../../support/sets'

let temp: ReturnType<typeof tempFolder>
beforeEach(() => {
  temp = tempFolder('lowkey-codex-random-')
  for (const name of ['HOME', 'CODEX_HOME', 'CLAUDE_CONFIG_DIR', 'LOWKEY_USAGE_HOME']) {
    const folder = join(temp.path, 'env', name)
    mkdirSync(folder, { recursive: true })
    vi.stubEnv(name, folder)
  }
})
afterEach(() => {
  vi.unstubAllEnvs()
  temp.remove()
})

const options: BuildOptions = { timeZone: 'UTC', appVersion: 'test', resumeMinBytes: 0 }

/** A rollout in the Codex home: the sample it grows from and how far it has been copied. */
interface Rollout {
  sample: string
  bytes: Buffer
  ends: number[]
  /** Offset in the sample of the next byte to append. */
  copied: number
}

/** Wraps the Codex adapter to count the logs it resumed past their start. */
function countingAdapter(): { adapter: SourceAdapter; resumedLogs: () => number } {
  let resumedLogs = 0
  const adapter: SourceAdapter = {
    ...codexAdapter,
    async resumeGroup(group, resume, diagnostics) {
      if (!codexAdapter.resumeGroup)
        throw new Error('the Codex adapter has no resumeGroup')
      const result = await codexAdapter.resumeGroup(group, resume, diagnostics)
      for (const scan of result.scans.values()) if (scan.startOffset > 0) resumedLogs += 1
      return result
    }
  }
  return { adapter, resumedLogs: () => resumedLogs }
}

describe('incremental Codex rebuild under random changes', () => {
  it.each([1, 2, 3])(
    'matches a full rebuild after every step (seed %i)',
    async (seed) => {
      const next = seededRandom(seed)
      const pick = <T>(list: readonly T[]): T => {
        const chosen = list[Math.floor(next() * list.length)]
        if (chosen === undefined) throw new Error('picked from an empty list')
        return chosen
      }
      const home = join(temp.path, 'codex')
      const roots = [join(home, 'sessions'), join(home, 'archived_sessions')]
      for (const root of roots) mkdirSync(root, { recursive: true })
      const target = sourceTarget('codex', roots, join(temp.path, 'data'))
      const { adapter, resumedLogs } = countingAdapter()
      const rollouts = new Map<string, Rollout>()

      /** Starts a rollout at `path` with the first `lines` lines of a sample. */
      const start = (path: string, sample: string, lines: number): void => {
        const bytes = sampleBytes(sample)
        const ends = lineEnds(bytes)
        const copied = ends[Math.min(lines, ends.length) - 1] ?? 0
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, bytes.subarray(0, copied))
        rollouts.set(path, { sample, bytes, ends, copied })
      }
      /** Appends the sample's bytes up to `end` to the rollout. */
      const copyTo = (path: string, rollout: Rollout, end: number): void => {
        appendFileSync(path, rollout.bytes.subarray(rollout.copied, end))
        rollout.copied = end
      }

      for (const sample of SAMPLE_NAMES) {
        const lines = lineEnds(sampleBytes(sample)).length
        start(join(home, SAMPLES[sample] ?? sample), sample, Math.ceil(lines / 3))
      }
      await rebuild(target, adapter, options)

      const operations: string[] = []
      for (let step = 0; step < 30; step += 1) {
        const paths = [...rollouts.keys()].filter((path) => existsSync(path)).sort()
        const path = pick(paths)
        const rollout = rollouts.get(path)
        if (!rollout) throw new Error(`no rollout at ${path}`)
        const name = path.slice(home.length + 1)
        const nextEnd = rollout.ends.find((end) => end > rollout.copied)
        const choice = next()

        if (choice < 0.45 && nextEnd !== undefined) {
          const count = 1 + Math.floor(next() * 40)
          const ends = rollout.ends.filter((end) => end > rollout.copied)
          copyTo(path, rollout, ends[Math.min(count, ends.length) - 1] ?? nextEnd)
          operations.push(`append ${count} lines to ${name}`)
        } else if (choice < 0.6 && nextEnd !== undefined) {
          const lineStart = rollout.copied
          const cut = lineStart + 1 + Math.floor(next() * (nextEnd - lineStart - 1))
          copyTo(path, rollout, Math.min(cut, nextEnd - 1))
          operations.push(`append part of a line to ${name}`)
        } else if (choice < 0.65) {
          appendFileSync(path, '{"timestamp":"2026-03-01T10:00:00Z","type":"event_msg"\n')
          operations.push(`append a bad line to ${name}`)
        } else if (choice < 0.72) {
          const size = statSync(path).size
          truncateSync(path, Math.floor(size * next()))
          operations.push(`truncate ${name}`)
        } else if (choice < 0.79) {
          const other = pick(SAMPLE_NAMES.filter((sample) => sample !== rollout.sample))
          start(path, other, 1 + Math.floor(next() * 200))
          operations.push(`replace ${name} with ${other}`)
        } else if (choice < 0.85 && paths.length > 2) {
          rmSync(path)
          rollouts.delete(path)
          operations.push(`delete ${name}`)
        } else {
          // A second file of one session, such as an archived copy beside the live one.
          const sample = pick(SAMPLE_NAMES)
          const folder = next() < 0.5 ? 'archived_sessions' : 'sessions/2026/09/01'
          const added = join(home, folder, `rollout-copy-${step}.jsonl`)
          start(added, sample, 1 + Math.floor(next() * 300))
          operations.push(`add ${added.slice(home.length + 1)} from ${sample}`)
        }

        // Each build removes the set before it, so each one is read right away.
        const incremental = setContents(
          (await rebuild(target, adapter, options)).setFolder
        )
        const full = setContents(
          (await rebuild(target, adapter, { ...options, full: true })).setFolder
        )
        expect(incremental, operations.join(', ')).toEqual(full)
      }
      expect(resumedLogs()).toBeGreaterThan(5)
    },
    60_000
  )
})
