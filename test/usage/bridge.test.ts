import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { BuildFinishedEvent, ProjectSummary, ProviderCard } from '../../shared/api'
import { startBridge } from '../../electron/usage/bridge/server'
import type { Bridge } from '../../electron/usage/bridge/server'
import { UsageService } from '../../electron/usage/service'
import { inThreadRunner } from '../../electron/usage/service/build-runner'
import { copyDemoBox, tempFolder } from '../support/temp'

let temp: ReturnType<typeof tempFolder>
let bridge: Bridge
let service: UsageService

beforeEach(async () => {
  temp = tempFolder()
  const project = copyDemoBox(temp.path)
  const rendererDir = join(temp.path, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Lowkey Usage</title>'
  )
  writeFileSync(join(temp.path, 'secret.txt'), 'not for the page')
  const home = join(temp.path, 'home')
  service = await UsageService.open({
    dataDir: join(temp.path, 'data'),
    environment: { home, platform: 'linux', env: { HOME: home } },
    examplesDir: join(temp.path, 'none'),
    runner: inThreadRunner,
    projects: [project]
  })
  bridge = await startBridge({ service, rendererDir, token: 'test-token-123' })
})

afterEach(async () => {
  await service.close()
  await bridge.close()
  temp.remove()
})

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Sends a raw request, so tests control every header (fetch would add its own). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {}
) {
  return new Promise<Reply>((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: bridge.port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${bridge.port}`, ...options.headers }
      },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
        )
      }
    )
    request.on('error', reject)
    request.end(options.body)
  })
}

const cookie = () => `lowkey_session_${bridge.port}=test-token-123`

async function invoke<T>(channel: string, body: unknown): Promise<T> {
  const reply = await send(`/api/invoke/${channel}`, {
    method: 'POST',
    headers: { cookie: cookie(), 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  expect(reply.status).toBe(200)
  const parsed = JSON.parse(reply.body) as { ok: boolean; value: T; error: string }
  if (!parsed.ok) throw new Error(parsed.error)
  return parsed.value
}

describe('HTTP bridge', () => {
  it('prints a loopback URL holding the token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/?token=test-token-123`)
  })

  it('refuses requests without the token', async () => {
    expect((await send('/')).status).toBe(401)
    expect((await send('/api/invoke/projects:list', { method: 'POST' })).status).toBe(401)
    expect((await send('/api/events')).status).toBe(401)
    expect((await send('/?token=wrong')).status).toBe(403)
    const wrongCookie = await send('/', {
      headers: { cookie: `lowkey_session_${bridge.port}=nope` }
    })
    expect(wrongCookie.status).toBe(401)
  })

  it('trades the token for a strict HttpOnly cookie', async () => {
    const first = await send('/?token=test-token-123')
    expect(first.status).toBe(303)
    expect(first.headers.location).toBe('/')
    expect(first.headers['set-cookie']?.[0]).toBe(
      `lowkey_session_${bridge.port}=test-token-123; HttpOnly; SameSite=Strict; Path=/`
    )
    const page = await send('/', { headers: { cookie: cookie() } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Lowkey Usage</title>')
  })

  it('rejects other host names and cross-origin posts', async () => {
    const rebound = await send('/', {
      headers: { cookie: cookie(), host: `evil.example:${bridge.port}` }
    })
    expect(rebound.status).toBe(421)
    const crossOrigin = await send('/api/invoke/projects:list', {
      method: 'POST',
      headers: { cookie: cookie(), origin: 'http://evil.example' }
    })
    expect(crossOrigin.status).toBe(403)
  })

  it('accepts a tunnel on another local port but not a page on another origin', async () => {
    const tunnelled = await send('/', {
      headers: { cookie: cookie(), host: 'localhost:8080' }
    })
    expect(tunnelled.status).toBe(200)
    const otherPort = await send('/api/invoke/projects:list', {
      method: 'POST',
      headers: { cookie: cookie(), origin: `http://127.0.0.1:${bridge.port + 1}` }
    })
    expect(otherPort.status).toBe(403)
    const sameOrigin = await send('/api/invoke/projects:list', {
      method: 'POST',
      headers: { cookie: cookie(), origin: `http://127.0.0.1:${bridge.port}` }
    })
    expect(sameOrigin.status).toBe(200)
  })

  it('answers malformed bodies and paths with 400 and oversized ones with 413', async () => {
    const malformed = await send('/api/invoke/projects:list', {
      method: 'POST',
      headers: { cookie: cookie() },
      body: '{"not json'
    })
    expect(malformed.status).toBe(400)
    expect(JSON.parse(malformed.body).error).toMatch(/^request body is not valid JSON/)
    const huge = await send('/api/invoke/projects:list', {
      method: 'POST',
      headers: { cookie: cookie() },
      body: 'x'.repeat(16 * 1024 * 1024 + 1)
    })
    expect(huge.status).toBe(413)
    expect((await send('/%E0%A4%A', { headers: { cookie: cookie() } })).status).toBe(400)
  })

  it('serves nothing outside the renderer folder', async () => {
    const escape = await send('/..%2Fsecret.txt', { headers: { cookie: cookie() } })
    expect(escape.status).toBe(404)
  })

  it('asks for a full path when adding a project', async () => {
    await expect(invoke('projects:add', { path: 'relative/path' })).rejects.toThrow(
      'give the full path of the project folder, not "relative/path"'
    )
  })

  it('answers invalid requests with the reason', async () => {
    await expect(invoke('usage:turns', { projectId: 'x' })).rejects.toThrow(
      /invalid request on usage:turns: conversation: Invalid input/
    )
  })

  it('rebuilds on request and then answers with the demo figures', async () => {
    const [project] = await invoke<ProjectSummary[]>('projects:list', null)
    expect(project?.state).toBe('missing')

    const finished = new Promise<BuildFinishedEvent>((resolve) =>
      service.on('rollups:finished', resolve)
    )
    await invoke('rollups:rebuild', { projectId: project?.id })
    expect((await finished).outcome).toBe('done')

    const cards = await invoke<ProviderCard[]>('usage:providers', null)
    const anthropic = cards.find((card) => card.name === 'anthropic')
    expect(anthropic?.inputTokens).toBe(325_600)
    expect(anthropic?.outputTokens).toBe(18_700)
    expect(anthropic?.turns).toBe(25)
    // (325,600 + 18,700) / (492,100 + 37,450)
    expect(anthropic?.share).toBeCloseTo(344_300 / 529_550, 10)

    const [after] = await invoke<ProjectSummary[]>('projects:list', null)
    expect(after?.state).toBe('fresh')
    expect(after?.counts).toEqual({ conversations: 27, turns: 45, badLines: 1 })
  })

  it('streams build events to the page', async () => {
    const [project] = await invoke<ProjectSummary[]>('projects:list', null)
    const events = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: bridge.port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${bridge.port}`, cookie: cookie() }
        },
        (response) => {
          let text = ''
          response.setEncoding('utf8')
          response.on('data', (chunk: string) => {
            text += chunk
            if (text.includes('event: rollups:finished')) {
              request.destroy()
              resolve(text)
            }
          })
          void invoke('rollups:rebuild', { projectId: project?.id })
        }
      )
      request.on('error', reject)
      request.end()
    })
    expect(events).toContain('event: rollups:progress')
    expect(events).toMatch(
      /event: rollups:finished\ndata: \{"projectId":"[^"]+","outcome":"done"/
    )
  })
})

describe('service watching logs', () => {
  it('rebuilds after a log changes and says which conversations changed', async () => {
    const watched = tempFolder()
    const project = copyDemoBox(watched.path)
    const home = join(watched.path, 'home')
    const live = await UsageService.open({
      dataDir: join(watched.path, 'data'),
      environment: { home, platform: 'linux', env: { HOME: home } },
      examplesDir: join(watched.path, 'none'),
      runner: inThreadRunner,
      projects: [project],
      watch: true
    })
    try {
      const changes: Array<{ projectId: string; conversations: string[] }> = []
      live.on('usage:changed', (change) => changes.push(change))
      const record = {
        conversation: 'c-release-notes',
        turn: 3,
        agent: 'reviewer',
        provider: 'local',
        startedAt: '2026-12-01T12:00:00Z',
        finishedAt: '2026-12-01T12:00:30Z',
        inputTokens: 1000,
        outputTokens: 100,
        tokens: 'full'
      }
      appendFileSync(
        join(project, '.lowkey', 'sessions', 'c-release-notes.jsonl'),
        JSON.stringify({ v: 1, type: 'turn.ledger', at: record.finishedAt, record }) +
          '\n'
      )
      await vi.waitFor(() => expect(changes).toHaveLength(1), {
        timeout: 10_000,
        interval: 50
      })
      // The first build after start reads everything; there were no rollups yet.
      expect(changes[0]?.conversations).toContain('c-release-notes')

      const [summary] = await live.handle('projects:list', undefined)
      const page = await live.handle('usage:turns', {
        projectId: summary?.id ?? '',
        conversation: 'c-release-notes',
        offset: 0,
        limit: 10
      })
      expect(page.rows.map((row) => row.label)).toEqual([
        '~6K in / 900 out',
        '~7.5K in / 1.1K out',
        '~1K in / 100 out'
      ])
    } finally {
      await live.close()
      watched.remove()
    }
  })
})

describe('warnings, costs and exports through the service', () => {
  it('answers with the demo figures', async () => {
    const [project] = await invoke<ProjectSummary[]>('projects:list', null)
    const finished = new Promise<BuildFinishedEvent>((resolve) =>
      service.on('rollups:finished', resolve)
    )
    await invoke('rollups:rebuild', { projectId: project?.id })
    await finished

    const warnings = await invoke<
      Array<{ kind: string; subject: string; projectName: string }>
    >('usage:warnings', { projectId: 'all' })
    expect(warnings.map((w) => [w.kind, w.subject, w.projectName])).toEqual([
      ['routine-run-jump', 'nightly-triage', 'demo-box']
    ])

    const cards = await invoke<ProviderCard[]>('usage:providers', null)
    const local = cards.find((card) => card.name === 'local')
    expect(local?.billing).toBe('local')
    expect(local?.estimatedDollars).toBeNull()
    // Sonnet 4.5 at 3 / 0.30 / 3.75 / 6 / 15 dollars per million (input, cache read,
    // 5-minute write, 1-hour write, output): 39,100 uncached input (316,600 - 255,000
    // - 22,500), 255,000 read, 21,500 + 1,000 written, 18,100 output = $0.551925.
    // Haiku 4.5 at 1 / 5: 9,000 input, 600 output = $0.012.
    const anthropic = cards.find((card) => card.name === 'anthropic')
    expect(anthropic?.billing).toBe('per-token')
    expect(anthropic?.estimatedDollars).toBeCloseTo(0.563925, 9)
    expect(anthropic?.unpricedTurns).toBe(0)
    // gpt-5.1-codex has no confirmed list price, so its six turns stay unpriced.
    const openai = cards.find((card) => card.name === 'openai')
    expect(openai?.unpricedTurns).toBe(6)

    const file = await invoke<{ fileName: string; mimeType: string; base64: string }>(
      'usage:export',
      { projectId: project?.id, content: 'providers', format: 'csv' }
    )
    expect(file.fileName).toBe('demo-box-providers.csv')
    const csv = Buffer.from(file.base64, 'base64').toString('utf8')
    expect(csv.split('\n')[0]).toMatch(/^provider,/)
    expect(csv).toMatch(/\nanthropic,/)
  })
})

describe('days of stale rollups', () => {
  it('names the zone the rollups were built in, not the new setting', async () => {
    const [project] = await invoke<ProjectSummary[]>('projects:list', null)
    const finished = new Promise<BuildFinishedEvent>((resolve) =>
      service.on('rollups:finished', resolve)
    )
    await invoke('rollups:rebuild', { projectId: project?.id })
    await finished
    const built = await invoke<{ timeZone: string }>('usage:overview', {
      projectId: 'all',
      from: null,
      to: null
    })
    await invoke('settings:update', { timeZone: 'Asia/Kolkata' })
    const after = await invoke<{ timeZone: string }>('usage:overview', {
      projectId: 'all',
      from: null,
      to: null
    })
    expect(after.timeZone).toBe(built.timeZone)
    expect(after.timeZone).not.toBe('Asia/Kolkata')
    const [stale] = await invoke<ProjectSummary[]>('projects:list', null)
    expect(stale?.state).toBe('stale')
  })
})
