import { afterEach, describe, expect, it, vi } from 'vitest'

import { INFO_NOTICE_MS, createNoticesStore } from '../../../renderer/src/state/notices'

afterEach(() => {
  vi.useRealTimers()
})

describe('notices', () => {
  it('show only the newest result of an action', () => {
    const notices = createNoticesStore()
    notices.getState().info('Saved days.csv')
    notices.getState().info('Saved agents.csv')
    expect(notices.getState().notices.map((notice) => notice.message)).toEqual([
      'Saved agents.csv'
    ])
  })

  it('let a result go after a while, but not an error', () => {
    vi.useFakeTimers()
    const notices = createNoticesStore()
    notices.getState().error('Export', 'disk full')
    notices.getState().info('Saved days.csv')
    vi.advanceTimersByTime(INFO_NOTICE_MS - 1)
    expect(notices.getState().notices).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(notices.getState().notices.map((notice) => notice.message)).toEqual([
      'Export failed: disk full'
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
