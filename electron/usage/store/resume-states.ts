import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Adapter states that let a later build go on reading a group where this one
 * ended, kept beside the rollup sets in one file each, named by a hash of
 * their JSON text. A group that did not change keeps its file, so an
 * incremental build writes only the states of the groups it read. They stay
 * out of the manifest, which every report reads, because a long session's
 * state runs to hundreds of kilobytes.
 *
 * The calls are synchronous: a build writes hundreds of small files, and each
 * round trip through the thread pool would cost more than the write.
 */
export class ResumeStates {
  constructor(readonly folder: string) {}

  /**
   * Keeps a state and returns its name. Needs the store's lock. A file of
   * that name is written again, in case it was damaged.
   */
  write(state: unknown): string {
    const text = JSON.stringify(state)
    const name = nameOf(text)
    const path = this.pathOf(name)

    mkdirSync(this.folder, { recursive: true })
    // Written in place: a write cut short leaves text that no longer has the
    // hash it is named by, which `read` rejects. A temporary file and a rename
    // each would double the cost of a full build's hundreds of states.
    writeFileSync(path, text)
    return name
  }

  /**
   * Reads a state kept by `write`; null when it is missing, or damaged: its
   * text no longer has the hash it is named by.
   */
  read(name: string): unknown {
    try {
      const text = readFileSync(this.pathOf(name), 'utf8')
      return nameOf(text) === name ? (JSON.parse(text) as unknown) : null
    } catch {
      return null
    }
  }

  /** Removes every file but the states named. Needs the lock. */
  removeAllExcept(keep: ReadonlySet<string>): void {
    let entries: string[]
    try {
      entries = readdirSync(this.folder)
    } catch {
      return
    }
    for (const entry of entries) {
      const name = entry.endsWith('.json') ? entry.slice(0, -'.json'.length) : null
      if (name === null || !keep.has(name))
        rmSync(join(this.folder, entry), { force: true })
    }
  }

  private pathOf(name: string): string {
    return join(this.folder, name + '.json')
  }
}

function nameOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32)
}
