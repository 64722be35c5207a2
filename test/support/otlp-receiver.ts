import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One span as an OTLP/JSON request carries it, with attributes flattened. */
export interface ReceivedSpan {
  traceId: string
  spanId: string
  name: string
  startTimeUnixNano: string
  endTimeUnixNano: string
  attributes: Record<string, string | number>
  resource: Record<string, string | number>
}

export interface OtlpReceiver {
  url: string
  spans: ReceivedSpan[]
  /** Paths of every request, accepted or not. */
  requests: string[]
  /** Fails request number `n` (from 1) with HTTP `status` instead of accepting it. */
  failRequest(n: number, status: number): void
  close(): Promise<void>
}

interface JsonValue {
  stringValue?: string
  intValue?: string | number
  doubleValue?: number
  boolValue?: boolean
}

interface JsonAttribute {
  key: string
  value: JsonValue
}

function flatten(attributes: JsonAttribute[] = []): Record<string, string | number> {
  const flat: Record<string, string | number> = {}
  for (const { key, value } of attributes) {
    if (value.stringValue !== undefined) flat[key] = value.stringValue
    else if (value.intValue !== undefined) flat[key] = Number(value.intValue)
    else if (value.doubleValue !== undefined) flat[key] = value.doubleValue
    else if (value.boolValue !== undefined) flat[key] = String(value.boolValue)
  }
  return flat
}

/**
 * Starts an OTLP/HTTP receiver on 127.0.0.1 that accepts JSON trace requests
 * and keeps the spans, the way a collector would see them.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = []
  const requests: string[] = []
  const failures = new Map<number, number>()

  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      requests.push(request.url ?? '')
      const failure = failures.get(requests.length)
      if (failure !== undefined) {
        response.writeHead(failure, { 'content-type': 'application/json' })
        response.end('{"code":3,"message":"rejected by the test receiver"}')
        return
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      for (const resourceSpans of body.resourceSpans ?? []) {
        const resource = flatten(resourceSpans.resource?.attributes)
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              traceId: span.traceId,
              spanId: span.spanId,
              name: span.name,
              startTimeUnixNano: String(span.startTimeUnixNano),
              endTimeUnixNano: String(span.endTimeUnixNano),
              attributes: flatten(span.attributes),
              resource
            })
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    requests,
    failRequest: (n, status) => failures.set(n, status),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}
