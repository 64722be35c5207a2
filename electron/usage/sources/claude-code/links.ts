import { basename } from 'node:path'

import { MAIN_AGENT } from './names'

/** Agent name of a subagent whose type is unknown. */
export const SUBAGENT = `${MAIN_AGENT}:subagent`
/** Agent name of a compaction call stored as a subagent log (`agent-acompact-*.jsonl`). */
export const COMPACT_AGENT = `${MAIN_AGENT}:compact`

/** Tells whether a log is a subagent's: `agent-<id>.jsonl`, beside the sessions or under one. */
export function isSubagentLog(path: string): boolean {
  return basename(path).startsWith('agent-')
}

/** Returns the agent id a subagent log is named after: `agent-ab12.jsonl` gives `ab12`. */
export function agentIdOf(path: string): string {
  return basename(path, '.jsonl').slice('agent-'.length)
}

/** A Task or Agent tool call that started a subagent. */
interface Launch {
  segment: number
  type: string | null
  prompt: string | null
  claimed: boolean
}

/** Turn segment and agent that a subagent's work counts under. */
export interface SubagentPlace {
  segment: number
  agent: string
}

/**
 * Links subagents to the tool calls that started them. Claude Code records the
 * link in three places. From 2.1 on, the Task or Agent result names the agent
 * (`toolUseResult.agentId`), and so do agent_progress lines, next to the id of
 * the launching call. In every version, the subagent's first line repeats the
 * call's prompt word for word. The agent id is tried first, then the prompt.
 */
export class SubagentLinks {
  private readonly launches = new Map<string, Launch>()
  private readonly callByAgent = new Map<string, string>()
  private readonly typeByCall = new Map<string, string>()
  private unnamed = 0

  /** Records a Task or Agent call made in `segment`. */
  addLaunch(
    callId: string | null,
    segment: number,
    request: { type: string | null; prompt: string | null }
  ): void {
    const key = callId ?? `\u0000${(this.unnamed += 1)}`
    this.launches.set(key, { segment, ...request, claimed: false })
  }

  /** Records that the subagent with `agentId` was started by the call `callId`. */
  linkAgent(agentId: string, callId: string, agentType?: string | null): void {
    if (!this.callByAgent.has(agentId)) this.callByAgent.set(agentId, callId)
    if (agentType) this.typeByCall.set(callId, agentType)
  }

  /** Finds where a subagent's work counts, or null when nothing links it to a call. */
  place(agentId: string | null, prompt: string | null): SubagentPlace | null {
    const callId = agentId === null ? undefined : this.callByAgent.get(agentId)
    const byId = callId === undefined ? undefined : this.launches.get(callId)
    if (byId !== undefined && callId !== undefined) return this.claim(byId, callId)

    if (prompt === null) return null
    for (const [key, launch] of this.launches) {
      if (!launch.claimed && launch.prompt === prompt) return this.claim(launch, key)
    }
    return null
  }

  /**
   * Returns the links as plain JSON data, for `restore`. Launches are copied:
   * reading the subagent logs claims them after the state is saved.
   */
  save(): LinksState {
    return {
      launches: [...this.launches].map(([key, launch]) => [key, { ...launch }]),
      callByAgent: [...this.callByAgent],
      typeByCall: [...this.typeByCall],
      unnamed: this.unnamed
    }
  }

  /** Replaces the links with a state that `save` returned. */
  restore(state: LinksState): void {
    this.launches.clear()
    for (const [key, launch] of state.launches) this.launches.set(key, { ...launch })
    this.callByAgent.clear()
    for (const [agentId, callId] of state.callByAgent)
      this.callByAgent.set(agentId, callId)
    this.typeByCall.clear()
    for (const [callId, type] of state.typeByCall) this.typeByCall.set(callId, type)
    this.unnamed = state.unnamed
  }

  private claim(launch: Launch, callId: string): SubagentPlace {
    launch.claimed = true
    const type = launch.type ?? this.typeByCall.get(callId) ?? null
    return { segment: launch.segment, agent: type ? `${MAIN_AGENT}:${type}` : SUBAGENT }
  }
}

/** Subagent links as plain JSON data: each map as its list of entries. */
export interface LinksState {
  launches: Array<[string, Launch]>
  callByAgent: Array<[string, string]>
  typeByCall: Array<[string, string]>
  unnamed: number
}
