import { COMPACT_AGENT, SUBAGENT } from './links'
import type { SubagentLinks } from './links'
import type { SystemLine, UserLine } from './schema'
import { newThread } from './tally'
import type { SessionTally, Thread } from './tally'

/** Fields that decide which thread a conversation line belongs to. */
type LinePlace = Pick<UserLine, 'isSidechain' | 'isMeta' | 'uuid' | 'parentUuid'>

/**
 * Decides which thread each line counts in: the main conversation, an inline
 * (1.0) subagent, the subagent whose log is being read, or a subagent rebuilt
 * from progress copies. Subagent threads start in the turn of their launching
 * call (see `SubagentLinks`), else in the turn under way when they started.
 */
export class ThreadRouter {
  /** Subagent threads, closed when the session ends. */
  private readonly threads: Thread[] = []
  /** Inline subagent threads by the uuid of each of their lines. */
  private readonly sidechains = new Map<string, Thread>()
  private lastSidechain: Thread | null = null
  /** Subagents rebuilt from agent_progress copies, by agent id. */
  private readonly copies = new Map<string, Thread>()
  /** The subagent log being read, and its thread once its first line is read. */
  private subagent: { agentId: string; thread: Thread | null } | null = null

  constructor(
    private readonly tally: SessionTally,
    private readonly links: SubagentLinks
  ) {}

  /** Starts a log: a subagent's when `agentId` is given, else the session's own. */
  beginLog(agentId: string | null): void {
    this.subagent = agentId === null ? null : { agentId, thread: null }
  }

  get readingSubagentLog(): boolean {
    return this.subagent !== null
  }

  /**
   * Returns the thread a user or assistant line counts in, or null for the
   * isMeta lines a subagent log can start with (hook context, not its prompt).
   * `prompt` is the line's text when it is a user message without tool results.
   */
  threadOf(entry: LinePlace, timestampMs: number, prompt: string | null): Thread | null {
    const subagent = this.subagent
    if (subagent !== null) {
      if (subagent.thread === null && entry.isMeta !== true) {
        // Separate logs are written alongside the parent's, so time places them.
        const segment = this.tally.segmentAt(timestampMs)
        subagent.thread = this.start(subagent.agentId, prompt, timestampMs, segment)
      }
      return subagent.thread
    }
    if (entry.isSidechain !== true) return this.tally.main
    return this.sidechainThread(entry, timestampMs, prompt)
  }

  /** Returns the thread of a system line, or null before a subagent log starts. */
  systemThread(entry: SystemLine): Thread | null {
    if (this.subagent !== null) return this.subagent.thread
    if (entry.isSidechain !== true) return this.tally.main

    const parent = entry.parentUuid ? this.sidechains.get(entry.parentUuid) : undefined
    const thread = parent ?? this.lastSidechain
    if (thread !== null && entry.uuid) this.sidechains.set(entry.uuid, thread)
    return thread
  }

  /** Returns the thread of a subagent counted from agent_progress copies. */
  copyThread(agentId: string, timestampMs: number): Thread {
    let thread = this.copies.get(agentId)
    if (thread === undefined) {
      // Progress lines are written into the parent's log as the subagent works.
      thread = this.start(agentId, null, timestampMs, this.tally.main.segment)
      thread.copied = true
      this.copies.set(agentId, thread)
    }
    return thread
  }

  /** Ends every subagent thread, so that an API error at its end marks its turn. */
  closeAll(): void {
    for (const thread of this.threads) this.tally.closeThread(thread)
  }

  /**
   * Returns the threads and their places as plain JSON data, for `restore`.
   * Saved between logs, when no subagent log is being read.
   */
  save(): RouterState {
    const places = new Map(this.threads.map((thread, index) => [thread, index]))
    const indexOf = (thread: Thread): number => places.get(thread) ?? -1
    return {
      threads: this.threads.map((thread) => ({ ...thread })),
      sidechains: [...this.sidechains].map(([uuid, thread]) => [uuid, indexOf(thread)]),
      lastSidechain: this.lastSidechain === null ? null : indexOf(this.lastSidechain),
      copies: [...this.copies].map(([agentId, thread]) => [agentId, indexOf(thread)])
    }
  }

  /** Replaces the router's threads with a state that `save` returned. */
  restore(state: RouterState): void {
    const threads = state.threads.map((thread) => ({ ...thread }))
    this.threads.splice(0, this.threads.length, ...threads)
    this.sidechains.clear()
    for (const [uuid, index] of state.sidechains) {
      const thread = threads[index]
      if (thread) this.sidechains.set(uuid, thread)
    }
    this.lastSidechain =
      state.lastSidechain === null ? null : (threads[state.lastSidechain] ?? null)
    this.copies.clear()
    for (const [agentId, index] of state.copies) {
      const thread = threads[index]
      if (thread) this.copies.set(agentId, thread)
    }
    this.subagent = null
  }

  /**
   * Follows an inline subagent through its parentUuid chain. A line whose
   * parent was not read continues the latest subagent, unless it is a prompt.
   */
  private sidechainThread(
    entry: LinePlace,
    timestampMs: number,
    prompt: string | null
  ): Thread {
    let thread = entry.parentUuid ? this.sidechains.get(entry.parentUuid) : undefined
    if (thread === undefined) {
      thread =
        prompt === null && this.lastSidechain !== null
          ? this.lastSidechain
          : this.start(null, prompt, timestampMs, this.tally.main.segment)
    }
    if (entry.uuid) this.sidechains.set(entry.uuid, thread)
    this.lastSidechain = thread
    return thread
  }

  /** Starts a subagent thread, in `unlinkedSegment` when nothing links it to a call. */
  private start(
    agentId: string | null,
    prompt: string | null,
    startedMs: number,
    unlinkedSegment: number
  ): Thread {
    const place = this.links.place(agentId, prompt)
    const thread = place
      ? newThread(place.segment, place.agent, startedMs)
      : newThread(unlinkedSegment, unlinkedAgent(agentId), startedMs)
    this.threads.push(thread)
    return thread
  }
}

function unlinkedAgent(agentId: string | null): string {
  return agentId?.startsWith('acompact-') ? COMPACT_AGENT : SUBAGENT
}

/** A router's subagent threads as plain JSON data; the maps give places in `threads`. */
export interface RouterState {
  threads: Thread[]
  sidechains: Array<[string, number]>
  lastSidechain: number | null
  copies: Array<[string, number]>
}
