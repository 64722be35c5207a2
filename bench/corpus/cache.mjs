import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { GENERATOR_VERSION, generateCorpus } from '../generate.mjs'
import { treeBytes } from '../totals.mjs'

/** Returns where the corpus of this size and seed is kept between runs. */
export function corpusFolder(size, seed) {
  return join(
    tmpdir(),
    'lowkey-usage-bench',
    `corpus-${size}-seed${seed}-v${GENERATOR_VERSION}`
  )
}

/**
 * Returns the corpus for `size` and `seed`, reusing the one kept from an
 * earlier run when its logs still have the sizes written down in corpus.json,
 * else writing it anew.
 */
export function prepareCorpus(size, seed, log) {
  const root = corpusFolder(size, seed)
  const described = join(root, 'corpus.json')
  if (existsSync(described)) {
    const corpus = JSON.parse(readFileSync(described, 'utf8'))
    const intact =
      treeBytes(join(corpus.claudeDir, 'projects')) === corpus.claude.bytes &&
      treeBytes(join(corpus.lowkeyProject, '.lowkey', 'sessions')) === corpus.lowkey.bytes
    if (intact) {
      log(`reusing the corpus in ${root}`)
      return corpus
    }
    log(`the corpus in ${root} was changed since it was written: writing it again`)
  }

  rmSync(root, { recursive: true, force: true })
  log(`writing a corpus of ${(size / 1e6).toFixed(0)} MB (seed ${seed}) into ${root}`)
  const corpus = generateCorpus({ root, size, seed })
  log(`corpus written in ${corpus.seconds.toFixed(1)} s`)
  return corpus
}
