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
import { loadReferralView, type ReferralView, withoutCaseDetail } from './referral.view.js'
import { findNotificationById } from './incident-notification.repo.js'
import { ZNotificationId, type NotificationView } from './incident-notification.schema.js'
import { notificationViewOf } from './incident-notification.view.js'

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

/**
 * One referral as its cards show it, for its referrer, the Case Review Group and the people deciding (NOT_FOUND
 * otherwise). Need to know: the case detail is in it only for the people deciding and the referrer.
 */
export async function getReferralFor(ctx: ServiceContext, actor: Actor, referralId: unknown): Promise<ReferralView> {
  const id = ZReferralId.safeParse(referralId)
  const access = id.success ? await findReferralAccess(ctx.db, id.data) : null
  if (!id.success || !access || access.partnershipId !== actor.partnershipId) {
    throw new AppError('NOT_FOUND', 'That referral could not be found.')
  }
  assertCan(actor, 'referral.view', { referrerId: access.referrerId })
  const view = await loadReferralView(ctx.db, id.data, ctx.clock.now())
  if (!view) throw new AppError('NOT_FOUND', 'That referral could not be found.')
  return can(actor, 'referral.view-details', { referrerId: access.referrerId }) ? view : withoutCaseDetail(view)
}

/** A notification with its referral (case detail included), for the notification lead's card. */
export type NotificationCase = { notification: NotificationView; referral: ReferralView; canRecord: boolean }

/** The notification lead's card: for the lead, the safeguarding partners and the Case Review Group's chair. */
export async function getNotificationFor(
  ctx: ServiceContext,
  actor: Actor,
  notificationId: unknown,
): Promise<NotificationCase> {
  const id = ZNotificationId.safeParse(notificationId)
  const n = id.success ? await findNotificationById(ctx.db, id.data) : null
  if (!n || n.partnershipId !== actor.partnershipId)
    throw new AppError('NOT_FOUND', 'That notification could not be found.')
  assertCan(actor, 'notification.view')
  const [notification, referral] = await Promise.all([
    notificationViewOf(ctx.db, n),
    loadReferralView(ctx.db, n.referralId, ctx.clock.now()),
  ])
  return { notification, referral: referral!, canRecord: can(actor, 'notification.record') }
}

/** Notifications with a task still open, oldest first: the notification lead's list. */
export async function listOpenNotifications(ctx: ServiceContext, actor: Actor): Promise<NotificationView[]> {
  assertCan(actor, 'notification.view')
  const rows = await ctx.db.incidentNotification.findMany({
    where: { partnershipId: actor.partnershipId, tasks: { some: { status: 'OPEN' } } },
    include: { tasks: { orderBy: { dueDate: 'asc' } } },
    orderBy: { createdAt: 'asc' },
    take: 50,
  })
  return Promise.all(rows.map((n) => notificationViewOf(ctx.db, n)))
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
