// Counts the usage in Codex CLI rollout files, independently of the adapter, so
// that tests compare the adapter with figures worked out another way.
//
// Usage: node test/support/count-codex.mjs FILE...
// Prints one JSON object per file. Every line is parsed with JSON.parse, and
// each model call's spend is the difference between two running totals.
// The first call of a file has no earlier total, so it takes
// last_token_usage. The sum of last_token_usage is printed beside it as a
// cross-check.

import { readFileSync } from 'node:fs'

const FIELDS = [
  'input_tokens',
  'cached_input_tokens',
  'output_tokens',
  'reasoning_output_tokens'
]
const TOOL_CALL_TYPES = ['function_call', 'custom_tool_call', 'local_shell_call']
const TOOL_OUTPUT_TYPES = ['function_call_output', 'custom_tool_call_output']

function emptyUsage() {
  return {
    input_tokens: 0,
    cached_input_tokens: 0,
    output_tokens: 0,
    reasoning_output_tokens: 0
  }
}

function addTo(sum, usage) {
  for (const field of FIELDS) sum[field] += usage[field] ?? 0
}

function sameTotals(a, b) {
  if (!a || !b) return false
  return (
    FIELDS.every((field) => a[field] === b[field]) && a.total_tokens === b.total_tokens
  )
}

// Exit code of a tool output: a JSON string with metadata.exit_code (CLI 0.58),
// or text that starts with "Exit code: N" or contains "Process exited with code N".
function exitCodeOf(output) {
  if (typeof output !== 'string') return null
  if (output.startsWith('{')) {
    try {
      const value = JSON.parse(output)
      const code = value?.metadata?.exit_code
      return typeof code === 'number' ? code : null
    } catch {
      return null
    }
  }
  const header = output.split('\nOutput:')[0]
  const match = /^(?:Exit code: |Process exited with code )(-?\d+)$/m.exec(header)
  return match ? Number(match[1]) : null
}

function countFile(path) {
  const events = []
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (text.trim() === '') continue
    let value
    try {
      value = JSON.parse(text)
    } catch {
      continue
    }
    if (value && typeof value === 'object' && 'payload' in value) events.push(value)
  }

  const hasTaskEvents = events.some(
    (event) => event.type === 'event_msg' && event.payload?.type === 'task_started'
  )
  const turns = []
  const newTurn = (event, id) => {
    turns.push({
      id,
      start: event.timestamp,
      usage: emptyUsage(),
      lastUsage: emptyUsage(),
      calls: new Set(),
      errors: new Set(),
      complete: false,
      aborted: false,
      lastItem: null
    })
  }
  const currentTurn = (event) => {
    if (turns.length === 0) newTurn(event, undefined)
    return turns[turns.length - 1]
  }

  let previousTotal = null
  let webSearches = 0
  let repeats = 0
  let calls = 0

  for (const event of events) {
    const payload = event.payload ?? {}
    const kind = payload.type

    if (event.type === 'event_msg' && kind === 'task_started') {
      if (turns.length === 1 && turns[0].id === undefined) turns[0].id = payload.turn_id
      else newTurn(event, payload.turn_id)
    } else if (event.type === 'event_msg' && kind === 'user_message' && !hasTaskEvents) {
      newTurn(event, undefined)
    } else if (event.type === 'event_msg' && kind === 'task_complete') {
      const turn = turns.find((candidate) => candidate.id === payload.turn_id)
      if (turn) turn.complete = true
    } else if (event.type === 'event_msg' && kind === 'turn_aborted') {
      const turn = turns.find((candidate) => candidate.id === payload.turn_id)
      if (turn) turn.aborted = true
    } else if (event.type === 'event_msg' && kind === 'token_count' && payload.info) {
      const total = payload.info.total_token_usage
      if (sameTotals(total, previousTotal)) {
        repeats += 1
        continue
      }
      calls += 1
      const turn = currentTurn(event)
      if (previousTotal) {
        const difference = emptyUsage()
        for (const field of FIELDS)
          difference[field] = total[field] - previousTotal[field]
        addTo(turn.usage, difference)
      } else {
        addTo(turn.usage, payload.info.last_token_usage)
      }
      addTo(turn.lastUsage, payload.info.last_token_usage)
      previousTotal = total
    } else if (event.type === 'response_item' && TOOL_CALL_TYPES.includes(kind)) {
      const turn = currentTurn(event)
      turn.calls.add(payload.call_id)
      turn.lastItem = 'call'
    } else if (event.type === 'response_item' && kind === 'web_search_call') {
      const turn = currentTurn(event)
      webSearches += 1
      turn.calls.add(`web search ${webSearches}`)
      turn.lastItem = 'call'
    } else if (event.type === 'response_item' && TOOL_OUTPUT_TYPES.includes(kind)) {
      const turn = currentTurn(event)
      const code = exitCodeOf(payload.output)
      if (code !== null && code !== 0) turn.errors.add(payload.call_id)
      turn.lastItem = 'output'
    } else if (event.type === 'response_item' && kind === 'message') {
      if (payload.role === 'assistant') currentTurn(event).lastItem = 'answer'
    }
  }

  const summary = {
    turns: turns.length,
    modelCalls: calls,
    repeatedReports: repeats,
    ...emptyUsage(),
    lastTokenUsageSum: emptyUsage(),
    toolCalls: 0,
    toolErrors: 0,
    partialTurns: 0,
    perTurn: [],
    perDay: {}
  }
  for (const turn of turns) {
    const partial = hasTaskEvents
      ? !turn.complete || turn.aborted
      : turn.lastItem !== 'answer'
    addTo(summary, turn.usage)
    addTo(summary.lastTokenUsageSum, turn.lastUsage)
    summary.toolCalls += turn.calls.size
    summary.toolErrors += turn.errors.size
    if (partial) summary.partialTurns += 1
    summary.perTurn.push({
      ...turn.usage,
      toolCalls: turn.calls.size,
      toolErrors: turn.errors.size,
      partial
    })

    const day = turn.start.slice(0, 10)
    summary.perDay[day] ??= { turns: 0, ...emptyUsage() }
    summary.perDay[day].turns += 1
    addTo(summary.perDay[day], turn.usage)
  }
  return summary
}

for (const path of process.argv.slice(2)) {
  console.log(JSON.stringify({ file: path, ...countFile(path) }, null, 2))
}
