/**
 * The read side of referrals for the bot: each query takes the actor and checks what they may see, so
 * bot/ never reads the database or decides visibility itself.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan, can } from '../people/policy.js'
import {
  findQuestionById,
  findReferralAccess,
  listAgencies,
  listOpenReferrals,
  listReferralsByReferrer,
} from './referral.repo.js'
import { REFERRAL_STATUSES, ZQuestionId, ZReferralId, type ReferralStatus } from './referral.schema.js'
import { UNDECIDED } from './referral.transitions.js'
import { loadReferralView, type ReferralView } from './referral.view.js'

export type ReferralSummary = {
  id: string
  reference: string
  status: ReferralStatus
  statusLabel: string
  submittedAt: string
}
export type Choice = { value: string; label: string }

const summary = (r: { id: string; reference: string; status: string; submittedAt: Date }): ReferralSummary => ({
  id: r.id,
  reference: r.reference,
  status: r.status as ReferralStatus,
  statusLabel: REFERRAL_STATUSES[r.status as ReferralStatus],
  submittedAt: r.submittedAt.toISOString(),
})

/** The referrals this person raised, newest first; never anyone else's. */
export async function listMyReferrals(ctx: ServiceContext, actor: Actor): Promise<ReferralSummary[]> {
  return (await listReferralsByReferrer(ctx.db, actor.personId)).map(summary)
}

/** Referrals waiting for this person's decision (empty unless they chair the Case Review Group). */
export async function listAwaitingMyDecision(ctx: ServiceContext, actor: Actor): Promise<ReferralSummary[]> {
  if (!can(actor, 'referral.decide')) return []
  return (await listOpenReferrals(ctx.db, actor.partnershipId, UNDECIDED)).map(summary)
}

/** One referral as its cards show it, for its referrer and the Case Review Group only (NOT_FOUND otherwise). */
export async function getReferralFor(ctx: ServiceContext, actor: Actor, referralId: unknown): Promise<ReferralView> {
  const id = ZReferralId.safeParse(referralId)
  const access = id.success ? await findReferralAccess(ctx.db, id.data) : null
  if (!id.success || !access || access.partnershipId !== actor.partnershipId) {
    throw new AppError('NOT_FOUND', 'That referral could not be found.')
  }
  assertCan(actor, 'referral.view', { referrerId: access.referrerId })
  const view = await loadReferralView(ctx.db, id.data)
  if (!view) throw new AppError('NOT_FOUND', 'That referral could not be found.')
  return view
}

/** The chair's question, for the referrer to answer: NOT_FOUND for anyone but the referrer. */
export async function getQuestionToAnswer(
  ctx: ServiceContext,
  actor: Actor,
  questionId: unknown,
): Promise<{ id: string; reference: string; question: string }> {
  const id = ZQuestionId.safeParse(questionId)
  const q = id.success ? await findQuestionById(ctx.db, id.data) : null
  if (!q || q.referral.partnershipId !== actor.partnershipId || q.referral.referrerId !== actor.personId) {
    throw new AppError('NOT_FOUND', 'That question could not be found.')
  }
  return { id: q.id, reference: q.referral.reference, question: q.question }
}

/** What the blank referral form offers: the other agencies of the partnership (not the referrer's own). */
export async function newReferralFormChoices(ctx: ServiceContext, actor: Actor): Promise<{ agencies: Choice[] }> {
  assertCan(actor, 'referral.submit')
  const agencies = await listAgencies(ctx.db, actor.partnershipId)
  return { agencies: agencies.filter((a) => a.key !== actor.agencyKey).map((a) => ({ value: a.key, label: a.name })) }
}
