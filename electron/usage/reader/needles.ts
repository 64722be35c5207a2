/** Minimum shared prefix, in bytes, for needles to be searched together. */
const MIN_SHARED_PREFIX = 4

/** Needles that start with the same bytes, searched as one. */
interface NeedleGroup {
  prefix: Buffer
  /** Rest of each needle after the prefix. An empty suffix matches any hit. */
  suffixes: Buffer[]
}

/**
 * Tells whether a line contains any of a set of byte strings. Needles that
 * share a prefix of at least `MIN_SHARED_PREFIX` bytes are found with one
 * search for the prefix, and the rest of each is compared at every hit. So the
 * four `"type":"…"` needles of a Claude Code log cost one search, not four.
 *
 * The group of the first needle is searched across the chunk, and its next hit
 * is kept so that the search never passes the same bytes twice. The other
 * groups are searched only inside the lines the first group rejects, so they
 * never scan the bytes of lines that already matched.
 */
export class NeedleFilter {
  private readonly first: NeedleGroup | undefined
  private readonly others: NeedleGroup[]
  private chunk: Buffer = Buffer.alloc(0)
  /** Next hit of the first group's prefix in the chunk, Infinity when none is left. */
  private next = -1

  constructor(needles: readonly Buffer[]) {
    const [first, ...others] = groupNeedles(needles)
    this.first = first
    this.others = others
  }

  /** Starts a chunk, which must end where its bytes end. */
  reset(chunk: Buffer): void {
    this.chunk = chunk
    this.next = -1
  }

  /** Tells whether the line `chunk[start, end)` contains a needle. */
  matches(start: number, end: number): boolean {
    const first = this.first
    if (first !== undefined && this.firstGroupMatches(first, start, end)) return true
    if (this.others.length === 0) return false

    const line = this.chunk.subarray(start, end)
    for (const group of this.others) {
      let hit = line.indexOf(group.prefix)
      while (hit !== -1) {
        if (suffixMatches(line, hit + group.prefix.length, line.length, group)) {
          return true
        }
        hit = line.indexOf(group.prefix, hit + 1)
      }
    }
    return false
  }

  private firstGroupMatches(group: NeedleGroup, start: number, end: number): boolean {
    let hit = this.next < start ? this.search(group, start) : this.next
    while (hit < end) {
      if (suffixMatches(this.chunk, hit + group.prefix.length, end, group)) {
        this.next = hit
        return true
      }
      hit = this.search(group, hit + 1)
    }
    this.next = hit
    return false
  }

  private search(group: NeedleGroup, from: number): number {
    const hit = this.chunk.indexOf(group.prefix, from)
    return hit === -1 ? Infinity : hit
  }
}

/** Tells whether one of the group's suffixes starts at `at` and ends by `end`. */
function suffixMatches(
  bytes: Buffer,
  at: number,
  end: number,
  group: NeedleGroup
): boolean {
  for (const suffix of group.suffixes) {
    if (at + suffix.length > end) continue
    let index = 0
    while (index < suffix.length && bytes[at + index] === suffix[index]) index += 1
    if (index === suffix.length) return true
  }
  return false
}

/**
 * Groups needles by shared prefix. Sorted, needles with a shared prefix sit
 * side by side, and each run whose neighbours share `MIN_SHARED_PREFIX` bytes
 * or more becomes one group. The group of the first needle given comes first.
 */
function groupNeedles(needles: readonly Buffer[]): NeedleGroup[] {
  const sorted = [...needles].sort(Buffer.compare)
  const runs: Buffer[][] = []
  let run: Buffer[] = []
  for (const needle of sorted) {
    const previous = run[run.length - 1]
    if (previous !== undefined && sharedLength(previous, needle) < MIN_SHARED_PREFIX) {
      runs.push(run)
      run = []
    }
    run.push(needle)
  }
  if (run.length > 0) runs.push(run)

  const groups = runs.map(groupOf)
  const firstNeedle = needles[0]
  const firstIndex = runs.findIndex((members) =>
    members.some((needle) => needle === firstNeedle)
  )
  if (firstIndex > 0) groups.unshift(...groups.splice(firstIndex, 1))
  return groups
}

function groupOf(members: Buffer[]): NeedleGroup {
  const first = members[0] as Buffer
  let prefixLength = first.length
  for (const member of members) {
    prefixLength = Math.min(prefixLength, sharedLength(first, member))
  }
  return {
    prefix: first.subarray(0, prefixLength),
    suffixes: members.map((member) => member.subarray(prefixLength))
  }
}

function sharedLength(a: Buffer, b: Buffer): number {
  const limit = Math.min(a.length, b.length)
  let index = 0
  while (index < limit && a[index] === b[index]) index += 1
  return index
}
