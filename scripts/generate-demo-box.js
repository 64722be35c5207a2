#!/usr/bin/env node
// Writes examples/demo-box: a small Lowkey project whose figures are simple
// enough to work out by hand (test/usage/demo-box.test.ts does). Output is
// deterministic: running it again gives the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'demo-box')
const sessions = join(root, '.lowkey', 'sessions')

const SONNET = 'claude-sonnet-4-5-20250929'
const HAIKU = 'claude-haiku-4-5-20251001'
const CODEX = 'gpt-5.1-codex'

function addSeconds(iso, seconds) {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString()
}

/** A turn's record; `cw5m`/`cw1h` split the cache writes. */
function turn(spec) {
  const cacheWrite5mTokens = spec.cw5m ?? 0
  const cacheWrite1hTokens = spec.cw1h ?? 0
  return {
    agent: spec.agent,
    provider: spec.provider,
    model: spec.model,
    inputTokens: spec.input,
    cacheReadTokens: spec.cacheRead ?? 0,
    cacheWriteTokens: cacheWrite5mTokens + cacheWrite1hTokens,
    cacheWrite5mTokens,
    cacheWrite1hTokens,
    outputTokens: spec.output,
    contextTokens: spec.context ?? spec.input,
    wallSeconds: spec.wall,
    toolCalls: spec.tools ?? 0,
    toolErrors: spec.errors ?? 0,
    tokens: spec.partial ? 'partial' : 'full'
  }
}

/**
 * Builds the lines of one conversation. Each turn is a list of records (one
 * per agent and model); they all start when the turn does.
 */
function conversation({ id, title, agent, routine, run, start, turns, extraLines = {} }) {
  const lines = [
    {
      v: 1,
      type: 'conversation.opened',
      at: start,
      conversation: id,
      title,
      agent,
      routine: routine ?? null,
      run: run ?? null
    }
  ]
  let at = start
  turns.forEach((records, index) => {
    const number = index + 1
    lines.push({
      v: 1,
      type: 'message.user',
      at,
      turn: number,
      text: `(prompt ${number})`
    })
    let finishedAt = at
    for (const spec of records) {
      const { wallSeconds, ...fields } = spec
      const end = addSeconds(at, wallSeconds)
      if (end > finishedAt) finishedAt = end
      lines.push({
        v: 1,
        type: 'turn.ledger',
        at: end,
        record: {
          conversation: id,
          turn: number,
          ...fields,
          startedAt: at,
          finishedAt: end,
          wallMs: wallSeconds * 1000,
          routine: routine ?? null,
          run: run ?? null
        }
      })
    }
    lines.push({
      v: 1,
      type: 'message.agent',
      at: finishedAt,
      turn: number,
      text: '(answer)'
    })
    for (const raw of extraLines[number] ?? []) lines.push(raw)
    at = addSeconds(finishedAt, 20)
  })
  return { id, lines }
}

const conversations = []

// nightly-triage: 11 runs at 02:00Z, 20 to 30 November. Run k's planner uses
// 21,200 + 100k tokens (input + output). The last run hands off to a coder.
for (let k = 1; k <= 11; k += 1) {
  const day = `2026-11-${String(19 + k).padStart(2, '0')}`
  const run = `nightly-triage-${day}`
  const planner = { agent: 'planner', provider: 'anthropic', model: SONNET }
  conversations.push(
    conversation({
      id: `triage-${day}`,
      title: `Nightly triage ${day}`,
      agent: 'planner',
      routine: 'nightly-triage',
      run,
      start: `${day}T02:00:00.000Z`,
      turns: [
        [
          turn({
            ...planner,
            input: 8000 + 100 * k,
            cacheRead: 6000,
            cw5m: 1000,
            output: 500,
            wall: 40,
            tools: 3
          })
        ],
        [
          turn({
            ...planner,
            input: 12000,
            cacheRead: 10000,
            cw5m: 500,
            output: 700,
            wall: 50,
            tools: 2
          })
        ]
      ]
    })
  )
  if (k === 11) {
    const coder = { agent: 'coder', provider: 'openai', model: CODEX }
    conversations.push(
      conversation({
        id: `triage-${day}-fix`,
        title: 'Fix the failing import job',
        agent: 'coder',
        routine: 'nightly-triage',
        run,
        start: `${day}T02:05:00.000Z`,
        turns: [
          [
            turn({
              ...coder,
              input: 18000,
              cacheRead: 12000,
              output: 2500,
              wall: 180,
              tools: 6
            })
          ],
          [
            turn({
              ...coder,
              input: 18000,
              cacheRead: 12000,
              output: 2500,
              wall: 200,
              tools: 4,
              errors: 1
            })
          ],
          [
            turn({
              ...coder,
              input: 18000,
              cacheRead: 12000,
              output: 2500,
              wall: 160,
              tools: 5
            })
          ]
        ]
      })
    )
  }
}

// morning-digest: 12 steady runs at 07:30Z, 20 November to 1 December.
for (let d = 1; d <= 12; d += 1) {
  const date = new Date(Date.UTC(2026, 10, 19 + d))
  const day = date.toISOString().slice(0, 10)
  conversations.push(
    conversation({
      id: `digest-${day}`,
      title: `Morning digest ${day}`,
      agent: 'digest',
      routine: 'morning-digest',
      run: `morning-digest-${day}`,
      start: `${day}T07:30:00.000Z`,
      turns: [
        [
          turn({
            agent: 'digest',
            provider: 'local',
            model: 'llama3.1:8b',
            input: 3000,
            output: 400,
            wall: 12,
            tools: 1
          })
        ]
      ]
    })
  )
}

const planner = { agent: 'planner', provider: 'anthropic', model: SONNET }
conversations.push(
  conversation({
    id: 'c-refactor-auth',
    title: 'Refactor the auth middleware',
    agent: 'planner',
    start: '2026-11-24T14:00:00.000Z',
    turns: [
      [
        turn({
          ...planner,
          input: 25000,
          cacheRead: 20000,
          cw5m: 2000,
          cw1h: 1000,
          output: 1800,
          wall: 95,
          tools: 5
        })
      ],
      [
        turn({
          ...planner,
          input: 31000,
          cacheRead: 28000,
          cw5m: 2000,
          output: 2200,
          wall: 120,
          tools: 6,
          errors: 1
        }),
        turn({
          agent: 'researcher',
          provider: 'anthropic',
          model: HAIKU,
          input: 9000,
          output: 600,
          wall: 60,
          tools: 4
        })
      ],
      [
        turn({
          ...planner,
          input: 34000,
          cacheRead: 31000,
          cw5m: 1000,
          output: 900,
          wall: 30,
          tools: 1
        })
      ]
    ]
  })
)

const coder = { agent: 'coder', provider: 'openai', model: CODEX }
conversations.push(
  conversation({
    id: 'c-fix-flaky-test',
    title: 'Fix the flaky upload test',
    agent: 'coder',
    start: '2026-11-26T16:00:00.000Z',
    turns: [
      [
        turn({
          ...coder,
          input: 15000,
          cacheRead: 9000,
          output: 3100,
          wall: 150,
          tools: 8,
          errors: 2
        })
      ],
      [
        turn({
          ...coder,
          input: 22000,
          cacheRead: 18000,
          output: 1200,
          wall: 70,
          tools: 3,
          errors: 1
        })
      ],
      [
        turn({
          ...coder,
          input: 26000,
          cacheRead: 22000,
          output: 150,
          wall: 20,
          tools: 1,
          partial: true
        })
      ]
    ],
    // A line cut off by a crash: readers report it and keep the rest.
    extraLines: { 2: ['{"v":1,"type":"turn.ledger","at":"2026-11-26T16:05:'] }
  })
)

// Written by a box one hour east of UTC: offsets are kept in the log.
const reviewer = { agent: 'reviewer', provider: 'local', model: 'qwen2.5-coder:14b' }
const notes = conversation({
  id: 'c-release-notes',
  title: 'Draft the release notes',
  agent: 'reviewer',
  start: '2026-12-01T10:00:00.000Z',
  turns: [
    [turn({ ...reviewer, input: 6000, output: 900, wall: 45 })],
    [turn({ ...reviewer, input: 7500, output: 1100, wall: 50, tools: 2 })]
  ]
})
conversations.push(notes)

function toOffset(iso) {
  const shifted = new Date(Date.parse(iso) + 3600_000).toISOString()
  return shifted.replace('Z', '+01:00')
}
for (const line of notes.lines) {
  line.at = toOffset(line.at)
  if (line.record) {
    line.record.startedAt = toOffset(line.record.startedAt)
    line.record.finishedAt = toOffset(line.record.finishedAt)
  }
}

rmSync(sessions, { recursive: true, force: true })
mkdirSync(sessions, { recursive: true })
for (const { id, lines } of conversations) {
  const text = lines
    .map((line) => (typeof line === 'string' ? line : JSON.stringify(line)))
    .join('\n')
  writeFileSync(join(sessions, `${id}.jsonl`), text + '\n')
}
console.log(`wrote ${conversations.length} conversations to ${sessions}`)
