/** What the partnership's review settings are: review types with their milestones, and the learning themes. */
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { findPartnership, listReviewTypeRows } from './review.repo.js'
import { type ReviewTypeView, ZMilestoneTemplate } from './review.schema.js'

/** Every active review type with its milestones, for the types card and the edit form. */
export async function listReviewTypes(ctx: ServiceContext, actor: Actor): Promise<ReviewTypeView[]> {
  assertCan(actor, 'review.view-status')
  const rows = await listReviewTypeRows(ctx.db, actor.partnershipId)
  return rows.map((r) => ({
    key: r.key,
    name: r.name,
    legacyName: r.legacyName,
    owningSubGroupKey: r.owningSubGroupKey,
    templates: ZMilestoneTemplate.array().parse(r.milestones),
  }))
}

/** The themes findings can be tagged with, for anyone who may see review status. */
export async function listThemes(ctx: ServiceContext, actor: Actor): Promise<string[]> {
  assertCan(actor, 'review.view-status')
  return (await findPartnership(ctx.db, actor.partnershipId)).settings.themes
}

/** The same list, for the business manager's form that edits it (refused to anyone else). */
export async function listThemesToEdit(ctx: ServiceContext, actor: Actor): Promise<string[]> {
  assertCan(actor, 'review.edit-types')
  return (await findPartnership(ctx.db, actor.partnershipId)).settings.themes
}
