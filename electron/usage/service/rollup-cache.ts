import type { LedgerRecord } from '../../../shared/ledger'
import type { Rollups } from '../../../shared/rollups'
import type { Manifest } from '../store/manifest'
import type { RollupStore } from '../store/rollup-store'

/** What the service keeps of one rollup set in memory. */
export interface LoadedRollups {
  set: string
  manifest: Manifest
  rollups: Rollups
  /** The ledger, grouped by conversation, read on first need. */
  ledger: () => Promise<Map<string, LedgerRecord[]>>
}

/**
 * Reads a store's current rollup set once and keeps it until `current`
 * switches to another set, so screens never reread files that did not change.
 */
export class RollupCache {
  private readonly loaded = new Map<string, LoadedRollups>()

  async load(store: RollupStore): Promise<LoadedRollups | null> {
    const set = await store.currentSet()
    if (!set) return null
    const cached = this.loaded.get(store.folder)
    if (cached?.set === set) return cached

    const manifest = await store.readManifest()
    if (!manifest) return null
    const [conversations, days, agents, providers, routines] = await Promise.all([
      store.readRollup('conversations'),
      store.readRollup('days'),
      store.readRollup('agents'),
      store.readRollup('providers'),
      store.readRollup('routines')
    ])
    let ledger: Promise<Map<string, LedgerRecord[]>> | null = null
    const entry: LoadedRollups = {
      set,
      manifest,
      rollups: { conversations, days, agents, providers, routines },
      ledger: () => (ledger ??= groupLedger(store))
    }
    this.loaded.set(store.folder, entry)
    return entry
  }

  forget(store: RollupStore): void {
    this.loaded.delete(store.folder)
  }
}

async function groupLedger(store: RollupStore): Promise<Map<string, LedgerRecord[]>> {
  const byConversation = new Map<string, LedgerRecord[]>()
  for (const record of await store.readLedger()) {
    let list = byConversation.get(record.conversation)
    if (!list) {
      list = []
      byConversation.set(record.conversation, list)
    }
    list.push(record)
  }
  return byConversation
}
