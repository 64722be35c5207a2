import { z } from 'zod'

const structuredOutputSchema = z.object({
  metadata: z.object({ exit_code: z.number().int() })
})

/**
 * Exit code lines of the text outputs: "Exit code: N" heads the output of the
 * freeform shell tool, and "Process exited with code N" appears in the header of
 * `exec_command` output (openai/codex, codex-rs/core/src/tools/mod.rs and
 * codex-rs/core/src/tools/handlers/unified_exec.rs).
 * Only the header before "Output:" is searched, so the command's own output
 * cannot fake an exit code.
 */
const EXIT_CODE_LINE = /^(?:Exit code: |Process exited with code )(-?\d+)$/m

/**
 * Tells whether the output of a `function_call_output` or `custom_tool_call_output`
 * reports a failed command: a non-zero exit code. Outputs without an exit code
 * (plain results, redacted text, content arrays) count as successes.
 */
export function toolOutputFailed(output: unknown): boolean {
  const code = exitCodeOf(output)
  return code !== null && code !== 0
}

function exitCodeOf(output: unknown): number | null {
  if (typeof output !== 'string') return null

  // CLI 0.58 stores the shell result as a JSON string: {output, metadata: {exit_code}}.
  if (output.startsWith('{')) {
    let value: unknown
    try {
      value = JSON.parse(output)
    } catch {
      return null
    }
    const parsed = structuredOutputSchema.safeParse(value)
    return parsed.success ? parsed.data.metadata.exit_code : null
  }

  const outputStart = output.indexOf('\nOutput:')
  const header = outputStart === -1 ? output : output.slice(0, outputStart)
  const match = EXIT_CODE_LINE.exec(header)
  return match ? Number(match[1]) : null
}

/** Tells whether an `exec_command_end` event reports a failed or declined command. */
export function execCommandFailed(event: {
  exit_code?: number
  status?: string
}): boolean {
  if (event.exit_code !== undefined && event.exit_code !== 0) return true
  return event.status === 'failed' || event.status === 'declined'
}

/**
 * Tells whether an `mcp_tool_call_end` result is an error: `{Err: ...}`, or
 * `{Ok: {isError: true}}` when the MCP server reported the failure.
 */
export function mcpToolCallFailed(result: unknown): boolean {
  if (!isRecord(result)) return false
  if ('Err' in result) return true
  return isRecord(result.Ok) && result.Ok.isError === true
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
