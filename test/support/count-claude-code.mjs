#!/usr/bin/env node
// Counts the usage in a Claude Code projects/ folder, written apart from the
// adapter (no shared code) so its figures can check the adapter's.
// Plain JSON.parse of every line, whole files in memory: for fixtures only.
//
//   node test/support/count-claude-code.mjs test/fixtures/claude-code/projects
//
// Prints one JSON object: session id -> totals, with a breakdown by agent and model.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const projects = process.argv[2]
if (!projects) {
  console.error('usage: count-claude-code.mjs <projects folder>')
  process.exit(2)
}

function readLines(path) {
  const lines = []
  for (const text of readFileSync(path, 'utf8').split('\n')) {
    if (text.trim() === '') continue
    try {
      lines.push(JSON.parse(text))
    } catch {
      // a bad line counts for nothing
    }
  }
  return lines
}

// Sessions: { id: { main: path or null, agents: [path] } }
const sessions = {}
function session(id) {
  if (!sessions[id]) sessions[id] = { main: null, agents: [] }
  return sessions[id]
}
for (const project of readdirSync(projects).sort()) {
  const folder = join(projects, project)
  if (!statSync(folder).isDirectory()) continue
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name)
    if (name.endsWith('.jsonl') && name.startsWith('agent-')) {
      const first = readLines(path).find((line) => line.sessionId)
      session(first ? first.sessionId : name.slice(0, -6)).agents.push(path)
    } else if (name.endsWith('.jsonl')) {
      session(name.slice(0, -6)).main = path
    } else if (existsSync(join(path, 'subagents'))) {
      for (const file of readdirSync(join(path, 'subagents')).sort()) {
        session(name).agents.push(join(path, 'subagents', file))
      }
    }
  }
}

function textOf(content) {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return null
  const block = content.find((b) => b.type === 'text')
  return block ? block.text : null
}

function hasToolResult(content) {
  return Array.isArray(content) && content.some((b) => b.type === 'tool_result')
}

function countSession({ main, agents }) {
  let turn = 0
  const promptTimes = [] // [turn, ms]
  const launches = {} // tool_use id -> { turn, type, prompt }
  const agentOfLaunch = {} // agent id -> tool_use id
  const responses = {} // key -> { turn, agent, model, in, cr, cw, out }
  const mainIds = new Set()
  const toolOwner = {} // tool_use id -> 'agent|model'
  const answered = new Set()
  const toolCalls = {}
  const toolErrors = {}
  const turnsWithWork = new Set()
  let n = 0

  function response(line, turnOfLine, agent) {
    const message = line.message
    if (message.model === '<synthetic>') return
    if (agent !== 'claude-code' && mainIds.has(message.id)) {
      const sameRequest = responses[message.id + '/' + (line.requestId || '')]
      if (!sameRequest) return // a replay of the parent's response
    }
    const key = message.id ? message.id + '/' + (line.requestId || '') : 'line' + n++
    const usage = message.usage || {}
    const old = responses[key]
    const entry = old || { turn: turnOfLine, agent, model: message.model || null }
    entry.in = Math.max(old ? old.in : 0, usage.input_tokens || 0)
    entry.cr = Math.max(old ? old.cr : 0, usage.cache_read_input_tokens || 0)
    entry.cw = Math.max(old ? old.cw : 0, usage.cache_creation_input_tokens || 0)
    entry.out = Math.max(old ? old.out : 0, usage.output_tokens || 0)
    responses[key] = entry
    if (agent === 'claude-code' && message.id) mainIds.add(message.id)
    turnsWithWork.add(entry.turn)

    const owner = entry.agent + '|' + entry.model
    for (const block of Array.isArray(message.content) ? message.content : []) {
      if (block.type !== 'tool_use' || toolOwner[block.id]) continue
      toolOwner[block.id] = owner
      toolCalls[owner] = (toolCalls[owner] || 0) + 1
      if (block.name === 'Task' || block.name === 'Agent') {
        const input = block.input || {}
        launches[block.id] = {
          turn: entry.turn,
          type: input.subagent_type,
          prompt: input.prompt
        }
      }
    }
  }

  function toolResults(line) {
    for (const block of line.message.content) {
      if (block.type !== 'tool_result' || answered.has(block.tool_use_id)) continue
      const owner = toolOwner[block.tool_use_id]
      if (!owner) continue
      answered.add(block.tool_use_id)
      if (block.is_error === true) toolErrors[owner] = (toolErrors[owner] || 0) + 1
    }
    const result = line.toolUseResult
    if (result && typeof result === 'object' && result.agentId) {
      agentOfLaunch[result.agentId] = line.message.content[0].tool_use_id
    }
  }

  function launchFor(agentId, prompt) {
    if (agentId && agentOfLaunch[agentId]) return launches[agentOfLaunch[agentId]]
    return Object.values(launches).find((launch) => prompt && launch.prompt === prompt)
  }

  // The session's own log: prompts, main responses, inline subagents (1.0).
  let sidechain = null // { turn, agent } of the inline subagent being written
  for (const line of main ? readLines(main) : []) {
    if (!line.message) continue
    if (line.type === 'user') {
      const content = line.message.content
      const interrupt = (textOf(content) || '').startsWith('[Request interrupted by user')
      const prompt =
        !line.isSidechain &&
        !line.isMeta &&
        !line.isCompactSummary &&
        !hasToolResult(content)
      if (prompt && !interrupt) {
        turn += 1
        promptTimes.push([turn, Date.parse(line.timestamp)])
        continue
      }
      if (hasToolResult(content)) toolResults(line)
      else if (line.isSidechain && typeof content === 'string') {
        const launch = launchFor(null, content)
        sidechain = launch
          ? { turn: launch.turn, agent: 'claude-code:' + launch.type }
          : { turn, agent: 'claude-code:subagent' }
      }
    } else if (line.type === 'assistant') {
      if (line.isSidechain) {
        const place = sidechain || { turn, agent: 'claude-code:subagent' }
        response(line, place.turn, place.agent)
      } else response(line, turn, 'claude-code')
    }
  }

  // Subagent logs: placed by their launching call, else by time.
  for (const path of agents) {
    const agentId = path.split('/').pop().slice('agent-'.length, -'.jsonl'.length)
    let place = null
    for (const line of readLines(path)) {
      if ((line.type !== 'user' && line.type !== 'assistant') || !line.message) continue
      if (!place && line.isMeta) continue
      if (!place) {
        const launch = launchFor(
          agentId,
          line.type === 'user' ? textOf(line.message.content) : null
        )
        if (launch) place = { turn: launch.turn, agent: 'claude-code:' + launch.type }
        else {
          const ms = Date.parse(line.timestamp)
          const before = promptTimes.filter(([, at]) => at <= ms)
          const agent = agentId.startsWith('acompact-') ? 'compact' : 'subagent'
          place = {
            turn: before.length ? before[before.length - 1][0] : 0,
            agent: 'claude-code:' + agent
          }
        }
      }
      if (line.type === 'assistant') response(line, place.turn, place.agent)
      else if (hasToolResult(line.message.content)) toolResults(line)
    }
  }

  const total = {
    turns: turnsWithWork.size,
    input: 0,
    cacheRead: 0,
    cacheWrite: 0,
    output: 0
  }
  total.toolCalls = 0
  total.toolErrors = 0
  const byAgentModel = {}
  for (const entry of Object.values(responses)) {
    const owner = entry.agent + '|' + entry.model
    const row = byAgentModel[owner] || {
      input: 0,
      cacheRead: 0,
      cacheWrite: 0,
      output: 0
    }
    row.input += entry.in + entry.cr + entry.cw
    row.cacheRead += entry.cr
    row.cacheWrite += entry.cw
    row.output += entry.out
    byAgentModel[owner] = row
  }
  for (const [owner, row] of Object.entries(byAgentModel)) {
    row.toolCalls = toolCalls[owner] || 0
    row.toolErrors = toolErrors[owner] || 0
    for (const field of [
      'input',
      'cacheRead',
      'cacheWrite',
      'output',
      'toolCalls',
      'toolErrors'
    ]) {
      total[field] += row[field]
    }
  }
  total.byAgentModel = byAgentModel
  return total
}

const result = {}
for (const id of Object.keys(sessions).sort()) result[id] = countSession(sessions[id])
console.log(JSON.stringify(result, null, 2))
