import type { ConversationRow, TurnRow } from '../../../shared/api'
import type { CsvTable } from '../lib/export'

/** Lists the rows of the conversation list as a table. */
export function conversationTable(rows: readonly ConversationRow[]): CsvTable {
  return {
    columns: [
      'project',
      'conversation',
      'title',
      'agents',
      'providers',
      'models',
      'routine',
      'run',
      'turns',
      'inputTokens',
      'cacheReadTokens',
      'cacheWriteTokens',
      'outputTokens',
      'wallMs',
      'toolCalls',
      'toolErrors',
      'partialTurns',
      'firstStartedAt',
      'lastFinishedAt'
    ],
    rows: rows.map((row) => [
      row.projectId,
      row.conversation,
      row.title,
      row.agents.join(' '),
      row.providers.join(' '),
      row.models.join(' '),
      row.routine,
      row.run,
      row.turns,
      row.inputTokens,
      row.cacheReadTokens,
      row.cacheWriteTokens,
      row.outputTokens,
      row.wallMs,
      row.toolCalls,
      row.toolErrors,
      row.partialTurns,
      row.firstStartedAt,
      row.lastFinishedAt
    ])
  }
}

/** Lists the ledger records of turns as a table, one row per agent and model. */
export function turnRecordsTable(turns: readonly TurnRow[]): CsvTable {
  return {
    columns: [
      'turn',
      'agent',
      'provider',
      'model',
      'startedAt',
      'finishedAt',
      'inputTokens',
      'cacheReadTokens',
      'cacheWriteTokens',
      'outputTokens',
      'contextTokens',
      'wallMs',
      'toolCalls',
      'toolErrors',
      'tokens'
    ],
    rows: turns.flatMap((turn) =>
      turn.records.map((record) => [
        record.turn,
        record.agent,
        record.provider,
        record.model,
        record.startedAt,
        record.finishedAt,
        record.inputTokens,
        record.cacheReadTokens,
        record.cacheWriteTokens,
        record.outputTokens,
        record.contextTokens,
        record.wallMs,
        record.toolCalls,
        record.toolErrors,
        record.tokens
      ])
    )
  }
}
