#!/usr/bin/env node
// Summarizes V8 CPU profiles (`node --cpu-prof`) of the command line bundle,
// mapping bundle positions back to source files through out/cli/*.map.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof out/cli/lowkey.mjs usage rebuild ...
//   node bench/profile.mjs [--top 20] /tmp/prof/*.cpuprofile
//
// Prints, per profile, the total sampled time, self time by source file and by
// function, and inclusive time by source file: the time with that file
// anywhere on the stack. Inclusive time tells discovery, reading, parsing,
// validation and rollup writing apart.

import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const maps = new Map()

/** Returns the source map of a bundle file, or null when it has none. */
function sourceMapOf(url) {
  if (!maps.has(url)) {
    let map = null
    try {
      const path = url.startsWith('file:') ? fileURLToPath(url) : url
      map = new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')))
    } catch {
      // Node's own modules and packages have no map beside them.
    }
    maps.set(url, map)
  }
  return maps.get(url)
}

/** Names where a call frame's code comes from: a source file, a package or a V8 built-in. */
function placeOf(frame) {
  const { url, lineNumber, columnNumber, functionName } = frame
  if (!url)
    return { file: `(${functionName || 'native'})`, name: functionName || '(anonymous)' }
  const map = sourceMapOf(url)
  const entry = map?.findEntry(lineNumber, columnNumber)
  let file = entry?.originalSource ?? url
  file = file
    .replace(/^.*?\/(node_modules\/)/, '$1')
    .replace(/^.*?\/(electron|shared)\//, '$1/')
  file = file.replace(/^file:\/\/.*\/(out\/cli\/)/, '$1').replace(/^node:/, 'node:')
  const packageName = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)
  if (packageName) file = `package ${packageName[1]}`
  const line = entry?.originalLine === undefined ? lineNumber : entry.originalLine
  return { file, name: `${functionName || '(anonymous)'} ${file}:${line + 1}` }
}

function summarize(path, top) {
  const profile = JSON.parse(readFileSync(path, 'utf8'))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parents = new Map()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node.id)
  }

  const selfByFile = new Map()
  const selfByFunction = new Map()
  const inclusiveByFile = new Map()
  const add = (map, key, micros) => map.set(key, (map.get(key) ?? 0) + micros)
  let total = 0
  profile.samples.forEach((id, index) => {
    // Each sample stands for the time until the next one.
    const micros = profile.timeDeltas[index + 1] ?? 0
    total += micros
    const place = placeOf(nodes.get(id).callFrame)
    add(selfByFile, place.file, micros)
    add(selfByFunction, place.name, micros)

    const files = new Set()
    for (let node = id; node !== undefined; node = parents.get(node)) {
      files.add(placeOf(nodes.get(node).callFrame).file)
    }
    for (const file of files) add(inclusiveByFile, file, micros)
  })

  const lines = [`${path}: ${(total / 1000).toFixed(0)} ms sampled`]
  const section = (title, map) => {
    lines.push(`  ${title}`)
    const sorted = [...map].sort((a, b) => b[1] - a[1]).slice(0, top)
    for (const [key, micros] of sorted) {
      const share = ((micros / total) * 100).toFixed(1).padStart(5)
      lines.push(
        `    ${String((micros / 1000).toFixed(0)).padStart(7)} ms ${share}%  ${key}`
      )
    }
  }
  section('self time by file', selfByFile)
  section('self time by function', selfByFunction)
  section('inclusive time by file', inclusiveByFile)
  return lines.join('\n')
}

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '20' } },
  allowPositionals: true
})
if (positionals.length === 0) {
  process.stderr.write('usage: profile.mjs [--top N] PROFILE.cpuprofile...\n')
  process.exit(2)
}
for (const path of positionals) {
  process.stdout.write(summarize(path, Number(values.top)) + '\n\n')
}
