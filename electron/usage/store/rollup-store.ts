import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { LedgerRecord } from '../../../shared/ledger'
import type { Rollups } from '../../../shared/rollups'
import { writeFileAtomic } from '../files'
import { parseJsonLine, scanLines } from '../reader/lines'
import { manifestSchema } from './manifest'
import type { Manifest } from './manifest'
import { ResumeStates } from './resume-states'

/** File names of one rollup set. */
export const ROLLUP_FILES = {
  manifest: 'manifest.json',
  ledger: 'ledger.jsonl',
  conversations: 'conversations.json',
  days: 'days.json',
  agents: 'agents.json',
  providers: 'providers.json',
  routines: 'routines.json'
} as const satisfies Record<'manifest' | 'ledger' | keyof Rollups, string>

const SETS = 'sets'
const STATES = 'states'
const CURRENT = 'current'
const BUILDING = '.building'

/**
 * The rollup folder: complete sets under `sets/`, and `current` naming the one
 * in use. A new set is written aside and switched to by rewriting `current`,
 * so readers never see a mix of two builds.
 */
export class RollupStore {
  readonly states: ResumeStates

  constructor(readonly folder: string) {
    this.states = new ResumeStates(join(folder, STATES))
  }

  get lockPath(): string {
    return join(this.folder, 'lock')
  }

  async currentSet(): Promise<string | null> {
    try {
      const id = (await readFile(join(this.folder, CURRENT), 'utf8')).trim()
      return id ? join(this.folder, SETS, id) : null
    } catch {
      return null
    }
  }

  async readManifest(): Promise<Manifest | null> {
    const set = await this.currentSet()
    if (!set) return null
    try {
      // Read synchronously: a promise reads 512 KiB a turn of the thread pool.
      const parsed = manifestSchema.safeParse(
        JSON.parse(readFileSync(join(set, ROLLUP_FILES.manifest), 'utf8'))
      )
      return parsed.success ? (parsed.data as Manifest) : null
    } catch {
      return null
    }
  }

  async readRollup<K extends keyof Rollups>(name: K): Promise<Rollups[K]> {
    const set = await this.requireSet()
    return JSON.parse(readFileSync(join(set, ROLLUP_FILES[name]), 'utf8')) as Rollups[K]
  }

  /** Reads every ledger record of the current set, in file order. */
  async readLedger(): Promise<LedgerRecord[]> {
    const set = await this.requireSet()
    return readLedgerFile(join(set, ROLLUP_FILES.ledger))
  }

  /**
   * Writes a complete set aside and switches to it. Must be called with the
   * lock held. Older sets, and resume states the new manifest does not name,
   * are removed after the switch.
   */
  async writeSet(
    files: ReadonlyMap<string, string>,
    manifest: Manifest
  ): Promise<string> {
    const sets = join(this.folder, SETS)
    const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`
    const building = join(sets, id + BUILDING)
    await mkdir(building, { recursive: true })
    try {
      for (const [name, content] of files) await writeFile(join(building, name), content)
      await rename(building, join(sets, id))
    } catch (error) {
      await rm(building, { recursive: true, force: true })
      throw error
    }
    await writeFileAtomic(join(this.folder, CURRENT), id + '\n')
    await this.removeSetsExcept(id)
    const named = manifest.logs.flatMap((log) => (log.state ? [log.state] : []))
    this.states.removeAllExcept(new Set(named))
    return join(sets, id)
  }

  /** Removes sets left by earlier builds, including unfinished ones. Needs the lock. */
  async removeSetsExcept(keep: string): Promise<void> {
    let names: string[]
    try {
      names = await readdir(join(this.folder, SETS))
    } catch {
      return
    }
    for (const name of names) {
      if (name !== keep)
        await rm(join(this.folder, SETS, name), { recursive: true, force: true })
    }
  }

  private async requireSet(): Promise<string> {
    const set = await this.currentSet()
    if (!set) throw new Error(`no rollups in ${this.folder}: run a rebuild first`)
    return set
  }
}

/** Reads a ledger file written by `serializeLedger`. */
export async function readLedgerFile(path: string): Promise<LedgerRecord[]> {
  const records: LedgerRecord[] = []
  await scanLines(path, (bytes, start, end) => {
    records.push(parseJsonLine(bytes, start, end) as LedgerRecord)
  })
  return records
}

/** One record a line, in the order given. */
export function serializeLedger(records: readonly LedgerRecord[]): string {
  let text = ''
  for (const record of records) text += JSON.stringify(record) + '\n'
  return text
}
