/** Input validation at a use case's edge: zod issues become messages keyed by form field id. */
import type { ZodError } from 'zod'
import type { FieldMessages } from './errors.js'

/** The first message for each field (zod issue paths use the form's field ids). */
export function fieldErrorsOf(error: ZodError): FieldMessages {
  const out: FieldMessages = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    out[field] ??= issue.message
  }
  return out
}

/**
 * True when `iso` (YYYY-MM-DD) names a day that exists: parsed, then written back and compared, so
 * `2026-02-30` (which Date would roll into March) and `0000-00-00` are refused rather than stored.
 */
export function isRealCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || year > 2999) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.toISOString().slice(0, 10) === iso
}
