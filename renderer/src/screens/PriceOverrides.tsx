import { TOKEN_PRICE_FIELDS, shippedEntry } from '../../../shared/pricing-table'
import type { OverrideDraft, PriceField } from '../lib/prices'

const PRICE_TITLES: Record<PriceField, string> = {
  input: 'Input',
  cacheRead: 'Cache read',
  cacheWrite5m: 'Cache write 5m',
  cacheWrite1h: 'Cache write 1h',
  output: 'Output'
}

/** Edits the operator's prices, one row per model, in USD per million tokens. */
export function PriceOverrides(props: {
  rows: OverrideDraft[]
  errors: Record<string, string>
  onChange(row: OverrideDraft): void
  onRemove(id: number): void
}) {
  const { errors } = props
  return (
    <div className="table-wrap">
      <table
        className="data-table compact-table price-table"
        data-testid="price-overrides"
      >
        <caption className="visually-hidden">
          Prices per model, USD per million tokens
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            {TOKEN_PRICE_FIELDS.map((field) => (
              <th key={field} scope="col">
                {PRICE_TITLES[field]}
              </th>
            ))}
            <th scope="col">Source</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => {
            const shipped = shippedEntry(row.model.trim())
            const priceError = TOKEN_PRICE_FIELDS.some(
              (field) => errors[`${row.id}.${field}`]
            )
              ? 'Prices must be numbers, 0 or more.'
              : undefined
            // A row just added shows no errors until something is typed into it.
            const blank =
              row.model === '' &&
              row.source === '' &&
              TOKEN_PRICE_FIELDS.every((field) => row.prices[field] === '')
            const rowError = blank
              ? undefined
              : (errors[`${row.id}.model`] ?? priceError ?? errors[`${row.id}.prices`])
            const name = row.model.trim() || 'new model'
            return (
              <tr key={row.id}>
                <td>
                  <input
                    list="price-models"
                    value={row.model}
                    spellCheck={false}
                    aria-label="Model id"
                    aria-invalid={!blank && errors[`${row.id}.model`] ? true : undefined}
                    // Mounted blank only when the operator adds the row.
                    autoFocus={blank}
                    onChange={(event) =>
                      props.onChange({ ...row, model: event.target.value })
                    }
                  />
                  {rowError && <div className="field-help has-errors">{rowError}</div>}
                </td>
                {TOKEN_PRICE_FIELDS.map((field) => (
                  <td key={field}>
                    <input
                      className="price-input"
                      inputMode="decimal"
                      value={row.prices[field]}
                      placeholder={shipped ? String(shipped.prices[field]) : 'required'}
                      aria-label={`${PRICE_TITLES[field]} price of ${name}`}
                      aria-invalid={errors[`${row.id}.${field}`] ? true : undefined}
                      onChange={(event) =>
                        props.onChange({
                          ...row,
                          prices: { ...row.prices, [field]: event.target.value }
                        })
                      }
                    />
                  </td>
                ))}
                <td>
                  <input
                    value={row.source}
                    placeholder="our price sheet"
                    aria-label={`Source of the prices of ${name}`}
                    onChange={(event) =>
                      props.onChange({ ...row, source: event.target.value })
                    }
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="quiet"
                    aria-label={`Remove the prices of ${name}`}
                    onClick={() => props.onRemove(row.id)}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
