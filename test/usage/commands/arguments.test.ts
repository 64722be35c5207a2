import { describe, expect, it } from 'vitest'

import { EXPORT_CONTENT_CHOICES } from '../../../electron/usage/commands/arguments'
import { EXPORT_CONTENTS } from '../../../electron/usage/export/tables'

describe('command line choices', () => {
  it('offer every export content', () => {
    expect(EXPORT_CONTENT_CHOICES).toEqual(EXPORT_CONTENTS)
  })
})
