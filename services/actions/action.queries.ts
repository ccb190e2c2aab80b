/**
 * Reads the action forms need, each checked against the actor: one action's summary, the recommendation a
 * bulk form turns into actions, and the lists of agencies, people and sub-groups the forms offer.
 */
import { z } from 'zod'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan, can } from '../people/policy.js'
import { isoDay, loadAction } from './action.change.js'
import { findActionChoices, findRecommendation } from './action.repo.js'
import { ACTION_STATUSES, type ActionChoices, type ActionStatus, type ActionSummary } from './action.schema.js'

const ZId = z.string().uuid()

/** The id as given by a button, or NOT_FOUND: an id that is missing or malformed names nothing. */
function idOrNotFound(raw: unknown, what: string): string {
  const parsed = ZId.safeParse(raw)
  if (!parsed.success) throw new AppError('NOT_FOUND', `That ${what} could not be found.`)
  return parsed.data
}

/** One action of the actor's partnership (NOT_FOUND otherwise); what its forms show. */
export async function getActionSummary(ctx: ServiceContext, actor: Actor, actionId: string): Promise<ActionSummary> {
  const a = await loadAction(ctx, actor, idOrNotFound(actionId, 'action'))
  const status = a.status as ActionStatus
  return {
    id: a.id,
    reference: a.reference,
    what: a.what,
    status,
    statusLabel: ACTION_STATUSES[status],
    dueDate: isoDay(a.dueDate),
    measure: a.measureOfSuccess,
  }
}

/** The recommendation to turn into actions: only for those who may create actions, in their partnership. */
export async function getRecommendationForActions(
  ctx: ServiceContext,
  actor: Actor,
  recommendationId: string,
): Promise<{ id: string; text: string }> {
  assertCan(actor, 'action.create')
  const rec = await findRecommendation(ctx.db, idOrNotFound(recommendationId, 'recommendation'))
  if (!rec || rec.review.partnershipId !== actor.partnershipId) {
    throw new AppError('NOT_FOUND', 'That recommendation could not be found.')
  }
  return { id: rec.id, text: rec.text }
}

/**
 * The partnership's agencies, active people (name, job title and agency) and sub-groups, as form choices.
 * For those who create or reassign actions or manage reviews: chairs and the business manager.
 */
export async function listActionChoices(ctx: ServiceContext, actor: Actor): Promise<ActionChoices> {
  if (!(can(actor, 'action.create') || can(actor, 'review.manage') || actor.chairs.length > 0)) {
    throw new AppError('NOT_PERMITTED', 'Only chairs and the business manager can choose agencies and owners.')
  }
  const { agencies, people, subGroups } = await findActionChoices(ctx.db, actor.partnershipId)
  return {
    agencies: agencies.map((a) => ({ value: a.key, label: a.name })),
    people: people.map((p) => ({
      value: p.id,
      label: `${p.name} (${p.jobTitle}${p.agency ? `, ${p.agency.name}` : ''})`,
    })),
    subGroups: subGroups.map((g) => ({ value: g.key, label: g.name })),
  }
}

/** What the `new actions` form shows: its recommendation (if any) and the choices; for action creators only. */
export async function getNewActionsForm(
  ctx: ServiceContext,
  actor: Actor,
  recommendationId?: string,
): Promise<{ recommendation: { id: string; text: string } | null; choices: ActionChoices }> {
  assertCan(actor, 'action.create')
  const recommendation = recommendationId ? await getRecommendationForActions(ctx, actor, recommendationId) : null
  return { recommendation, choices: await listActionChoices(ctx, actor) }
}
