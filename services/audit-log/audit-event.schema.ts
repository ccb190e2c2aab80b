/**
 * The shape of every audit event: a zod discriminated union on `action`.
 *
 * WARNING: these rows are stored for years and hash-chained. Never rename an action that has been written,
 * and only ever add optional keys to a payload.
 *
 * Payloads hold ids, states, keys, dates, counts and the names of changed fields: never narrative free
 * text. A token is therefore a string with no white space (an id, `OPEN`, `2026-11-29`, `whatHappened`),
 * a number, a boolean or null, so free text cannot be recorded here even by mistake: `recordAudit` parses
 * every event and refuses one that carries a sentence.
 */
import { z } from 'zod'

/** An id, a status, a key, an ISO date or a field name. */
const ZAuditToken = z.union([
  z.string().max(120).regex(/^\S*$/, 'Audit payloads hold ids, states and field names, not free text.'),
  z.number(),
  z.boolean(),
  z.null(),
])
/**
 * What an event records before and after the change. The list comes first: a union whose every option fails
 * builds an error object for each, and trying a list's items as one token did so for every list recorded.
 */
const ZAuditFacts = z.record(z.union([z.array(ZAuditToken).max(200), ZAuditToken]))
export type AuditFacts = z.infer<typeof ZAuditFacts>

/** One kind of event: its action, what kind of record it is about, and its payload. */
export const auditEvent = <A extends string, S extends string>(action: A, subjectType: S) =>
  z
    .object({
      action: z.literal(action),
      subjectType: z.literal(subjectType),
      subjectId: z.string().min(1).max(120),
      before: ZAuditFacts.optional(),
      after: ZAuditFacts.optional(),
      /** The names of the fields the change set or changed (their values stay in the record itself). */
      fields: z
        .array(z.string().regex(/^[A-Za-z][\w.-]*$/))
        .max(100)
        .optional(),
    })
    .strict()
