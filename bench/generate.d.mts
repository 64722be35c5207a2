// Types of generate.mjs for the TypeScript tests that import it.

export interface CorpusDescription {
  generatorVersion: number
  seed: number
  size: number
  claudeDir: string
  lowkeyProject: string
  claude: { bytes: number; sessions: number; logs: number; largestSession: string }
  lowkey: { bytes: number; conversations: number }
  seconds: number
}

export const GENERATOR_VERSION: number
export const DEFAULT_SEED: number

export function parseSize(text: string): number

export function generateCorpus(options: {
  root: string
  size: number
  seed?: number
}): CorpusDescription

export function appendClaudeTurn(path: string, seed: number): number
