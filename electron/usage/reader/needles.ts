/** Minimum shared prefix, in bytes, for needles to be searched together. */
const MIN_SHARED_PREFIX = 4
/** Bytes at the start of a scan counted to find the rarest byte of each prefix. */
const SAMPLE_BYTES = 8 * 1024

/** Needles that start with the same bytes, searched as one. */
interface NeedleGroup {
  prefix: Buffer
  /** Rest of each needle after the prefix. An empty suffix matches any hit. */
  suffixes: Buffer[]
  /** Offset in the prefix of the byte searched for. The rest is compared at each hit. */
  anchor: number
  /** Start of the group's next prefix in the chunk, Infinity when none is left. */
  next: number
}

/**
 * Tells whether a line contains any of a set of byte strings. Needles that
 * share a prefix of at least `MIN_SHARED_PREFIX` bytes are found with one
 * search for the prefix, and the rest of each is compared at every hit. So the
 * four `"type":"…"` needles of a Claude Code log cost one search, not four.
 *
 * A prefix is found by searching for its rarest byte with `indexOf`, which
 * runs at memory speed for one byte, and comparing the rest around each hit.
 * On the benchmark's Claude Code logs that was four times faster than a
 * search for the whole prefix, whose quotes and common letters slow it down.
 * Which byte is rarest is counted in the first bytes of the first scan with a
 * needle list, and kept for later scans with the same list.
 *
 * Each group keeps its next hit in the chunk, so that no search passes the
 * same bytes twice. A group is searched only for lines that the groups before
 * it rejected, in the order the needles were given.
 */
export class NeedleFilter {
  private readonly groups: NeedleGroup[]
  private chunk: Buffer = Buffer.alloc(0)
  private anchored: boolean

  constructor(private readonly needles: readonly Buffer[]) {
    const known = anchoredGroups.get(needles)
    this.groups = known ? known.map(copyGroup) : groupNeedles(needles)
    this.anchored = known !== undefined
  }

  /** Starts a chunk, which must end where its bytes end. */
  reset(chunk: Buffer): void {
    this.chunk = chunk
    if (!this.anchored) {
      chooseAnchors(this.groups, chunk.subarray(0, SAMPLE_BYTES))
      anchoredGroups.set(this.needles, this.groups.map(copyGroup))
      this.anchored = true
    }
    for (const group of this.groups) group.next = -1
  }

  /** Tells whether the line `chunk[start, end)` contains a needle. */
  matches(start: number, end: number): boolean {
    for (const group of this.groups) {
      if (this.groupMatches(group, start, end)) return true
    }
    return false
  }

  private groupMatches(group: NeedleGroup, start: number, end: number): boolean {
    let hit = group.next < start ? this.search(group, start) : group.next
    while (hit < end) {
      if (suffixMatches(this.chunk, hit + group.prefix.length, end, group)) {
        group.next = hit
        return true
      }
      hit = this.search(group, hit + 1)
    }
    group.next = hit
    return false
  }

  /** Finds the start of the group's prefix at or after `from`. */
  private search(group: NeedleGroup, from: number): number {
    const { prefix, anchor } = group
    if (prefix.length === 0) return from
    const chunk = this.chunk
    const byte = prefix[anchor] as number
    let hit = chunk.indexOf(byte, from + anchor)
    while (hit !== -1) {
      const start = hit - anchor
      let index = 0
      while (index < prefix.length && chunk[start + index] === prefix[index]) index += 1
      if (index === prefix.length) return start
      hit = chunk.indexOf(byte, hit + 1)
    }
    return Infinity
  }
}

/** Groups with their anchors chosen, by the needle list they were made from. */
const anchoredGroups = new WeakMap<readonly Buffer[], NeedleGroup[]>()

function copyGroup(group: NeedleGroup): NeedleGroup {
  return { ...group, next: -1 }
}

/** Picks, for each group, the byte of its prefix that occurs least in `sample`. */
function chooseAnchors(groups: NeedleGroup[], sample: Buffer): void {
  const counts = new Uint32Array(256)
  for (let index = 0; index < sample.length; index += 1) {
    const byte = sample[index] as number
    counts[byte] = (counts[byte] as number) + 1
  }
  for (const group of groups) {
    let anchor = 0
    for (let index = 1; index < group.prefix.length; index += 1) {
      const count = counts[group.prefix[index] as number] ?? 0
      if (count < (counts[group.prefix[anchor] as number] ?? 0)) anchor = index
    }
    group.anchor = anchor
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
    suffixes: members.map((member) => member.subarray(prefixLength)),
    anchor: 0,
    next: -1
  }
}

function sharedLength(a: Buffer, b: Buffer): number {
  const limit = Math.min(a.length, b.length)
  let index = 0
  while (index < limit && a[index] === b[index]) index += 1
  return index
}
