import { printable } from '../../../shared/format'

/** A column of a text table: numbers align right, text left. */
export interface Column<Row> {
  header: string
  align?: 'left' | 'right'
  value: (row: Row) => string
}

/** Renders rows as an aligned plain-text table, with a rule under the header. */
export function renderTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  footer?: Row
): string {
  const cells = (row: Row): string[] =>
    columns.map((column) => printable(column.value(row)))
  const body = rows.map(cells)
  const foot = footer ? [cells(footer)] : []
  const headers = columns.map((column) => column.header)
  const widths = headers.map((header, index) =>
    Math.max(
      header.length,
      ...[...body, ...foot].map((cells) => (cells[index] ?? '').length)
    )
  )

  const line = (cells: string[]): string =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0
        return columns[index]?.align === 'right'
          ? cell.padStart(width)
          : cell.padEnd(width)
      })
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')

  const lines = [line(headers), rule, ...body.map(line)]
  if (foot.length > 0) lines.push(rule, ...foot.map(line))
  return lines.join('\n') + '\n'
}
