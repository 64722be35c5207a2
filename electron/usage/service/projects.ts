import { createHash } from 'node:crypto'
import { basename, resolve } from 'node:path'

import type { ProjectKind, ProjectSummary } from '../../../shared/api'
import { UsageError } from '../errors'
import type { Environment } from '../paths'
import { OUTSIDE_SOURCE_KINDS, adapterFor, resolveSourceRoots } from '../sources/registry'
import type { SourceRoots } from '../sources/registry'
import type { SourceAdapter } from '../sources/types'
import { projectTarget, sourceTarget } from '../targets'
import type { UsageTarget } from '../targets'

/** A project or outside source the service serves. */
export interface ProjectEntry {
  id: string
  kind: ProjectKind
  name: string
  location: string
  origin: ProjectSummary['origin']
  target: UsageTarget
  adapter: SourceAdapter
}

/** Stable id of a project: the same folder always gets the same id. */
export function projectId(kind: ProjectKind, location: string): string {
  return `${kind}-${createHash('sha256').update(location).digest('hex').slice(0, 10)}`
}

/** Opens a Lowkey project folder as an entry; throws a `UsageError` when it is not one. */
export async function lowkeyEntry(
  path: string,
  origin: ProjectSummary['origin']
): Promise<ProjectEntry> {
  const location = resolve(path)
  const target = await projectTarget(location)
  return {
    id: projectId('lowkey', location),
    kind: 'lowkey',
    name: basename(location),
    location,
    origin,
    target,
    adapter: adapterFor('lowkey')
  }
}

/** Entries for Claude Code and Codex CLI logs found in their usual places. */
export function foundSourceEntries(
  environment: Environment,
  dataDir: string
): ProjectEntry[] {
  const entries: ProjectEntry[] = []
  for (const kind of OUTSIDE_SOURCE_KINDS) {
    let found: SourceRoots
    try {
      found = resolveSourceRoots(kind, undefined, environment)
    } catch (error) {
      if (error instanceof UsageError) continue
      throw error
    }
    const location = found.roots.join(', ')
    entries.push({
      id: projectId(kind, location),
      kind,
      name: kind === 'claude-code' ? 'Claude Code' : 'Codex CLI',
      location,
      origin: 'found',
      target: sourceTarget(kind, found.roots, dataDir, found.searched),
      adapter: adapterFor(kind)
    })
  }
  return entries
}
