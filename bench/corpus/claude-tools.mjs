// Tool calls and tool results in Claude Code's shapes. Results are where most
// bytes of a real log are: the output is written twice, once in the
// tool_result block and once more in the line's `toolUseResult`.

/** Tools and how often a main thread calls them, out of 100. */
const MAIN_TOOLS = [
  ['Bash', 30],
  ['Read', 24],
  ['Edit', 12],
  ['Grep', 9],
  ['Glob', 5],
  ['Write', 4],
  ['TodoWrite', 5],
  ['WebFetch', 4],
  ['WebSearch', 3],
  ['Task', 4]
]

const SUBAGENT_TOOLS = MAIN_TOOLS.filter(([name]) => name !== 'Task')

/** Share of tool calls that fail (a non-zero exit, a missing file, a rejection). */
const ERROR_RATE = 0.05

export function pickTool(random, { subagents }) {
  const tools = subagents ? MAIN_TOOLS : SUBAGENT_TOOLS
  const total = tools.reduce((sum, [, weight]) => sum + weight, 0)
  let draw = random.next() * total
  for (const [name, weight] of tools) {
    draw -= weight
    if (draw < 0) return name
  }
  return tools[0][0]
}

/**
 * Returns the length of one tool's output: mostly short, with a long tail of
 * whole files, long test logs and fetched pages.
 */
export function outputLength(random, name) {
  if (name === 'TodoWrite' || name === 'Glob') return random.int(80, 1500)
  const kind = random.next()
  if (kind < 0.6) return random.int(150, 2000)
  if (kind < 0.92) return random.int(2000, 16000)
  return Math.min(160000, Math.round(random.logNormal(30000, 0.6)))
}

/** Builds the `input` of a tool_use block. */
export function toolInput(random, pool, name, cwd) {
  const file = `${cwd}/src/${random.pick(['usage', 'reader', 'store', 'cli'])}/${random.hex(6)}.ts`
  switch (name) {
    case 'Bash':
      return {
        command: random.pick(['npm test', 'git status', 'npx vitest run', 'ls -la src']),
        description: pool.sentence()
      }
    case 'Read':
      return { file_path: file }
    case 'Edit':
      return {
        file_path: file,
        old_string: pool.text(random.int(80, 1200)),
        new_string: pool.text(random.int(80, 1600))
      }
    case 'Write':
      return { file_path: file, content: pool.text(random.int(400, 6000)) }
    case 'Grep':
      return { pattern: random.pick(['TODO', 'parseLine', 'usage', 'export']), path: cwd }
    case 'Glob':
      return { pattern: '**/*.ts' }
    case 'TodoWrite':
      return {
        todos: [1, 2, 3].map((n) => ({
          content: pool.sentence(),
          status: n === 1 ? 'in_progress' : 'pending',
          activeForm: pool.sentence()
        }))
      }
    case 'WebFetch':
      return { url: `https://example.com/docs/${random.hex(8)}`, prompt: pool.sentence() }
    default:
      return { query: pool.sentence() }
  }
}

/** Returns the `content` of a tool_result block and the line's `toolUseResult`. */
export function toolOutcome(random, pool, name, input) {
  if (random.chance(ERROR_RATE)) {
    const message = `Error: ${pool.sentence()}`
    return {
      isError: true,
      content: `<tool_use_error>${message}</tool_use_error>`,
      result: message
    }
  }

  const text = pool.text(outputLength(random, name), name === 'Read')
  const lines = text.split('\n').length
  switch (name) {
    case 'Bash':
      return {
        isError: false,
        content: text,
        result: { stdout: text, stderr: '', interrupted: false, isImage: false }
      }
    case 'Read':
      return {
        isError: false,
        content: text,
        result: {
          type: 'text',
          file: {
            filePath: input.file_path,
            content: text,
            numLines: lines,
            startLine: 1,
            totalLines: lines
          }
        }
      }
    case 'Edit':
      return {
        isError: false,
        content: `The file ${input.file_path} has been updated. Here's the result of running \`cat -n\`:\n${text.slice(0, 1200)}`,
        result: {
          filePath: input.file_path,
          oldString: input.old_string,
          newString: input.new_string,
          originalFile: text,
          structuredPatch: [
            { oldStart: 1, oldLines: 3, newStart: 1, newLines: 4, lines: ['-a', '+b'] }
          ],
          userModified: false,
          replaceAll: false
        }
      }
    case 'Grep':
      return {
        isError: false,
        content: text,
        result: {
          mode: 'content',
          numFiles: random.int(1, 40),
          filenames: [],
          content: text,
          numLines: lines
        }
      }
    case 'WebFetch':
      return {
        isError: false,
        content: text,
        result: {
          bytes: text.length * 3,
          code: 200,
          codeText: 'OK',
          result: text,
          durationMs: random.int(300, 9000),
          url: input.url
        }
      }
    default:
      return { isError: false, content: text, result: { content: text } }
  }
}
