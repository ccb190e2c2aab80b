/**
 * Reviews that do not start from a rapid review: a learning review, single-agency review or good practice
 * review started by the chair or business manager; a child death notification from the CDOP (which
 * becomes a referral when the CDOP found possible abuse or neglect); and the national Panel's reply.
 */
import { z } from 'zod'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { AGE_BANDS } from '../referrals/referral.schema.js'
import { submitReferral } from '../referrals/submit-referral.js'
import { parseInput } from '../../lib/validation.js'
import { describeFindings, findSensitiveText } from '../privacy/sensitive-text.js'
import { ensureReviewTypes, findResponsible, findReviewType } from './review.repo.js'
import { dueDateOf } from './review.rules.js'

const isoDate = (what: string) => z.string({ required_error: `Enter ${what}.` }).regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what}.`)
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

export const STARTABLE_TYPES = ['learning-review', 'single-agency', 'good-practice', 'lcspr'] as const

export const ZStartReview = z.object({
  typeKey: z.enum(STARTABLE_TYPES, { errorMap: () => ({ message: 'Choose the kind of review.' }) }),
  caseReference: z.string({ required_error: "Enter the case reference or the review's subject." }).trim().min(2, "Enter the case reference or the review's subject.").max(60),
  agencies: z.array(z.string()).default([]),
})

export const ZCdopNotification = z.object({
  formToken: z.string().uuid(),
  cdopReference: z.string({ required_error: 'Enter the CDOP reference.' }).trim().min(2, 'Enter the CDOP reference.').max(40),
  ageBand: z.enum(Object.keys(AGE_BANDS) as [keyof typeof AGE_BANDS], { errorMap: () => ({ message: "Choose the child's age band." }) }),
  dateOfDeath: isoDate('the date of death'),
  notifiedOn: isoDate('the date the CDOP notified the partnership'),
  abuseOrNeglectSuspected: z.boolean().default(false),
  agencies: z.array(z.string()).default([]),
  summary: z.string({ required_error: "Summarise the CDOP's finding." }).trim().min(20, "Summarise the CDOP's finding (at least 20 characters).").max(4000),
  confirmSensitive: z.boolean().default(false),
})

export const ZPanelReply = z.object({
  reviewId: z.string().uuid(),
  reply: z.string({ required_error: "Record the Panel's reply." }).trim().min(5, "Record the Panel's reply.").max(4000),
})


/** Creates a review of `typeKey` with its milestones, anchored at today (and awareness, if known). */
async function createReview(ctx: ServiceContext, actor: Actor, input: { typeKey: string; reference: string; agencies: string[]; awareness?: string }) {
  await ensureReviewTypes(ctx.db, actor.partnershipId)
  const type = await findReviewType(ctx.db, actor.partnershipId, input.typeKey)
  if (!type) throw new AppError('NOT_FOUND', 'That kind of review is not set up.')
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  const now = ctx.clock.now()
  const today = todayIn(partnership.timeZone, now)
  const who = await findResponsible(ctx.db, actor.partnershipId)
  return ctx.db.$transaction(async (tx) => {
    const review = await tx.review.create({
      data: {
        partnershipId: actor.partnershipId, typeKey: input.typeKey, reference: input.reference, status: 'IN_PROGRESS',
        awarenessDate: asDate(input.awareness ?? today), startedAt: now, startedById: actor.personId,
      },
    })
    for (const t of type.templates) {
      const dueDate = asDate(dueDateOf(t, { awareness: input.awareness ?? today, start: today }))
      const targets = t.responsible === 'agency-lead'
        ? input.agencies.map((a) => ({ key: `${t.key}:${a}`, person: who.leadOf(a) ?? who.withRole('business-manager'), agencyKey: a as string | null }))
        : [{ key: t.key, person: t.responsible === 'business-manager' ? who.withRole('business-manager') : t.responsible === 'independent-chair' ? who.withRole('independent-chair') : who.chairOf(type.owningSubGroupKey), agencyKey: null }]
      for (const target of targets) {
        await tx.milestone.create({ data: { reviewId: review.id, key: target.key, label: t.label, dueDate, responsibleRole: t.responsible, responsiblePersonId: target.person?.id ?? null, agencyKey: target.agencyKey } })
      }
    }
    await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_STARTED', subjectType: 'review', subjectId: review.id, after: { typeKey: input.typeKey, reference: input.reference }, at: now })
    return review
  })
}

export async function startReview(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reviewId: string; reference: string }> {
  assertCan(actor, 'review.manage')
  const input = parseInput(ZStartReview, raw)
  if (input.typeKey === 'single-agency' && input.agencies.length !== 1) throw new AppError('INVALID_INPUT', 'Please check the agencies.', { fieldErrors: { agencies: 'Choose the one agency whose review this is.' } })
  const review = await createReview(ctx, actor, { typeKey: input.typeKey, reference: input.caseReference, agencies: input.agencies })
  return { reviewId: review.id, reference: review.reference }
}

/**
 * The CDOP tells the partnership about a child's death. It is recorded as a review to screen; when the CDOP
 * found possible abuse or neglect it also becomes a referral, screened like any other.
 */
export async function recordCdopNotification(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string; referral: string | null }> {
  assertCan(actor, 'review.manage')
  const input = parseInput(ZCdopNotification, raw)
  if (input.notifiedOn < input.dateOfDeath) throw new AppError('INVALID_INPUT', 'Please check the dates.', { fieldErrors: { notifiedOn: 'The notification cannot come before the death.' } })
  const findings = findSensitiveText(input.summary)
  if (findings.length && !input.confirmSensitive) throw new AppError('SENSITIVE_TEXT', 'The summary may identify a child or family member.', { fieldErrors: { summary: describeFindings(findings) } })
  const existing = await ctx.db.review.findFirst({ where: { partnershipId: actor.partnershipId, typeKey: 'cdop-notification', reference: `CDOP ${input.cdopReference}` } })
  const review = existing ?? (await createReview(ctx, actor, { typeKey: 'cdop-notification', reference: `CDOP ${input.cdopReference}`, agencies: input.agencies, awareness: input.notifiedOn }))
  if (!input.abuseOrNeglectSuspected) return { reference: review.reference, referral: null }
  // The same form token makes the referral once, however often the notification is submitted.
  const referral = await submitReferral(ctx, actor, {
    formToken: input.formToken, caseReference: input.cdopReference, ageBand: input.ageBand, incidentDate: input.dateOfDeath, awarenessDate: input.notifiedOn,
    criteria: ['abuse-or-neglect', 'died'], agencies: input.agencies.filter((a) => a !== actor.agencyKey),
    whatHappened: input.summary, whyReview: 'The child death overview panel found possible abuse or neglect.', confirmSensitive: true,
  })
  return { reference: review.reference, referral: referral.reference }
}

/** The business manager records the national Panel's reply to a rapid review. */
export async function recordPanelReply(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ reference: string }> {
  const input = parseInput(ZPanelReply, raw)
  const review = await ctx.db.review.findUnique({ where: { id: input.reviewId } })
  if (!review || review.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That review could not be found.')
  assertCan(actor, 'review.record-panel-notification')
  await ctx.db.$transaction(async (tx) => {
    await tx.review.update({ where: { id: review.id }, data: { panelReply: input.reply, version: { increment: 1 } } })
    await recordAudit(tx, { partnershipId: actor.partnershipId, actorId: actor.personId, action: 'REVIEW_PANEL_REPLY_RECORDED', subjectType: 'review', subjectId: review.id, before: { panelReply: review.panelReply }, after: { panelReply: input.reply }, at: ctx.clock.now() })
  })
  return { reference: review.reference }
}

