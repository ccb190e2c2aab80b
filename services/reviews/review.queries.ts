/**
 * Small reads the bot needs about one review or milestone (to title a form) and the choices the review
 * forms offer. Each takes the actor: nothing outside their partnership is found, and the forms only the
 * chair or business manager may use refuse anyone else before anything is read.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { CDOP_AGE_BANDS } from '../referrals/referral.schema.js'
import { findMilestoneWithReview, listAgencies } from './review.repo.js'
import { agencyOfLabel } from './review.rules.js'
import type {
  Choice,
  InformationRequest,
  MilestoneSummary,
  OutcomeContext,
  PassOnChoices,
  ReviewStatus,
  ReviewSummary,
} from './review.schema.js'

const idOf = (raw: unknown) => (typeof raw === 'string' ? raw : '')

/** A review's id, reference, type and status; NOT_FOUND outside the actor's partnership. */
export async function getReviewSummary(ctx: ServiceContext, actor: Actor, reviewId: string): Promise<ReviewSummary> {
  const r = await ctx.db.review.findUnique({
    where: { id: idOf(reviewId) },
    select: { id: true, reference: true, typeKey: true, status: true, partnershipId: true },
  })
  if (!r || r.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That review could not be found.')
  return { id: r.id, reference: r.reference, typeKey: r.typeKey, status: r.status as ReviewStatus }
}

/**
 * The agencies' replies to a rapid review, for the Case Review Group chair recording its outcome (the only
 * person who may: the replies are case detail).
 */
export async function getOutcomeContext(ctx: ServiceContext, actor: Actor, reviewId: string): Promise<OutcomeContext> {
  assertCan(actor, 'review.record-outcome')
  const r = await ctx.db.review.findUnique({
    where: { id: idOf(reviewId) },
    select: {
      id: true,
      reference: true,
      partnershipId: true,
      milestones: { where: { key: { startsWith: 'agency-information' } }, orderBy: { label: 'asc' } },
    },
  })
  if (!r || r.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That review could not be found.')
  const replies: OutcomeContext['replies'] = []
  const waitingFor: string[] = []
  for (const m of r.milestones) {
    const response = (m.response ?? {}) as { chronology?: unknown; immediateLearning?: unknown }
    if (m.status === 'OPEN' || typeof response.chronology !== 'string') waitingFor.push(agencyOfLabel(m.label))
    else
      replies.push({
        agency: agencyOfLabel(m.label),
        chronology: response.chronology,
        immediateLearning: typeof response.immediateLearning === 'string' ? response.immediateLearning : '',
      })
  }
  return { id: r.id, reference: r.reference, asked: r.milestones.length, replies, waitingFor }
}

/** Whom the person asked for an agency's information may pass it on to: that agency's active people. */
export async function getPassOnChoices(ctx: ServiceContext, actor: Actor, milestoneId: string): Promise<PassOnChoices> {
  const m = await findMilestoneWithReview(ctx.db, idOf(milestoneId))
  if (!m || m.review.partnershipId !== actor.partnershipId || !m.key.startsWith('agency-information') || !m.agencyKey)
    throw new AppError('NOT_FOUND', 'That request could not be found.')
  assertCan(actor, 'review.answer-information', { responsiblePersonId: m.responsiblePersonId ?? undefined })
  const people = await ctx.db.person.findMany({
    where: { partnershipId: actor.partnershipId, active: true, agency: { key: m.agencyKey } },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, jobTitle: true },
  })
  return {
    milestoneId: m.id,
    reference: m.review.reference,
    agencyLabel: agencyOfLabel(m.label),
    people: people.map((p) => ({ value: p.id, label: `${p.name} (${p.jobTitle})` })),
  }
}

/** A milestone's id, review, reference, label and key; NOT_FOUND outside the actor's partnership. */
export async function getMilestoneSummary(
  ctx: ServiceContext,
  actor: Actor,
  milestoneId: string,
): Promise<MilestoneSummary> {
  const m = await findMilestoneWithReview(ctx.db, idOf(milestoneId))
  if (!m || m.review.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That milestone could not be found.')
  return { id: m.id, reviewId: m.reviewId, reference: m.review.reference, label: m.label, key: m.key }
}

/** A rapid review's request to an agency for information; NOT_FOUND for any other milestone. */
export async function getInformationRequest(
  ctx: ServiceContext,
  actor: Actor,
  milestoneId: string,
): Promise<InformationRequest> {
  const m = await findMilestoneWithReview(ctx.db, idOf(milestoneId))
  if (!m || m.review.partnershipId !== actor.partnershipId || !m.key.startsWith('agency-information')) {
    throw new AppError('NOT_FOUND', 'That request could not be found.')
  }
  return {
    milestoneId: m.id,
    reference: m.review.reference,
    agencyLabel: agencyOfLabel(m.label),
    due: m.dueDate.toISOString().slice(0, 10),
  }
}

/** The agencies the `new review` form offers; only the chair or business manager may start a review. */
export async function newReviewFormChoices(ctx: ServiceContext, actor: Actor): Promise<{ agencies: Choice[] }> {
  assertCan(actor, 'review.manage')
  return { agencies: (await listAgencies(ctx.db, actor.partnershipId)).map((a) => ({ value: a.key, label: a.name })) }
}

/** The agencies and age bands the CDOP form offers; only the chair or business manager may record one. */
export async function cdopFormChoices(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ agencies: Choice[]; ageBands: Choice[] }> {
  assertCan(actor, 'review.manage')
  const agencies = (await listAgencies(ctx.db, actor.partnershipId)).map((a) => ({ value: a.key, label: a.name }))
  return { agencies, ageBands: Object.entries(CDOP_AGE_BANDS).map(([value, label]) => ({ value, label })) }
}
