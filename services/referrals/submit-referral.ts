/**
 * A practitioner raises a review referral. Validates, checks for identifying details, then writes the
 * referral, its audit event and the screening-card notification in one transaction.
 *
 * Idempotent: the form carries a token; submitting the same form again (a double click, a platform retry)
 * returns the referral already made instead of making another.
 */
import type { ServiceContext } from '../../lib/context.js'
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { fieldErrorsOf } from '../../lib/validation.js'
import { recordAudit } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import { enqueue } from '../notifications/outbox.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { describeFindings, findSensitiveFields } from '../privacy/sensitive-text.js'
import { findReferralBySubmissionKey, nextReferenceNumber } from './referral.repo.js'
import { makeReferralSchema, referralCrossFieldErrors, REFERRAL_FREE_TEXT_FIELDS } from './referral.schema.js'

export type SubmitReferralResult = { referralId: string; reference: string; isNew: boolean }

export async function submitReferral(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<SubmitReferralResult> {
  assertCan(actor, 'referral.submit')
  const [partnership, agencies] = await Promise.all([
    ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } }),
    ctx.db.agency.findMany({ where: { partnershipId: actor.partnershipId }, select: { key: true } }),
  ])
  const now = ctx.clock.now()
  const parsed = makeReferralSchema(todayIn(partnership.timeZone, now)).safeParse(raw)
  if (!parsed.success) {
    const crossField = typeof raw === 'object' && raw !== null ? referralCrossFieldErrors(raw) : {}
    throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: { ...crossField, ...fieldErrorsOf(parsed.error) } })
  }
  const input = parsed.data

  const existing = await ctx.db.referral.findUnique({ where: { submissionKey: input.formToken }, select: { id: true, reference: true, referrerId: true } })
  if (existing) return sameSubmitter(existing, actor)

  const known = new Set(agencies.map((a) => a.key))
  const unknown = input.agencies.filter((a) => !known.has(a))
  if (unknown.length) throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors: { agencies: 'Choose agencies from the list.' } })

  const findings = findSensitiveFields(Object.fromEntries(REFERRAL_FREE_TEXT_FIELDS.map((f) => [f, input[f]])))
  if (Object.keys(findings).length && !input.confirmSensitive) {
    throw new AppError('SENSITIVE_TEXT', 'Some of your answers may identify a child or family member.', {
      fieldErrors: Object.fromEntries(Object.entries(findings).map(([field, f]) => [field, describeFindings(f)])),
    })
  }

  const year = Number(todayIn(partnership.timeZone, now).slice(0, 4))
  try {
    return await ctx.db.$transaction(async (tx) => {
      const seq = await nextReferenceNumber(tx, actor.partnershipId, 'referral', year)
      const reference = `${partnership.referencePrefix}-${year}-${String(seq).padStart(4, '0')}`
      const referral = await tx.referral.create({
        data: {
          partnershipId: actor.partnershipId,
          reference,
          submissionKey: input.formToken,
          referrerId: actor.personId,
          referrerAgencyId: actor.agencyId,
          caseReference: input.caseReference,
          ageBand: input.ageBand,
          incidentDate: new Date(`${input.incidentDate}T00:00:00Z`),
          awarenessDate: new Date(`${input.awarenessDate}T00:00:00Z`),
          criteria: input.criteria,
          agencyKeys: [...new Set(input.agencies)],
          whatHappened: input.whatHappened,
          whyReview: input.whyReview,
          sensitiveTextAcknowledged: Object.keys(findings).length > 0,
          status: 'AWAITING_SCREENING',
          submittedAt: now,
        },
      })
      await recordAudit(tx, {
        partnershipId: actor.partnershipId,
        actorId: actor.personId,
        action: 'REFERRAL_SUBMITTED',
        subjectType: 'referral',
        subjectId: referral.id,
        after: referral,
        at: now,
      })
      await enqueue(tx, [
        { kind: 'channel.sync', partnershipId: actor.partnershipId, purpose: 'case-review', subjectType: 'referral', subjectId: referral.id },
      ])
      return { referralId: referral.id, reference, isNew: true }
    })
  } catch (error) {
    // Two copies of the same form raced: the other one won, so answer with its referral.
    if (isUniqueViolation(error)) {
      const winner = await findReferralBySubmissionKey(ctx.db, input.formToken)
      if (winner) return sameSubmitter(winner, actor)
    }
    throw error
  }
}

function sameSubmitter(existing: { id: string; reference: string; referrerId: string }, actor: Actor): SubmitReferralResult {
  if (existing.referrerId !== actor.personId) throw new AppError('NOT_PERMITTED', 'This form was already used by someone else. Please open a new referral form.')
  return { referralId: existing.id, reference: existing.reference, isNew: false }
}
