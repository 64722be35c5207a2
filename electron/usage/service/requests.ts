import { z } from 'zod'

import type { RequestChannel } from '../../../shared/api'
import { pricingSettingsSchema } from '../../../shared/pricing'
import { warningSettingsSchema } from '../../../shared/warnings'

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .nullable()
const scope = z.object({ projectId: z.string().min(1) })
const range = z.object({ from: day, to: day })
const none = z.union([z.null(), z.undefined(), z.object({})])

/**
 * Shape of every channel's request. Requests through the HTTP bridge come off
 * the network, so each is checked before the service acts on it.
 */
export const REQUEST_SCHEMAS: Record<RequestChannel, z.ZodType> = {
  'projects:list': none,
  'projects:add': z.object({ path: z.string().min(1) }),
  'projects:choose': none,
  'projects:remove': scope,
  'rollups:rebuild': scope,
  'rollups:cancel': scope,
  'usage:overview': scope.extend(range.shape),
  'usage:conversations': scope.extend({
    sort: z.enum([
      'lastFinishedAt',
      'inputTokens',
      'outputTokens',
      'turns',
      'wallMs',
      'toolErrors'
    ]),
    descending: z.boolean(),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(1000),
    search: z.string().optional()
  }),
  'usage:turns': z.object({
    projectId: z.string().min(1),
    conversation: z.string().min(1),
    offset: z.number().int().nonnegative(),
    limit: z.number().int().positive().max(1000)
  }),
  'usage:providers': none,
  'usage:routines': scope,
  'usage:agents': scope.extend(range.shape),
  'usage:warnings': scope,
  'usage:costs': scope.extend(range.shape),
  'usage:export': z.object({
    projectId: z.string().min(1),
    content: z.enum([
      'ledger',
      'conversations',
      'days',
      'agents',
      'providers',
      'routines'
    ]),
    format: z.enum(['csv', 'json'])
  }),
  'settings:get': none,
  'settings:update': z.object({
    timeZone: z.string().min(1).optional(),
    warnings: warningSettingsSchema.optional(),
    pricing: pricingSettingsSchema.optional()
  }),
  'export:save': z.object({
    fileName: z.string().min(1).max(200),
    mimeType: z.string().min(1),
    base64: z.string()
  })
}
