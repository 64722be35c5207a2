/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF line
 * ends) into rows of strings. Kept apart from the app's CSV writer so a test
 * reads exports the way another program would.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index += 1
      } else if (char === '"') {
        quoted = false
      } else {
        field += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else {
      field += char
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/** Parses CSV with a header row into one object per data row. */
export function parseCsvObjects(text: string): Array<Record<string, string>> {
  const [header = [], ...rows] = parseCsv(text)
  return rows.map((cells) =>
    Object.fromEntries(header.map((name, index) => [name, cells[index] ?? '']))
  )
}
