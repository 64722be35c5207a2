/** A problem found while reading logs; reading always goes on past it. */
export interface Problem {
  file: string
  /** 1-based line number, absent for problems with a whole file. */
  line?: number
  message: string
}

/**
 * Collects what a build skipped or could not read, so the command line and the
 * app can report it with file and line without stopping the build.
 */
export class Diagnostics {
  readonly problems: Problem[] = []
  badLines = 0
  unreadableFiles = 0
  /** Records of a known source whose type this version does not use. */
  unknownRecords = 0
  /** Logs whose last line had no newline yet, read up to their last whole line. */
  readonly partialTails: string[] = []
  /** Logs with no bytes at all: reported, but not a problem. */
  readonly emptyFiles: string[] = []

  badLine(file: string, line: number, message: string): void {
    this.badLines += 1
    this.problems.push({ file, line, message })
  }

  unreadable(file: string, message: string): void {
    this.unreadableFiles += 1
    this.problems.push({ file, message })
  }

  note(file: string, message: string): void {
    this.problems.push({ file, message })
  }

  unfinishedLastLine(file: string): void {
    this.partialTails.push(file)
  }

  /** Adds back what an earlier build found in a log that is reused unchanged. */
  replay(file: string, badLines: number, problems: readonly Problem[]): void {
    this.badLines += badLines
    for (const problem of problems) this.problems.push({ ...problem, file })
  }

  emptyLog(file: string): void {
    this.emptyFiles.push(file)
  }

  /** Adds everything another collector found, such as one filled in a worker thread. */
  absorb(other: DiagnosticsSnapshot): void {
    this.badLines += other.badLines
    this.unreadableFiles += other.unreadableFiles
    this.unknownRecords += other.unknownRecords
    this.problems.push(...other.problems)
    this.partialTails.push(...other.partialTails)
    this.emptyFiles.push(...other.emptyFiles)
  }

  get skippedLines(): number {
    return this.badLines
  }
}

/** The data of a `Diagnostics`, as it crosses to and from a worker thread. */
export type DiagnosticsSnapshot = Pick<
  Diagnostics,
  | 'problems'
  | 'badLines'
  | 'unreadableFiles'
  | 'unknownRecords'
  | 'partialTails'
  | 'emptyFiles'
>
