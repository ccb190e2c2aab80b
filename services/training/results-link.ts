/**
 * The link from a results card to the full page and the spreadsheet: it names the person it was given to, the
 * course, and when it stops working (8 hours), signed with a key derived from the audit key (never stored). The
 * page checks the person's permission again when it is opened, so a link passed on shows nothing more than its
 * holder's own rights allow, and a person who has lost those rights sees nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { auditKey } from '../audit-log/audit-hash.js'

const LIFETIME_MS = 8 * 3_600_000
type Claims = { p: string; c: string; e: number }

const sign = (body: string) =>
  createHmac('sha256', auditKey()).update('training-results-link\n').update(body).digest('base64url')

/** A token for `personId` to see `courseId`'s results until `now` + 8 hours. */
export function resultsToken(personId: string, courseId: string, now: Date): string {
  const body = Buffer.from(JSON.stringify({ p: personId, c: courseId, e: now.getTime() + LIFETIME_MS })).toString(
    'base64url',
  )
  return `${body}.${sign(body)}`
}

/** The person and course a token names, or null when it is forged, altered or expired. */
export function readResultsToken(token: string, now: Date): { personId: string; courseId: string } | null {
  const [body, signature] = token.split('.')
  if (!body || !signature) return null
  const expected = Buffer.from(sign(body))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims
    if (typeof claims.p !== 'string' || typeof claims.c !== 'string' || typeof claims.e !== 'number') return null
    return claims.e > now.getTime() ? { personId: claims.p, courseId: claims.c } : null
  } catch {
    return null
  }
}
