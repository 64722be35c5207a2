import { join } from 'node:path'

import { LineWriter } from './writer.mjs'

const AGENTS = [
  { agent: 'planner', provider: 'anthropic', model: 'claude-sonnet-4-5-20250929' },
  { agent: 'coder', provider: 'openai', model: 'gpt-5.1-codex' },
  { agent: 'reviewer', provider: 'anthropic', model: 'claude-haiku-4-5-20251001' },
  { agent: 'summarizer', provider: 'local', model: 'qwen3-coder-30b' }
]

/**
 * Writes a Lowkey project (the format in docs/session-log.md) of about
 * `targetBytes` under `folder`. As in a real project, most bytes are message
 * and tool events that the reader skips; one `turn.ledger` ends each turn.
 * Returns the bytes written and the number of conversations.
 */
export function writeLowkeyProject({ random, pool, folder, targetBytes, startMs }) {
  const sessions = join(folder, '.lowkey', 'sessions')
  let bytes = 0
  let conversations = 0
  while (bytes < targetBytes) {
    const id = `c-${random.hex(12)}`
    const writer = new LineWriter(join(sessions, `${id}.jsonl`))
    writeConversation(
      random,
      pool,
      writer,
      id,
      startMs + random.int(0, 75 * 86400) * 1000
    )
    writer.close()
    bytes += writer.bytes
    conversations += 1
  }
  return { bytes, conversations }
}

function writeConversation(random, pool, writer, id, startMs) {
  let clockMs = startMs
  const at = (minMs, maxMs) => {
    clockMs += random.int(minMs, maxMs)
    return new Date(clockMs).toISOString()
  }
  const routine = random.chance(0.25) ? random.pick(['nightly-digest', 'triage']) : null
  const run = routine ? `${routine}-${random.hex(8)}` : null
  const lead = random.pick(AGENTS)
  writer.line({
    v: 1,
    type: 'conversation.opened',
    at: at(0, 0),
    conversation: id,
    title: pool.sentence(),
    agent: lead.agent,
    routine,
    run
  })

  const turns = random.int(2, 24)
  for (let turn = 1; turn <= turns; turn += 1) {
    const startedAt = at(30000, 3600000)
    writer.line({
      v: 1,
      type: 'message.user',
      at: startedAt,
      turn,
      text: pool.prose(random.int(40, 1200))
    })
    const toolCalls = random.int(0, 12)
    let toolErrors = 0
    for (let call = 0; call < toolCalls; call += 1) {
      const name = random.pick(['shell', 'read_file', 'apply_patch', 'search'])
      const isError = random.chance(0.06)
      if (isError) toolErrors += 1
      writer.line({
        v: 1,
        type: 'tool.call',
        at: at(500, 30000),
        turn,
        name,
        input: { arguments: pool.text(random.int(40, 600)) }
      })
      const output = pool.text(Math.round(random.logNormal(1500, 1)))
      writer.line({
        v: 1,
        type: 'tool.result',
        at: at(100, 20000),
        turn,
        name,
        isError,
        output
      })
    }
    const finishedAt = at(1000, 60000)
    const agents = random.chance(0.2) ? [lead, random.pick(AGENTS)] : [lead]
    for (const [index, who] of agents.entries()) {
      if (index > 0 && who.agent === lead.agent) continue
      writer.line({
        v: 1,
        type: 'turn.ledger',
        at: finishedAt,
        record: ledgerRecord(random, {
          id,
          turn,
          who,
          startedAt,
          finishedAt,
          toolCalls,
          toolErrors,
          index
        })
      })
    }
    writer.line({
      v: 1,
      type: 'message.agent',
      at: finishedAt,
      turn,
      text: pool.prose(random.int(40, 2000))
    })
  }
}

function ledgerRecord(
  random,
  { id, turn, who, startedAt, finishedAt, toolCalls, toolErrors, index }
) {
  const inputTokens = random.int(2000, 180000)
  const cacheReadTokens =
    who.provider === 'local' ? 0 : random.int(0, Math.floor(inputTokens * 0.8))
  const cacheWriteTokens =
    who.provider === 'anthropic' ? random.int(0, inputTokens - cacheReadTokens) : 0
  const main = index === 0
  return {
    conversation: id,
    turn,
    agent: who.agent,
    provider: who.provider,
    model: who.model,
    startedAt,
    finishedAt,
    inputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    cacheWrite5mTokens: cacheWriteTokens,
    cacheWrite1hTokens: 0,
    outputTokens: random.int(20, 12000),
    contextTokens: inputTokens,
    wallMs: Date.parse(finishedAt) - Date.parse(startedAt),
    toolCalls: main ? toolCalls : 0,
    toolErrors: main ? toolErrors : 0,
    tokens: random.chance(0.03) ? 'partial' : 'full'
  }
}
