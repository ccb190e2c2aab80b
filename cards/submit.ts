/**
 * Turns what a platform sends back from a form into plain values per field kind, ready for a service's
 * zod schema: Teams sends strings ("a,b" for multi-select, "true"/"false" for toggles), Slack sends typed
 * state objects. Blank answers become undefined, so "required" messages are the schema's. A number field's
 * answer becomes a number; text that is not a number is passed on as typed, for the schema to refuse.
 */
import type { Field, FieldValue } from './model.js'

export type FormValues = Record<string, FieldValue | undefined>

/** A number field's answer: Teams may send it as a number or as text, Slack sends text. */
function toNumber(raw: string): FieldValue | undefined {
  const s = raw.trim()
  if (s === '') return undefined
  const n = Number(s)
  return Number.isFinite(n) ? n : s
}

function fromString(field: Field, raw: unknown): FieldValue | undefined {
  if (raw === undefined || raw === null) return field.kind === 'checkbox' ? false : undefined
  const s = String(raw)
  switch (field.kind) {
    case 'multiselect':
      return s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    case 'checkbox':
      return s === 'true'
    case 'number':
      return toNumber(s)
    default:
      return s.trim() === '' ? undefined : s
  }
}

/** Values from a Teams Action.Execute / Action.Submit `data` object. */
export function valuesFromTeams(fields: Field[], data: Record<string, unknown>): FormValues {
  return Object.fromEntries(fields.map((f) => [f.id, fromString(f, data[f.id])]))
}

type SlackState = Record<
  string,
  Record<
    string,
    {
      type?: string
      value?: string | null
      selected_date?: string | null
      selected_option?: { value: string } | null
      selected_options?: { value: string }[]
    }
  >
>

/** Values from a Slack view_submission's `view.state.values` (block id and action id are the field id). */
export function valuesFromSlack(fields: Field[], state: SlackState): FormValues {
  const out: FormValues = {}
  for (const f of fields) {
    const v = state[f.id]?.[f.id]
    if (!v) {
      out[f.id] = f.kind === 'checkbox' ? false : f.kind === 'multiselect' ? [] : undefined
      continue
    }
    switch (f.kind) {
      case 'date':
        out[f.id] = v.selected_date ?? undefined
        break
      case 'select':
        out[f.id] = v.selected_option?.value ?? undefined
        break
      case 'multiselect':
        out[f.id] = (v.selected_options ?? []).map((o) => o.value)
        break
      case 'checkbox':
        out[f.id] = (v.selected_options ?? []).some((o) => o.value === 'true')
        break
      case 'number':
        out[f.id] = toNumber(v.value ?? '')
        break
      default:
        out[f.id] = v.value && v.value.trim() !== '' ? v.value : undefined
    }
  }
  return out
}
