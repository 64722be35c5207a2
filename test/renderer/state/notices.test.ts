import { describe, expect, it } from 'vitest'

import { createNoticesStore } from '../../../renderer/src/state/notices'

describe('notices', () => {
  it('show only the newest result of an action', () => {
    const notices = createNoticesStore()
    notices.getState().info('Saved days.csv')
    notices.getState().info('Saved agents.csv')
    expect(notices.getState().notices.map((notice) => notice.message)).toEqual([
      'Saved agents.csv'
    ])
  })

  it('keep errors until they are dismissed', () => {
    const notices = createNoticesStore()
    notices.getState().error('Export', 'disk full')
    notices.getState().info('Saved days.csv')
    notices.getState().error('Rebuild', 'lock taken')
    notices.getState().info('Saved agents.csv')
    expect(notices.getState().notices.map((notice) => notice.message)).toEqual([
      'Export failed: disk full',
      'Rebuild failed: lock taken',
      'Saved agents.csv'
    ])
  })
})
