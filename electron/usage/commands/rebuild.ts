import { formatBytes, groupDigits, plural, printable } from '../../../shared/format'
import { rebuild } from '../build'
import type { BuildSummary } from '../build'
import type { Diagnostics } from '../diagnostics'
import { APP_VERSION } from '../version'
import { resolveContext, saveTimeZone, timeZoneOption } from './context'
import type { CommandContext, TargetOptions } from './context'
import type { CommandIo } from './io'
import { progressBar } from './progress'
import { parseWorkers } from './workers'

export interface RebuildOptions extends TargetOptions {
  full?: boolean
  tz?: string
  strict?: boolean
}

/** Problems printed one per line; the rest are counted. */
const LISTED_PROBLEMS = 10

/** Runs `lowkey usage rebuild`; returns the exit code. */
export async function rebuildCommand(
  options: RebuildOptions,
  io: CommandIo
): Promise<number> {
  const context = await resolveContext(options, io)
  const zone = timeZoneOption(options.tz, context.settings)
  if (await saveTimeZone(context, zone)) {
    io.stderr(`time zone for days set to ${zone} in the settings\n`)
  }

  const started = performance.now()
  const summary = await runBuild(context, io, options.full ?? false)
  const seconds = (performance.now() - started) / 1000

  io.stdout(describeBuild(context, summary, seconds))
  reportProblems(summary.diagnostics, io)
  return options.strict && summary.diagnostics.problems.length > 0 ? 1 : 0
}

/** Rebuilds with a progress bar and lock messages on stderr. */
export async function runBuild(
  context: CommandContext,
  io: CommandIo,
  full = false
): Promise<BuildSummary> {
  const progress = progressBar(io)
  try {
    return await rebuild(context.target, context.adapter, {
      timeZone: context.settings.timeZone,
      appVersion: APP_VERSION,
      full,
      parseWorkers: parseWorkers(io),
      onProgress: progress.onProgress,
      onWait: (owner, path) =>
        io.stderr(
          `waiting for ${path}: another rebuild (process ${owner.pid} on ${owner.host}, ` +
            `since ${owner.since}) holds it\n`
        )
    })
  } finally {
    progress.stop()
  }
}

function describeBuild(
  context: CommandContext,
  summary: BuildSummary,
  seconds: number
): string {
  const { counts, logs, timeZone } = summary.manifest
  const bytes = logs.reduce((sum, log) => sum + log.size, 0)
  const lines = [
    `rebuilt rollups of ${context.target.label}`,
    `  ${plural(counts.conversations, 'conversation')}, ${plural(counts.turns, 'turn')}, ` +
      plural(counts.records, 'record'),
    `  read ${plural(summary.logsRead, 'log')} of ${groupDigits(logs.length)} ` +
      `(${formatBytes(bytes)} in all) in ${seconds.toFixed(2)} s` +
      (summary.logsRead < logs.length ? '; the others were unchanged' : ''),
    `  days in ${timeZone}`,
    `  rollups in ${summary.setFolder}`
  ]
  if (counts.keptConversations > 0) {
    lines.push(
      `  ${plural(counts.keptConversations, 'conversation')} kept from earlier builds ` +
        '(their logs are gone)'
    )
  }
  return lines.join('\n') + '\n'
}

/** Summarises skipped lines and unreadable files on stderr, with file and line. */
export function reportProblems(diagnostics: Diagnostics, io: CommandIo): void {
  const { problems, badLines, unreadableFiles, partialTails, emptyFiles } = diagnostics
  for (const file of emptyFiles.slice(0, LISTED_PROBLEMS))
    io.stderr(`${file}: empty log\n`)
  if (problems.length === 0 && partialTails.length === 0) return

  const parts: string[] = []
  if (badLines > 0) parts.push(`${plural(badLines, 'bad line')} skipped`)
  if (unreadableFiles > 0) parts.push(`${plural(unreadableFiles, 'file')} unreadable`)
  const others = problems.length - badLines - unreadableFiles
  if (others > 0) parts.push(plural(others, 'other problem'))
  if (parts.length > 0) io.stderr(`${parts.join(', ')}; the rest was counted:\n`)

  for (const problem of problems.slice(0, LISTED_PROBLEMS)) {
    const where =
      problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`
    io.stderr(`  ${printable(where)}: ${printable(problem.message)}\n`)
  }
  // A log reused from the last build keeps only its first problems, not all.
  const total = Math.max(problems.length, badLines + unreadableFiles)
  const listed = Math.min(problems.length, LISTED_PROBLEMS)
  if (total > listed) io.stderr(`  and ${groupDigits(total - listed)} more\n`)
  for (const file of partialTails.slice(0, LISTED_PROBLEMS)) {
    io.stderr(
      `  ${file}: last line is still being written; read up to the line before it\n`
    )
  }
}
