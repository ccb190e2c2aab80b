/**
 * The rapid review's steps after it starts: agency leads answer the information request, the business
 * manager records the Panel notification, the chair records the outcome, and the independent chair
 * approves the recommendation. Each validates, checks who may act, and writes the change with its audit
 * event and notifications in one transaction.
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import { enqueue } from '../notifications/outbox.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { describeFindings, findSensitiveFields } from '../privacy/sensitive-text.js'
import { fieldErrorsOf } from '../../lib/validation.js'
import { ZPartnershipSettings } from '../people/people.schema.js'
import { commissionReview } from './commission-review.js'
import { findResponsible, findReviewById } from './review.repo.js'
import { RECOMMENDATIONS, ZApproval, ZInformationAnswer, ZPanelNotification, ZRapidReviewOutcome } from './review.schema.js'

const invalid = (error: Parameters<typeof fieldErrorsOf>[0]) =>
  new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: fieldErrorsOf(error) })

async function loadReview(ctx: ServiceContext, actor: Actor, reviewId: string) {
  const review = await findReviewById(ctx.db, reviewId)
  if (!review || review.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That review could not be found.')
  return review
}

/** An agency's safeguarding lead answers the request for a chronology summary and immediate learning. */
export async function answerInformationRequest(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string; isNew: boolean }> {
  const parsed = ZInformationAnswer.safeParse(raw)
  if (!parsed.success) throw invalid(parsed.error)
  const m = await ctx.db.milestone.findUnique({ where: { id: parsed.data.milestoneId }, include: { review: true } })
  if (!m || m.review.partnershipId !== actor.partnershipId || !m.key.startsWith('agency-information')) throw new AppError('NOT_FOUND', 'That request could not be found.')
  assertCan(actor, 'review.answer-information', { responsiblePersonId: m.responsiblePersonId ?? undefined, agencyKey: m.agencyKey ?? undefined })
  if (m.status !== 'OPEN') return { reference: m.review.reference, isNew: false }
  const findings = findSensitiveFields({ chronology: parsed.data.chronology, immediateLearning: parsed.data.immediateLearning })
  if (Object.keys(findings).length && !parsed.data.confirmSensitive) {
    throw new AppError('SENSITIVE_TEXT', 'Some of your answers may identify a child or family member.', {
      fieldErrors: Object.fromEntries(Object.entries(findings).map(([f, list]) => [f, describeFindings(list)])),
    })
  }
  const now = ctx.clock.now()
  const isNew = await ctx.db.$transaction(async (tx) => {
    const done = await tx.milestone.updateMany({
      where: { id: m.id, status: 'OPEN' },
      data: { status: 'DONE', completedAt: now, completedById: actor.personId, response: { chronology: parsed.data.chronology, immediateLearning: parsed.data.immediateLearning } },
    })
    if (done.count === 0) return false
    await recordAudit(tx, {
      partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_INFORMATION_PROVIDED', subjectType: 'review', subjectId: m.reviewId,
      after: { milestoneId: m.id, agencyKey: m.agencyKey }, at: now,
    })
    return true
  })
  return { reference: m.review.reference, isNew }
}

/** The business manager records the date the local authority notified the national Panel. */
export async function recordPanelNotification(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string }> {
  const parsed = ZPanelNotification.safeParse(raw)
  if (!parsed.success) throw invalid(parsed.error)
  const review = await loadReview(ctx, actor, parsed.data.reviewId)
  assertCan(actor, 'review.record-panel-notification')
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  const now = ctx.clock.now()
  if (parsed.data.sentOn > todayIn(partnership.timeZone, now)) throw new AppError('INVALID_INPUT', 'Please check the date.', { fieldErrors: { sentOn: 'The date cannot be in the future.' } })
  await ctx.db.$transaction(async (tx) => {
    await tx.review.update({ where: { id: review.id }, data: { panelNotifiedOn: new Date(`${parsed.data.sentOn}T00:00:00Z`), version: { increment: 1 } } })
    await tx.milestone.updateMany({ where: { reviewId: review.id, key: 'panel-notification', status: 'OPEN' }, data: { status: 'DONE', completedAt: now, completedById: actor.personId } })
    await recordAudit(tx, {
      partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_PANEL_NOTIFIED', subjectType: 'review', subjectId: review.id,
      before: { panelNotifiedOn: review.panelNotifiedOn }, after: { panelNotifiedOn: parsed.data.sentOn }, at: now,
    })
  })
  return { reference: review.reference }
}

/** The Case Review Group chair records the rapid review's outcome: the four tests and a recommendation. */
export async function recordRapidReviewOutcome(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string }> {
  const parsed = ZRapidReviewOutcome.safeParse(raw)
  if (!parsed.success) throw invalid(parsed.error)
  const review = await loadReview(ctx, actor, parsed.data.reviewId)
  assertCan(actor, 'review.record-outcome')
  if (review.status !== 'GATHERING') throw new AppError('ALREADY_DONE', `The outcome of ${review.reference} has already been recorded.`)
  const now = ctx.clock.now()
  const who = await findResponsible(ctx.db, actor.partnershipId)
  const settings = ZPartnershipSettings.parse((await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })).settings ?? {})
  const approver = settings.recommendationApprover === 'executive' ? who.chairOf('executive') : who.withRole('independent-chair')
  const outcome = { tests: parsed.data.tests, recommendation: parsed.data.recommendation, immediateLearning: parsed.data.immediateLearning, rationale: parsed.data.rationale }
  const ok = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.review.updateMany({
      where: { id: review.id, status: 'GATHERING' },
      data: { status: 'AWAITING_APPROVAL', outcome, outcomeById: actor.personId, outcomeAt: now, version: { increment: 1 } },
    })
    if (updated.count === 0) return false
    await tx.milestone.updateMany({ where: { reviewId: review.id, key: 'rapid-review-meeting', status: 'OPEN' }, data: { status: 'DONE', completedAt: now, completedById: actor.personId } })
    await recordAudit(tx, {
      partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_OUTCOME_RECORDED', subjectType: 'review', subjectId: review.id,
      before: { status: review.status }, after: { status: 'AWAITING_APPROVAL', outcome }, at: now,
    })
    if (approver) {
      await enqueue(tx, [{
        kind: 'person.notice', personId: approver.id,
        notice: { template: 'review.approval-request', reviewId: review.id, reference: review.reference, recommendation: RECOMMENDATIONS[outcome.recommendation], rationale: outcome.rationale, recordedBy: actor.name },
      }])
    }
    return true
  })
  if (!ok) throw new AppError('ALREADY_DONE', `The outcome of ${review.reference} has already been recorded.`)
  return { reference: review.reference }
}

/** The independent chair approves the recommendation, or sends it back to the Case Review Group. */
export async function approveRecommendation(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string; decision: 'approve' | 'send-back' }> {
  const parsed = ZApproval.safeParse(raw)
  if (!parsed.success) throw invalid(parsed.error)
  const review = await loadReview(ctx, actor, parsed.data.reviewId)
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  const settings = ZPartnershipSettings.parse(partnership.settings ?? {})
  assertCan(actor, 'review.approve', { approver: settings.recommendationApprover })
  if (parsed.data.decision === 'send-back' && !parsed.data.note?.trim()) throw new AppError('INVALID_INPUT', 'Please say why.', { fieldErrors: { note: 'Say why it goes back to the Case Review Group.' } })
  if (review.status !== 'AWAITING_APPROVAL') throw new AppError('ALREADY_DONE', `The recommendation for ${review.reference} is not waiting for approval.`)
  const now = ctx.clock.now()
  const to = parsed.data.decision === 'approve' ? 'APPROVED' : 'GATHERING'
  const ok = await ctx.db.$transaction(async (tx) => {
    const updated = await tx.review.updateMany({
      where: { id: review.id, status: 'AWAITING_APPROVAL' },
      data: {
        status: to, approvalDecision: parsed.data.decision, approvalRationale: parsed.data.note ?? null, approvedById: actor.personId, approvedAt: now,
        ...(to === 'GATHERING' ? { outcome: undefined } : {}), version: { increment: 1 },
      },
    })
    if (updated.count === 0) return false
    await recordAudit(tx, {
      partnershipId: actor.partnershipId, actorId: actor.personId,
      action: to === 'APPROVED' ? 'REVIEW_RECOMMENDATION_APPROVED' : 'REVIEW_RECOMMENDATION_SENT_BACK',
      subjectType: 'review', subjectId: review.id, before: { status: review.status }, after: { status: to, note: parsed.data.note ?? null }, at: now,
    })
    const recommendation = (review.outcome as { recommendation?: string } | null)?.recommendation
    if (to === 'APPROVED' && (recommendation === 'lcspr' || recommendation === 'learning-review')) {
      await commissionReview(tx, {
        partnershipId: actor.partnershipId, typeKey: recommendation, actorId: actor.personId, at: now, today: todayIn(partnership.timeZone, now),
        parent: { id: review.id, reference: review.reference, awarenessDate: review.awarenessDate, isSeriousIncident: review.isSeriousIncident },
      })
    }
    if (review.outcomeById) {
      await enqueue(tx, [{
        kind: 'person.notice', personId: review.outcomeById,
        notice: { template: 'review.approved', reviewId: review.id, reference: review.reference, decision: parsed.data.decision, by: actor.name, ...(parsed.data.note ? { note: parsed.data.note } : {}) },
      }])
    }
    return true
  })
  if (!ok) throw new AppError('ALREADY_DONE', `The recommendation for ${review.reference} was already decided.`)
  return { reference: review.reference, decision: parsed.data.decision }
}
