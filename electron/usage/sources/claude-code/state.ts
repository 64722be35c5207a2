import { z } from 'zod'

import type { ReaderState } from './reader'

/** Version of the saved reader state; a state of another version is not taken up. */
export const READER_STATE_VERSION = 1

const count = z.number().int().nonnegative()

const threadSchema = z.object({
  segment: count,
  agent: z.string(),
  startedMs: z.number().nullable(),
  sidechain: z.boolean(),
  copied: z.boolean(),
  apiErrorPending: z.boolean()
})

const tallySchema = z.object({
  main: threadSchema,
  segments: z.array(z.tuple([z.number().nullable(), z.boolean()])),
  buckets: z.array(
    z.object({
      segment: count,
      agent: z.string(),
      model: z.string().nullable(),
      startedMs: z.number(),
      finishedMs: z.number(),
      toolCalls: count,
      toolErrors: count,
      copied: z.boolean(),
      responses: z.array(
        z.tuple([
          z.number(),
          z.number(),
          z.number(),
          z.number(),
          z.number(),
          z.number(),
          z.boolean()
        ])
      )
    })
  ),
  responses: z.array(z.tuple([z.string(), count, count])),
  mainMessageIds: z.array(z.string()),
  calls: z.array(z.tuple([z.string(), count, z.boolean()]))
})

const linksSchema = z.object({
  launches: z.array(
    z.tuple([
      z.string(),
      z.object({
        segment: count,
        type: z.string().nullable(),
        prompt: z.string().nullable(),
        claimed: z.boolean()
      })
    ])
  ),
  callByAgent: z.array(z.tuple([z.string(), z.string()])),
  typeByCall: z.array(z.tuple([z.string(), z.string()])),
  unnamed: count
})

const routerSchema = z.object({
  threads: z.array(threadSchema),
  sidechains: z.array(z.tuple([z.string(), count])),
  lastSidechain: count.nullable(),
  copies: z.array(z.tuple([z.string(), count]))
})

const readerStateSchema = z.object({
  version: z.literal(READER_STATE_VERSION),
  tally: tallySchema,
  links: linksSchema,
  router: routerSchema
})

/** Returns a saved reader state, or null when it is of another version or shape. */
export function readerStateOf(value: unknown): ReaderState | null {
  const parsed = readerStateSchema.safeParse(value)
  return parsed.success ? (parsed.data satisfies ReaderState) : null
}
