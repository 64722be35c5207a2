import { groupDigits, plural } from '../../../shared/format'
import type { Warning, WarningLink } from '../../../shared/warnings'
import { readWarnings, warningSettingsOf } from '../warnings'
import { resolveContext } from './context'
import type { TargetOptions } from './context'
import type { CommandIo } from './io'
import { ensureFresh } from './report'

export interface WarningsOptions extends TargetOptions {
  json?: boolean
  strict?: boolean
}

/**
 * Runs `lowkey usage warnings` and returns how many warnings it printed, or
 * null when `--strict` fails on bad lines.
 */
export async function warningsCommand(
  options: WarningsOptions,
  io: CommandIo
): Promise<number | null> {
  const context = await resolveContext(options, io)
  const storedZone = await ensureFresh(context, io, options.strict ?? false)
  if (storedZone === null) return null
  const warnings = await readWarnings(
    context.target.store,
    warningSettingsOf(context.settings)
  )

  if (options.json) {
    io.stdout(JSON.stringify({ timeZone: storedZone, warnings }, null, 2) + '\n')
  } else {
    io.stdout(textWarnings(warnings, storedZone))
  }
  return warnings.length
}

function textWarnings(warnings: readonly Warning[], timeZone: string): string {
  if (warnings.length === 0) return 'no warnings\n'
  const blocks = warnings.map((warning) =>
    [
      `${warning.kind}: ${warning.subject}`,
      `  ${warning.message}`,
      `  value:    ${formatFigure(warning, warning.value)}`,
      `  baseline: ${formatFigure(warning, warning.baseline)} (${warning.window})`,
      `  ratio:    ${warning.ratio === null ? 'none (baseline 0)' : warning.ratio.toFixed(2)}`,
      `  shown on: ${describeLink(warning.link)}`
    ].join('\n')
  )
  const heading = `${plural(warnings.length, 'warning')} (days in ${timeZone})`
  return `${heading}\n\n${blocks.join('\n\n')}\n`
}

function formatFigure(warning: Warning, value: number): string {
  if (warning.unit === 'tokens') return `${groupDigits(value)} tokens`
  return `${(value * 100).toFixed(1)}%`
}

function describeLink(link: WarningLink): string {
  switch (link.screen) {
    case 'automations':
      return `Automations, routine ${link.routine}`
    case 'providers':
      return `Providers, provider ${link.provider}`
    case 'conversations':
      return `Conversations, conversation ${link.conversation}`
    case 'agents':
      return `Agents, agent ${link.agent}`
  }
}
