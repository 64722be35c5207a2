import { createHash } from 'node:crypto'
import { readFileSync, readdirSync, rmSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Adapter states that let a later build go on reading a group where this one
 * ended, kept beside the rollup sets in one file each, named by a hash of
 * their JSON text. A group that did not change keeps its file, so an
 * incremental build writes only the states of the groups it read. They stay
 * out of the manifest, which every report reads, because a long session's
 * state runs to hundreds of kilobytes.
 *
 * Reads and removals are synchronous, and few. A full build writes hundreds
 * of states, and their writes overlap with parsing.
 */
export class ResumeStates {
  constructor(readonly folder: string) {}

  /** Writes started by `write` and not yet awaited by `flush`. */
  private pending: Array<Promise<unknown>> = []

  /**
   * Keeps a state and returns its name; the file is written in the
   * background, on libuv's thread pool, while the build goes on parsing.
   * Call `flush` before the set that names it is written. Needs the store's
   * lock. A file of that name is written again, in case it was damaged.
   */
  write(state: unknown): string {
    const text = JSON.stringify(state)
    const name = nameOf(text)
    // Written in place: a write cut short leaves text that no longer has the
    // hash it is named by, which `read` rejects. A temporary file and a rename
    // each would double the cost of a full build's hundreds of states.
    const written = mkdir(this.folder, { recursive: true }).then(() =>
      writeFile(this.pathOf(name), text)
    )
    // Failures are taken by `flush`; until then they must not count as unhandled.
    written.catch(() => undefined)
    this.pending.push(written)
    return name
  }

  /** Waits for every state `write` started; throws the first failure. */
  async flush(): Promise<void> {
    const pending = this.pending
    this.pending = []
    await Promise.all(pending)
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
