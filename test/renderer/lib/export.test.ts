import { describe, expect, it } from 'vitest'

import {
  dataUrlToBase64,
  exportFileName,
  saveCsv,
  savePng,
  textToBase64,
  toCsv
} from '../../../renderer/src/lib/export'
import { FakeApi } from '../support/fake-api'

describe('toCsv', () => {
  it('writes a header and quotes cells that need it', () => {
    const csv = toCsv({
      columns: ['conversation', 'title', 'tokens', 'model'],
      rows: [['c-1', 'Fix "flaky", test', 1200, null]]
    })
    expect(csv).toBe(
      'conversation,title,tokens,model\r\nc-1,"Fix ""flaky"", test",1200,\r\n'
    )
  })
})

describe('base64 helpers', () => {
  it('encodes text as UTF-8', () => {
    // "é" is the two bytes C3 A9.
    expect(textToBase64('é')).toBe('w6k=')
    expect(Buffer.from(textToBase64('naïve,ünïcode'), 'base64').toString('utf8')).toBe(
      'naïve,ünïcode'
    )
  })

  it('takes the data out of a data URL', () => {
    expect(dataUrlToBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=')
    expect(() => dataUrlToBase64('not an image')).toThrow(/expected a data: URL/)
  })
})

describe('exportFileName', () => {
  it('joins lower-case parts with dashes', () => {
    expect(
      exportFileName(
        ['lowkey', 'All projects', 'tokens-by-provider', '2026-11-28'],
        'png'
      )
    ).toBe('lowkey-all-projects-tokens-by-provider-2026-11-28.png')
  })

  it('drops characters a file system may reject', () => {
    expect(exportFileName(['lowkey', 'a/b:c*?', null, ''], 'csv')).toBe(
      'lowkey-a-b-c.csv'
    )
    expect(exportFileName([], 'csv')).toBe('lowkey-usage.csv')
  })
})

describe('saveCsv and savePng', () => {
  it('send the file through export:save and report where it went', async () => {
    const api = new FakeApi({
      'export:save': () => ({ saved: true, path: '/home/me/x.csv' })
    })
    const outcome = await saveCsv(api, 'x.csv', { columns: ['a'], rows: [[1]] })
    expect(api.requests('export:save')).toEqual([
      { fileName: 'x.csv', mimeType: 'text/csv', base64: textToBase64('a\r\n1\r\n') }
    ])
    expect(outcome).toEqual({ saved: true, message: 'Saved /home/me/x.csv' })
  })

  it('report a cancelled save dialog', async () => {
    const api = new FakeApi({ 'export:save': () => ({ saved: false, path: null }) })
    const chart = { toBase64Image: () => 'data:image/png;base64,AAAA' }
    const outcome = await savePng(api, 'chart.png', chart)
    expect(api.requests('export:save')[0]).toEqual({
      fileName: 'chart.png',
      mimeType: 'image/png',
      base64: 'AAAA'
    })
    expect(outcome).toEqual({ saved: false, message: 'Export of chart.png cancelled' })
  })
})
