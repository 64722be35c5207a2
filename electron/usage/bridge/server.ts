import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

import { BRIDGE, EVENT_CHANNELS, REQUEST_CHANNELS } from '../../../shared/api'
import type { BridgeReply, RequestChannel } from '../../../shared/api'
import { errorText } from '../errors'
import type { UsageService } from '../service'

/** Largest request body accepted, in bytes. Exports of a chart fit well inside. */
const MAX_BODY = 16 * 1024 * 1024
const HEARTBEAT_MS = 15_000

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store'
}

export interface BridgeOptions {
  service: UsageService
  /** Folder of the built renderer (`out/renderer`). */
  rendererDir: string
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number
  /** Fixed token for tests; a random one by default. */
  token?: string
  log?: (line: string) => void
}

export interface Bridge {
  /** URL to open, token included; the page trades it for a session cookie. */
  url: string
  port: number
  token: string
  close: () => Promise<void>
}

/**
 * Serves the renderer and the API on 127.0.0.1 only. Every request needs the
 * token: in the URL once (exchanged for an HttpOnly, SameSite=Strict cookie and
 * a redirect that drops it from the address bar), then the cookie or a
 * bearer header.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const log = options.log ?? (() => undefined)
  let port = 0
  const streams = new Set<ServerResponse>()

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`[bridge] ${request.method} ${request.url} failed: ${errorText(error)}`)
      if (!response.headersSent) send(response, 500, 'internal error')
      else response.end()
    })
  })

  async function handle(
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
    if (!hostAllowed(request.headers.host)) return send(response, 421, 'unknown host')

    const offered = url.searchParams.get(BRIDGE.tokenParameter)
    if (request.method === 'GET' && offered !== null) {
      if (!sameToken(offered, token)) return send(response, 403, 'invalid token')
      url.searchParams.delete(BRIDGE.tokenParameter)
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        location: url.pathname + url.search,
        'set-cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
      })
      return void response.end()
    }
    if (!authorised(request, token, cookieName(port))) {
      return send(
        response,
        401,
        'missing or invalid token: open the URL that `lowkey usage serve` printed'
      )
    }

    if (url.pathname.startsWith(BRIDGE.invokePrefix))
      return invoke(request, response, url)
    if (url.pathname === BRIDGE.events && request.method === 'GET')
      return events(response)
    if (request.method === 'GET') return serveFile(response, url.pathname)
    return send(response, 405, 'method not allowed')
  }

  async function invoke(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL
  ): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, 'use POST')
    // The page's origin must be the address this request was sent to, so a
    // page on another local port (same site, other origin) cannot post here.
    const origin = request.headers.origin
    if (origin !== undefined && origin !== `http://${request.headers.host}`) {
      return send(response, 403, 'cross-origin request')
    }
    const channel = url.pathname.slice(BRIDGE.invokePrefix.length) as RequestChannel
    if (!REQUEST_CHANNELS.includes(channel))
      return send(response, 404, `unknown channel ${channel}`)

    let status = 200
    let reply: BridgeReply<unknown>
    try {
      const body = await readBody(request)
      reply = { ok: true, value: await options.service.handle(channel, body) }
    } catch (error) {
      if (error instanceof BodyError) status = error.status
      reply = { ok: false, error: errorText(error) }
    }
    response.writeHead(status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json'
    })
    response.end(JSON.stringify(reply ?? null))
  }

  function events(response: ServerResponse): void {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream',
      connection: 'keep-alive'
    })
    response.write(': connected\n\n')
    streams.add(response)
    const unsubscribers = EVENT_CHANNELS.map((event) =>
      options.service.on(event, (payload) => {
        response.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
      })
    )
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS)
    response.on('close', () => {
      clearInterval(heartbeat)
      for (const unsubscribe of unsubscribers) unsubscribe()
      streams.delete(response)
    })
  }

  async function serveFile(response: ServerResponse, pathname: string): Promise<void> {
    let relative = 'index.html'
    try {
      if (pathname !== '/') relative = decodeURIComponent(pathname).slice(1)
    } catch {
      return send(response, 400, 'malformed path')
    }
    const path = normalize(join(options.rendererDir, relative))
    if (!path.startsWith(normalize(options.rendererDir) + sep))
      return send(response, 404, 'not found')
    let body: Buffer
    try {
      body = await readFile(path)
    } catch {
      return send(response, 404, 'not found')
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream'
    })
    response.end(body)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  log(`[bridge] listening on 127.0.0.1:${port}`)

  return {
    url: `http://127.0.0.1:${port}/?${BRIDGE.tokenParameter}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end()
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

function send(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8'
  })
  response.end(message + '\n')
}

/**
 * Rejects requests addressed to a host name other than the loopback, which a
 * DNS rebinding attack would send. Any port passes, so an SSH tunnel may use
 * another local port.
 */
function hostAllowed(host: string | undefined): boolean {
  const name = host?.replace(/:\d+$/, '')
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]'
}

/** Cookies do not tell ports apart, so each bridge names its own after its port. */
export function cookieName(port: number): string {
  return `${BRIDGE.cookie}_${port}`
}

function authorised(
  request: IncomingMessage,
  token: string,
  sessionCookie: string
): boolean {
  const header = request.headers.authorization
  if (header?.startsWith('Bearer ') && sameToken(header.slice(7), token)) return true
  const cookies = request.headers.cookie?.split(';') ?? []
  for (const cookie of cookies) {
    const [name, ...value] = cookie.trim().split('=')
    if (name === sessionCookie && sameToken(value.join('='), token)) return true
  }
  return false
}

function sameToken(offered: string, token: string): boolean {
  const a = Buffer.from(offered)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A request body the bridge cannot take, with the HTTP status for the reason. */
class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
  }
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) {
      throw new BodyError(413, `request body larger than ${MAX_BODY} bytes`)
    }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  try {
    return text ? (JSON.parse(text) as unknown) : undefined
  } catch (error) {
    throw new BodyError(400, `request body is not valid JSON (${errorText(error)})`)
  }
}
