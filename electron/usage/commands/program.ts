import { Command, CommanderError, Option } from 'commander'

import { UsageError, errorText } from '../errors'
import { APP_VERSION } from '../version'
import {
  ArgumentError,
  EXPORT_CONTENT_CHOICES,
  EXPORT_FORMATS,
  REPORT_GROUPINGS
} from './arguments'
import type { TargetOptions } from './context'
import type { CostOptions } from './cost'
import type { ExportOptions } from './export'
import type { CommandIo } from './io'
import type { RebuildOptions } from './rebuild'
import type { ReportOptions } from './report'
import type { ServeOptions } from './serve'
import type { WarningsOptions } from './warnings'

// Each command's module is imported when the command runs, not before: the
// modules of the others, their packages and schemas then cost nothing, and
// `lowkey --version` loads only this file and commander.

/** Exit codes of the `lowkey` command. */
export const EXIT = { ok: 0, failed: 1, badArguments: 2, warnings: 3 } as const

function addTargetOptions(command: Command): Command {
  return command
    .option('--project <path>', 'Lowkey project folder (the one holding .lowkey/)')
    .addOption(
      new Option('--source <name>', "read another tool's logs").choices([
        'claude-code',
        'codex'
      ])
    )
    .option(
      '--dir <dir>',
      'with --source: the config folder or its projects/ or sessions/ folder'
    )
}

/**
 * Runs the command line with `argv` (without the node and script paths) and
 * returns the exit code. Results go to stdout; progress and errors to stderr.
 */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  let exitCode: number = EXIT.ok
  const program = new Command('lowkey')
    .description(
      'Token, time, tool-call and error usage of AI agents, from their session logs'
    )
    .version(APP_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')

  const usage = program
    .command('usage')
    .description('rebuild and report usage rollups')
    .exitOverride()

  addTargetOptions(usage.command('rebuild'))
    .description('bring the rollups up to date, reading only what changed in the logs')
    .option('--full', 'reread every log from the start')
    .option('--tz <zone>', 'IANA time zone for days, saved in the settings')
    .option('--strict', 'exit with 1 when any line was skipped')
    .exitOverride()
    .action(async (options: RebuildOptions) => {
      const { rebuildCommand } = await import('./rebuild')
      exitCode = await rebuildCommand(options, io)
    })

  addTargetOptions(usage.command('report'))
    .description('print usage grouped by day, agent, provider, conversation or routine')
    .addOption(
      new Option('--by <grouping>', 'what each row is')
        .choices(REPORT_GROUPINGS)
        .default('day')
    )
    .option('--since <date>', 'first day to include, YYYY-MM-DD')
    .option('--until <date>', 'last day to include, YYYY-MM-DD')
    .option('--tz <zone>', 'IANA time zone for days in this report only')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV')
    .option('--strict', 'exit with 1 when any line was skipped')
    .exitOverride()
    .action(async (options: ReportOptions) => {
      const { reportCommand } = await import('./report')
      exitCode = await reportCommand(options, io)
    })

  addTargetOptions(usage.command('warnings'))
    .description(
      'print early warnings: usage jumps of routines and providers, outsized ' +
        'contexts, rises in tool errors and partial counts; exit 3 when any'
    )
    .option('--json', 'print JSON')
    .option('--strict', 'exit with 1 when any line was skipped')
    .exitOverride()
    .action(async (options: WarningsOptions) => {
      const { warningsCommand } = await import('./warnings')
      const found = await warningsCommand(options, io)
      if (found === null) exitCode = EXIT.failed
      else exitCode = found > 0 ? EXIT.warnings : EXIT.ok
    })

  addTargetOptions(usage.command('watch'))
    .description('keep the rollups current and print each new turn as it lands')
    .exitOverride()
    .action(async (options: TargetOptions) => {
      const { watchCommand } = await import('./watch')
      exitCode = await watchCommand(options, io)
    })

  addTargetOptions(usage.command('cost'))
    .description(
      'estimate what per-token providers cost, by provider and model, from list prices'
    )
    .option('--since <date>', 'first day to include, YYYY-MM-DD')
    .option('--until <date>', 'last day to include, YYYY-MM-DD')
    .option('--tz <zone>', 'IANA time zone for days in this estimate only')
    .option('--json', 'print JSON')
    .option('--strict', 'exit with 1 when any line was skipped')
    .exitOverride()
    .action(async (options: CostOptions) => {
      const { costCommand } = await import('./cost')
      exitCode = await costCommand(options, io)
    })

  addTargetOptions(usage.command('export'))
    .description(
      'write the ledger or a rollup as CSV or JSON, or send the ledger over OTLP'
    )
    .addOption(
      new Option('--format <format>', 'what to write')
        .choices(EXPORT_FORMATS)
        .default('csv')
    )
    .addOption(
      new Option('--what <content>', 'the ledger or a rollup')
        .choices(EXPORT_CONTENT_CHOICES)
        .default('ledger')
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--endpoint <url>', "with --format otlp: the collector's OTLP/HTTP URL")
    .option(
      '--header <name=value...>',
      'with --format otlp: an HTTP header for the collector, such as an API key'
    )
    .option(
      '--batch-size <number>',
      'with --format otlp: spans per request (default 512)'
    )
    .option('--resend', 'with --format otlp: ignore the checkpoint and send every record')
    .option('--strict', 'exit with 1 when any line was skipped')
    .exitOverride()
    .action(async (options: ExportOptions) => {
      const { exportCommand } = await import('./export')
      exitCode = await exportCommand(options, io)
    })

  usage
    .command('serve')
    .description('serve the app on 127.0.0.1 and print its URL, holding a random token')
    .option(
      '--project <path...>',
      "Lowkey project folders to serve, and only them (default: the app's projects and the Claude Code and Codex logs found)"
    )
    .option('--port <number>', 'port on 127.0.0.1 (default: a free one)')
    .exitOverride()
    .action(async (options: ServeOptions) => {
      const { serveCommand } = await import('./serve')
      exitCode = await serveCommand(options, io)
    })

  program
    .command('demo')
    .description(
      'copy the example project into the data folder and report its usage by day'
    )
    .exitOverride()
    .action(async () => {
      const { demoCommand } = await import('./demo')
      exitCode = await demoCommand(io)
    })

  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    return exitCodeFor(error, io)
  }
}

function exitCodeFor(error: unknown, io: CommandIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message.
    return error.exitCode === 0 ? EXIT.ok : EXIT.badArguments
  }
  if (error instanceof ArgumentError) {
    io.stderr(`lowkey: ${error.message}\n`)
    return EXIT.badArguments
  }
  if (error instanceof UsageError) {
    io.stderr(`lowkey: ${error.message}\n`)
    return EXIT.failed
  }
  io.stderr(`lowkey: failed: ${errorText(error)}\n`)
  if (process.env.LOWKEY_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`)
  return EXIT.failed
}
