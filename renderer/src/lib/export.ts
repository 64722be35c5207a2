import { stringify } from 'csv-stringify/browser/esm/sync'

import type { ExportFile, LowkeyApi } from '../../../shared/api'
import { safeCsvCell } from '../../../shared/csv-cell'

export type CsvCell = string | number | null

/** A table to export: column names and one array of cells per row. */
export interface CsvTable {
  columns: string[]
  rows: CsvCell[][]
}

/** Outcome of an export, with the message shown to the operator. */
export interface ExportOutcome {
  saved: boolean
  message: string
}

/** Writes a table as CSV text with a header row and CRLF line ends (RFC 4180). */
export function toCsv(table: CsvTable): string {
  return stringify(
    table.rows.map((row) => row.map(safeCsvCell)),
    {
      header: true,
      columns: table.columns,
      record_delimiter: 'windows'
    }
  )
}

/** Encodes text as UTF-8 and then base64, as `export:save` expects. */
export function textToBase64(text: string): string {
  return bytesToBase64(new TextEncoder().encode(text))
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  const step = 0x8000
  for (let index = 0; index < bytes.length; index += step) {
    binary += String.fromCharCode(...bytes.subarray(index, index + step))
  }
  return btoa(binary)
}

/** Returns the base64 part of a `data:` URL such as chart.js `toBase64Image()` gives. */
export function dataUrlToBase64(dataUrl: string): string {
  const comma = dataUrl.indexOf(',')
  if (!dataUrl.startsWith('data:') || comma < 0) {
    throw new Error('the chart did not return an image (expected a data: URL)')
  }
  return dataUrl.slice(comma + 1)
}

/** Builds a file name from its parts: lower case, dashes, no characters a file system rejects. */
export function exportFileName(
  parts: Array<string | null | undefined>,
  extension: string
): string {
  const stem = parts
    .filter((part): part is string => Boolean(part))
    .map((part) =>
      part
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, '')
    )
    .filter((part) => part.length > 0)
    .join('-')
  return `${stem || 'lowkey-usage'}.${extension}`
}

export async function saveCsv(
  api: LowkeyApi,
  fileName: string,
  table: CsvTable
): Promise<ExportOutcome> {
  const result = await api.invoke('export:save', {
    fileName,
    mimeType: 'text/csv',
    base64: textToBase64(toCsv(table))
  })
  return outcome(result, fileName)
}

/** Anything that renders itself to a PNG data URL, such as a chart.js chart. */
export interface ImageSource {
  toBase64Image(type?: string, quality?: unknown): string
}

export async function savePng(
  api: LowkeyApi,
  fileName: string,
  chart: ImageSource
): Promise<ExportOutcome> {
  const base64 = dataUrlToBase64(chart.toBase64Image('image/png', 1))
  const result = await api.invoke('export:save', {
    fileName,
    mimeType: 'image/png',
    base64
  })
  return outcome(result, fileName)
}

/** Saves a file the main process made, such as a `usage:export` response. */
export async function saveFile(api: LowkeyApi, file: ExportFile): Promise<ExportOutcome> {
  const result = await api.invoke('export:save', file)
  return outcome(result, file.fileName)
}

function outcome(
  result: { saved: boolean; path: string | null },
  fileName: string
): ExportOutcome {
  if (!result.saved) return { saved: false, message: `Export of ${fileName} cancelled` }
  return { saved: true, message: `Saved ${result.path ?? fileName}` }
}
