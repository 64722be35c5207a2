import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const FIXTURES = join(import.meta.dirname, '../../../fixtures/codex')

/**
 * Sample names (see test/fixtures/codex/PROVENANCE.md) and their fixture files,
 * relative to `FIXTURES`, which is laid out as a Codex home folder.
 */
export const SAMPLES: Record<string, string> = {
  'acidicsoil-0.58.0-single-turn':
    'sessions/2025/11/17/rollout-2025-11-17T15-30-28-019a93b9-f380-7600-98ff-940e6b99603c.jsonl',
  'localpush-0.104-multiturn':
    'sessions/2026/02/23/rollout-2026-02-23T12-40-23-019c8a4c-ed82-79a1-aa28-7738fc5ab61a.jsonl',
  'localpush-0.104-compaction-daychange-window':
    'sessions/2026/02/23/rollout-2026-02-23T12-54-34-019c8a59-e9dd-71f0-9ae3-4079fe9726a9.jsonl',
  'localpush-0.104-interrupted':
    'sessions/2026/02/23/rollout-2026-02-23T13-19-38-019c8a70-dda7-7f33-98ea-f30553347322.jsonl',
  'simonw-0.77.0-no-token-count':
    'archived_sessions/rollout-2025-12-28T12-18-30-019b64e5-57fa-7463-b644-fba7e456f905.jsonl',
  'agentsessions-synthetic-catalog':
    'sessions/2026/08/03/rollout-2026-08-03T10-48-56-019fc8be-3658-7ca3-9e29-000000000000.jsonl'
}

export const SAMPLE_NAMES = Object.keys(SAMPLES)

export function sampleBytes(sample: string): Buffer {
  const path = SAMPLES[sample]
  if (path === undefined) throw new Error(`unknown sample: ${sample}`)
  return readFileSync(join(FIXTURES, path))
}

/** Offsets just past each line end, so that a cut there splits no line. */
export function lineEnds(bytes: Buffer): number[] {
  const ends: number[] = []
  let index = bytes.indexOf(0x0a)
  while (index !== -1) {
    ends.push(index + 1)
    index = bytes.indexOf(0x0a, index + 1)
  }
  return ends
}
