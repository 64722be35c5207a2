import { UsageError } from '../errors'

/**
 * Returns the traces URL for what the operator named: a URL with no path gets
 * the OTLP/HTTP default `/v1/traces`, any other path is kept as given.
 */
export function tracesUrl(endpoint: string): string {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new UsageError(
      `--endpoint "${endpoint}" is not a URL: give the collector's OTLP/HTTP ` +
        'address, such as http://127.0.0.1:4318'
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--endpoint "${endpoint}" must use http or https`)
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/traces'
  return url.toString()
}
