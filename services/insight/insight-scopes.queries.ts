/**
 * The dashboards a person may open, with their names, for the tab's navigation: the partnership's viewers get
 * every sub-group, agency and theme under the partnership; a chair their sub-groups; a lead their agency.
 */
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import { findPartnership } from '../reviews/review.repo.js'
import { scopesFor, seesPartnership } from './insight-scope.js'
import type { InsightScope } from './insight.schema.js'

export type ScopeChoice = { scope: InsightScope; label: string }

/** Every scope this person may open (empty: only their own items). */
export async function listInsightScopes(ctx: ServiceContext, actor: Actor): Promise<ScopeChoice[]> {
  const [subGroups, agencies, partnership] = await Promise.all([
    ctx.db.subGroup.findMany({ where: { partnershipId: actor.partnershipId }, orderBy: { name: 'asc' } }),
    ctx.db.agency.findMany({ where: { partnershipId: actor.partnershipId }, orderBy: { name: 'asc' } }),
    findPartnership(ctx.db, actor.partnershipId),
  ])
  const subGroupName = new Map(subGroups.map((g) => [g.key, g.name]))
  const agencyName = new Map(agencies.map((a) => [a.key, a.name]))
  if (seesPartnership(actor))
    return [
      { scope: { kind: 'partnership' }, label: 'The partnership' },
      ...subGroups.map((g) => ({ scope: { kind: 'sub-group' as const, key: g.key }, label: g.name })),
      ...agencies.map((a) => ({ scope: { kind: 'agency' as const, key: a.key }, label: a.name })),
      ...partnership.settings.themes.map((t) => ({ scope: { kind: 'theme' as const, key: t }, label: `Theme: ${t}` })),
    ]
  return scopesFor(actor).map((scope) => ({
    scope,
    label:
      scope.kind === 'sub-group'
        ? (subGroupName.get(scope.key) ?? scope.key)
        : scope.kind === 'agency'
          ? (agencyName.get(scope.key) ?? scope.key)
          : 'The partnership',
  }))
}
