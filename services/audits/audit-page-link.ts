/**
 * The audit's web page and its XLSX export are opened from the summary card by a link signed for the person who
 * read the card: the link names the person, the audit and when it expires, with an HMAC under the audit key.
 * The page resolves the person again and reads the summary as them, so it shows exactly what the card may show,
 * and a link passed on still only shows what its person may see (and only for a day).
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { auditSignature, sameHash } from '../audit-log/audit-hash.js'
import { findPersonById } from '../people/people.repo.js'
import type { Actor } from '../people/people.schema.js'
import { getAuditSummary } from './audit.queries.js'
import type { AuditSummary } from './audit.schema.js'

/** How long a page link works. */
const LINK_HOURS = 24

type LinkBody = { p: string; a: string; e: number }

/** A signed token for this person and audit, valid for a day. */
function auditPageToken(ctx: ServiceContext, actor: Actor, auditId: string): string {
  const body: LinkBody = {
    p: actor.personId,
    a: auditId,
    e: Math.floor(ctx.clock.now().getTime() / 1000) + LINK_HOURS * 3600,
  }
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64url')
  return `${encoded}.${auditSignature('audit-page', body)}`
}

/** The links to the audit's web page and its XLSX export, signed for this person (none without a base URL). */
export function auditPageLinks(
  ctx: ServiceContext,
  actor: Actor,
  auditId: string,
): { page: string; xlsx: string } | null {
  const base = ctx.publicUrl?.()
  if (!base) return null
  const t = encodeURIComponent(auditPageToken(ctx, actor, auditId))
  return { page: `${base}/audits/page?t=${t}`, xlsx: `${base}/audits/export.xlsx?t=${t}` }
}

/** The summary a signed token opens, read as its person; NOT_FOUND for a bad, changed or expired token. */
export async function readAuditPage(ctx: ServiceContext, token: string): Promise<AuditSummary> {
  const refused = new AppError('NOT_FOUND', 'This link has expired or is not valid. Open the audit again from chat.')
  const [encoded, signature] = String(token).split('.')
  if (!encoded || !signature || encoded.length > 400) throw refused
  let body: LinkBody
  try {
    body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as LinkBody
  } catch {
    throw refused
  }
  if (typeof body?.p !== 'string' || typeof body.a !== 'string' || typeof body.e !== 'number') throw refused
  if (!sameHash(auditSignature('audit-page', { p: body.p, a: body.a, e: body.e }), signature)) throw refused
  if (body.e * 1000 < ctx.clock.now().getTime()) throw refused
  const person = /^[0-9a-f-]{36}$/.test(body.p) ? await findPersonById(ctx.db, body.p) : null
  if (!person) throw refused
  return getAuditSummary(ctx, person.actor, body.a)
}
