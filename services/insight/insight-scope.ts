/**
 * Who may see which dashboard (issue 15): the safeguarding partners, the business manager and the scrutineer
 * see the partnership (and any sub-group, agency or theme in it); a sub-group chair sees their sub-groups; an
 * agency's safeguarding lead sees their agency. Everyone else sees only their own items. Pure rules, checked by
 * every insight query before it reads.
 */
import { AppError } from '../../lib/errors.js'
import type { Actor, Role } from '../people/people.schema.js'
import type { InsightScope } from './insight.schema.js'

const PARTNERSHIP_VIEWERS: Role[] = ['safeguarding-partner', 'business-manager', 'independent-scrutineer']

/** Sees the whole partnership. */
export const seesPartnership = (actor: Actor): boolean => actor.roles.some((r) => PARTNERSHIP_VIEWERS.includes(r))

/** The scopes this person may open, the widest first (empty: only their own items). */
export function scopesFor(actor: Actor): InsightScope[] {
  if (seesPartnership(actor)) return [{ kind: 'partnership' }]
  const scopes: InsightScope[] = actor.chairs.map((key) => ({ kind: 'sub-group', key }))
  if (actor.roles.includes('safeguarding-lead') && actor.agencyKey)
    scopes.push({ kind: 'agency', key: actor.agencyKey })
  return scopes
}

/** Whether this person may see the dashboard of `scope`. Themes cut across agencies: partnership viewers only. */
function maySee(actor: Actor, scope: InsightScope): boolean {
  if (seesPartnership(actor)) return true
  if (scope.kind === 'sub-group') return actor.chairs.includes(scope.key)
  if (scope.kind === 'agency') return actor.roles.includes('safeguarding-lead') && actor.agencyKey === scope.key
  return false
}

/** Throws NOT_PERMITTED, in words, when this person may not see the dashboard of `scope`. */
export function assertMaySee(actor: Actor, scope: InsightScope): void {
  if (maySee(actor, scope)) return
  throw new AppError(
    'NOT_PERMITTED',
    'This dashboard is for the safeguarding partners, the business manager and scrutiny, the chair of the ' +
      "sub-group, or the agency's safeguarding lead. You can see your own items.",
  )
}

/**
 * Who may write the story behind the curve: the chair of the sub-group for its panels; the business manager
 * and the partnership chair for any; an agency's lead for their agency's. Scrutiny reads and challenges.
 */
export function mayWriteStory(actor: Actor, scope: InsightScope): boolean {
  if (actor.roles.includes('business-manager')) return true
  if (actor.roles.includes('safeguarding-partner') && actor.chairs.includes('executive')) return true
  if (scope.kind === 'sub-group') return actor.chairs.includes(scope.key)
  if (scope.kind === 'agency') return actor.roles.includes('safeguarding-lead') && actor.agencyKey === scope.key
  return false
}

/** The business manager and the partnership chair draft the yearly report. */
export const mayGenerateReport = (actor: Actor): boolean =>
  actor.roles.includes('business-manager') ||
  (actor.roles.includes('safeguarding-partner') && actor.chairs.includes('executive'))
