/** Input validation at a use case's edge: zod issues become messages keyed by form field id. */
import type { z, ZodError } from 'zod'
import { AppError, type FieldMessages } from './errors.js'

/** The first message for each field (zod issue paths use the form's field ids). */
export function fieldErrorsOf(error: ZodError): FieldMessages {
  const out: FieldMessages = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    out[field] ??= issue.message
  }
  return out
}

/** Parses `raw` or throws INVALID_INPUT with the field messages; nothing has been written yet. */
export function parseInput<T extends z.ZodTypeAny>(schema: T, raw: unknown, message = 'Please check the highlighted answers.'): z.infer<T> {
  const parsed = schema.safeParse(raw)
  if (!parsed.success) throw new AppError('INVALID_INPUT', message, { fieldErrors: fieldErrorsOf(parsed.error) })
  return parsed.data
}
