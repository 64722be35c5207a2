import { z } from 'zod'

import { conversationOpenedSchema, envelopeSchema, turnLedgerSchema } from './events'

/**
 * JSON Schema (draft 2020-12) of one session log line: every event has the
 * envelope, and the two event types the ledger reads have their own fields.
 * Other event types pass with the envelope alone.
 */
export function sessionLogJsonSchema(): Record<string, unknown> {
  const schema = (type: z.ZodType): Record<string, unknown> => {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(type, { io: 'input' })
    return rest
  }
  const when = (type: string, then: z.ZodType): Record<string, unknown> => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: schema(then)
  })
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Lowkey session log event',
    description:
      'One line of <project>/.lowkey/sessions/<conversation-id>.jsonl. ' +
      'Readers skip unknown event types and ignore unknown fields.',
    allOf: [
      schema(envelopeSchema),
      when('conversation.opened', conversationOpenedSchema),
      when('turn.ledger', turnLedgerSchema)
    ]
  }
}
