import { join } from 'node:path'

import {
  trackFile,
  writeAttachment,
  writeBashProgress,
  writeCompaction,
  writeHookProgress,
  writeProgressCopy,
  writeSnapshot,
  writeSystem
} from './claude-bookkeeping.mjs'
import { pickTool, toolInput, toolOutcome } from './claude-tools.mjs'
import { LineWriter } from './writer.mjs'

const MAIN_MODELS = ['claude-opus-4-6', 'claude-opus-4-6', 'claude-sonnet-4-5-20250929']
const SUBAGENT_MODELS = ['claude-haiku-4-5-20251001', 'claude-sonnet-4-5-20250929']
const AGENT_TYPES = ['general-purpose', 'Explore', 'Plan']

/** Prompt size, in tokens, above which Claude Code compacts the conversation. */
const COMPACT_AT = 160000

/**
 * Writes one Claude Code session (2.1 layout): the session's own log and, for
 * Task calls, subagent logs under `<session>/subagents/`. Figures follow the
 * real logs: one assistant line per content block, all with the response's
 * message id, request id and usage, and output that grows to its final count.
 */
export class ClaudeSession {
  constructor({ random, pool, writer, folder, sessionId, cwd, version, clockMs, agent }) {
    this.random = random
    this.pool = pool
    this.writer = writer
    this.folder = folder
    this.sessionId = sessionId
    this.cwd = cwd
    this.version = version
    // 2.1.100 and later write attachments and no agent_progress copies.
    this.late = Number(version.split('.')[2]) >= 100
    this.clockMs = clockMs
    this.agent = agent ?? null
    this.model = random.pick(this.agent ? SUBAGENT_MODELS : MAIN_MODELS)
    this.cacheHour = random.chance(0.5)
    this.parentUuid = null
    this.promptId = random.uuid()
    this.context = random.int(14000, 32000)
    /** Files Claude Code keeps backups of; a resumed session starts with some. */
    this.tracked = {}
    const resumed = this.agent === null ? random.int(0, 3) ** 3 : 0
    for (let index = resumed; index > 0; index -= 1)
      trackFile(this, `${cwd}/src/${random.hex(8)}.ts`)
    /** Subagent logs written for this session, and their bytes. */
    this.subagentLogs = 0
    this.subagentBytes = 0
    /** Receives each line a subagent writes, for agent_progress copies. */
    this.onLine = null
  }

  get bytes() {
    return this.writer.bytes + this.subagentBytes
  }

  tick(minMs, maxMs) {
    this.clockMs += this.random.int(minMs, maxMs)
    return new Date(this.clockMs).toISOString()
  }

  conversationLine(type, timestamp) {
    const line = {
      parentUuid: this.parentUuid,
      isSidechain: this.agent !== null,
      ...(this.agent && { agentId: this.agent.id }),
      userType: 'external',
      cwd: this.cwd,
      sessionId: this.sessionId,
      version: this.version,
      gitBranch: 'main',
      type,
      uuid: this.random.uuid(),
      timestamp
    }
    this.parentUuid = line.uuid
    return line
  }

  emit(line) {
    this.writer.line(line)
    if (this.onLine && (line.type === 'assistant' || line.type === 'user'))
      this.onLine(line)
  }

  /** Writes one turn of the main conversation: a prompt and the calls that answer it. */
  turn({ subagents = true } = {}) {
    if (this.random.chance(0.03)) this.model = this.random.pick(MAIN_MODELS)
    const timestamp = this.tick(60000, 1800000)
    this.promptId = this.random.uuid()
    const prompt = this.conversationLine('user', timestamp)
    this.emit({
      ...prompt,
      promptId: this.promptId,
      message: { role: 'user', content: this.pool.prose(this.random.int(60, 1500)) },
      permissionMode: 'acceptEdits'
    })
    writeSnapshot(this, prompt.uuid, false)
    if (this.late) writeAttachment(this)

    const calls = Math.max(1, Math.min(60, Math.round(this.random.logNormal(6, 0.8))))
    for (let index = 0; index < calls; index += 1) {
      this.call(index === calls - 1, subagents)
    }
    if (this.random.chance(0.02)) {
      this.emit({
        ...this.conversationLine('user', this.tick(500, 5000)),
        message: {
          role: 'user',
          content: [{ type: 'text', text: '[Request interrupted by user]' }]
        }
      })
    }
    writeSystem(this, 'stop_hook_summary', {
      hookCount: 1,
      hookInfos: [],
      hookErrors: []
    })
    writeSystem(this, 'turn_duration', { durationMs: this.random.int(2000, 900000) })
  }

  /** Writes a subagent's prompt and its calls. */
  subagentRun(prompt, calls) {
    this.emit({
      ...this.conversationLine('user', this.tick(200, 2000)),
      promptId: this.promptId,
      message: { role: 'user', content: prompt }
    })
    for (let index = 0; index < calls; index += 1) this.call(index === calls - 1, false)
  }

  /** Writes one model response, a line per content block, then runs its tool calls. */
  call(final, subagents) {
    if (this.context > COMPACT_AT && this.agent === null) writeCompaction(this)
    const random = this.random
    this.tick(1500, 45000)

    const blocks = []
    if (random.chance(0.5)) {
      blocks.push({
        type: 'thinking',
        thinking: '',
        signature: random.hex(random.int(300, 900))
      })
    }
    if (final || random.chance(0.4)) {
      blocks.push({
        type: 'text',
        text: this.pool.prose(random.int(40, final ? 1800 : 500))
      })
    }
    const toolCount = final ? 0 : random.chance(0.85) ? 1 : random.int(2, 3)
    for (let index = 0; index < toolCount; index += 1) {
      const name = pickTool(random, { subagents })
      const input =
        name === 'Task'
          ? {
              description: this.pool.sentence(),
              subagent_type: random.pick(AGENT_TYPES),
              prompt: this.pool.prose(random.int(300, 2500))
            }
          : toolInput(random, this.pool, name, this.cwd)
      blocks.push({ type: 'tool_use', id: random.anthropicId('toolu'), name, input })
    }
    if (blocks.length === 0) blocks.push({ type: 'text', text: this.pool.sentence() })

    const output = Math.max(1, Math.min(16000, Math.round(random.logNormal(280, 1.1))))
    const outputs = this.streamedOutputs(output, blocks.length)
    const figures = this.figures()
    const message = {
      id: random.anthropicId('msg'),
      requestId: random.anthropicId('req')
    }
    blocks.forEach((block, index) => {
      this.emit({
        ...this.conversationLine('assistant', this.tick(50, 1500)),
        message: {
          model: this.model,
          id: message.id,
          type: 'message',
          role: 'assistant',
          content: [block],
          stop_reason: index === blocks.length - 1 && final ? 'end_turn' : null,
          stop_sequence: null,
          usage: this.usage(figures, outputs[index])
        },
        requestId: message.requestId
      })
    })
    this.context += output

    for (const block of blocks) {
      if (block.type !== 'tool_use') continue
      if (block.name === 'Task') this.startSubagent(block)
      else this.runTool(block)
    }
  }

  /** Returns each line's output count: stream-start values, then the final count. */
  streamedOutputs(output, lines) {
    if (this.random.chance(0.3)) return new Array(lines).fill(output)
    const outputs = []
    let value = this.random.int(1, Math.min(output, 12))
    for (let index = 0; index < lines - 1; index += 1) {
      outputs.push(value)
      value = Math.min(output, value + this.random.int(0, 20))
    }
    outputs.push(output)
    return outputs
  }

  /** Splits the prompt into the cached part, a new cache write and a few uncached tokens. */
  figures() {
    const write = Math.min(this.context, this.random.int(200, 6000))
    return { input: this.random.int(1, 12), read: this.context - write, write }
  }

  usage(figures, output) {
    const usage = {
      input_tokens: figures.input,
      cache_creation_input_tokens: figures.write,
      cache_read_input_tokens: figures.read,
      output_tokens: output,
      server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
      service_tier: 'standard',
      cache_creation: {
        ephemeral_1h_input_tokens: this.cacheHour ? figures.write : 0,
        ephemeral_5m_input_tokens: this.cacheHour ? 0 : figures.write
      }
    }
    if (this.late) {
      usage.inference_geo = ''
      usage.speed = 'standard'
    }
    return usage
  }

  runTool(call) {
    const random = this.random
    writeHookProgress(this, 'PreToolUse', call)
    const outcome = toolOutcome(random, this.pool, call.name, call.input)
    if (call.name === 'Bash') writeBashProgress(this, call, outcome.content)
    writeHookProgress(this, 'PostToolUse', call)

    this.emit({
      ...this.conversationLine('user', this.tick(100, 20000)),
      promptId: this.promptId,
      message: {
        role: 'user',
        content: [
          {
            tool_use_id: call.id,
            type: 'tool_result',
            content: outcome.content,
            is_error: outcome.isError
          }
        ]
      },
      toolUseResult: outcome.result
    })
    this.context += Math.ceil(outcome.content.length / 3.6)

    const edit = call.name === 'Edit' || call.name === 'Write'
    if (edit && !outcome.isError && this.agent === null) {
      trackFile(this, call.input.file_path)
      writeSnapshot(this, this.parentUuid, true)
    }
  }

  /** Runs a subagent in its own log, linked from the result by its agent id. */
  startSubagent(call) {
    const random = this.random
    const id = `a${random.hex(16)}`
    const writer = new LineWriter(
      join(this.folder, this.sessionId, 'subagents', `agent-${id}.jsonl`)
    )
    const subagent = new ClaudeSession({
      random,
      pool: this.pool,
      writer,
      folder: this.folder,
      sessionId: this.sessionId,
      cwd: this.cwd,
      version: this.version,
      clockMs: this.clockMs,
      agent: { id }
    })
    subagent.promptId = this.promptId
    // Claude Code 2.1.39 also copies each subagent message into the parent's log.
    if (!this.late && random.chance(0.6)) {
      subagent.onLine = (line) => writeProgressCopy(this, call, id, line)
    }
    const calls = Math.max(2, Math.min(40, Math.round(random.logNormal(8, 0.6))))
    subagent.subagentRun(call.input.prompt, calls)
    writer.close()
    this.subagentLogs += 1
    this.subagentBytes += writer.bytes
    this.clockMs = subagent.clockMs

    const text = this.pool.prose(random.int(300, 3000))
    const reported = random.int(5000, 90000)
    this.emit({
      ...this.conversationLine('user', this.tick(100, 2000)),
      promptId: this.promptId,
      message: {
        role: 'user',
        content: [
          { tool_use_id: call.id, type: 'tool_result', content: [{ type: 'text', text }] }
        ]
      },
      toolUseResult: {
        status: 'completed',
        prompt: call.input.prompt,
        agentId: id,
        agentType: call.input.subagent_type,
        content: [{ type: 'text', text }],
        totalDurationMs: random.int(20000, 900000),
        totalTokens: reported,
        totalToolUseCount: calls,
        // A summary of the subagent's spend, which its own log already counts.
        usage: {
          input_tokens: 3,
          cache_creation_input_tokens: 900,
          cache_read_input_tokens: reported,
          output_tokens: 700
        }
      }
    })
  }
}
