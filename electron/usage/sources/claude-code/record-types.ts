/**
 * Byte strings that every line the ledger needs contains. Snapshots, attachments
 * and hook or bash progress lines contain none of them, so they are never parsed.
 * Inside a JSON string a quote is escaped, so these match only structure.
 */
export const NEEDLES = [
  '"type":"user"',
  '"type":"assistant"',
  '"type":"system"',
  '"type":"agent_progress"',
  // Lets a record of a type unknown to this version reach the unknown count
  // when it carries usage, which would mean spend this version misses.
  '"usage":{'
].map((needle) => Buffer.from(needle))

/** Record types that carry nothing the ledger needs. */
export const BOOKKEEPING_TYPES = new Set([
  'summary',
  'file-history-snapshot',
  'queue-operation',
  'permission-mode',
  'attachment',
  'last-prompt',
  'ai-title',
  'custom-title',
  'agent-name',
  'mode',
  'worktree-state',
  'pr-link',
  'result',
  'relocated'
])

/** `system` subtypes seen in Claude Code 1.0 to 2.1 logs; 1.0 hook lines have none. */
export const SYSTEM_SUBTYPES = new Set([
  'local_command',
  'compact_boundary',
  'stop_hook_summary',
  'turn_duration',
  'away_summary',
  'api_error',
  'api_refusal',
  'error'
])
