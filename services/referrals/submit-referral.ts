/**
 * A practitioner raises a review referral. Validates and checks for identifying details in one pass (every
 * problem comes back in one reply), then writes the referral, its audit event and the screening-card
 * notification in one transaction. A referral that meets the
 * serious incident criteria (or a looked-after child's death) opens the local authority's notification in the
 * same transaction: its clock starts now, not when the chair decides.
 *
 * Idempotent: the form carries a token; submitting the same form again (a double click, a platform retry)
 * returns the referral already made instead of making another.
 *
 * The audit event records ids, the status, dates and codes; the free text (case reference, what happened,
 * why a review) stays in the referral and is named only in `fields`.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { describeFindings, findSensitiveFields } from '../privacy/sensitive-text.js'
import { plainUseCase } from '../use-case.js'
import { openIncidentNotification } from './open-incident-notification.js'
import { findReferralBySubmissionKey, findSubmitContext, insertReferral, nextReferenceNumber } from './referral.repo.js'
import { REFERRAL_FREE_TEXT_FIELDS, referralDateErrors, ZReferralSubmit } from './referral.schema.js'

/** `notification`: this submit opened the local authority's serious incident notification. */
export type SubmitReferralResult = { referralId: string; reference: string; isNew: boolean; notification?: boolean }

type Existing = { id: string; reference: string; referrerId: string }

/** A second submit of a form answers with its referral, but only to the person who submitted it. */
function sameSubmitter(existing: Existing, actor: Actor): SubmitReferralResult {
  if (existing.referrerId !== actor.personId) {
    throw new AppError('NOT_PERMITTED', 'This form was already used by someone else. Please open a new referral form.')
  }
  return { referralId: existing.id, reference: existing.reference, isNew: false }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** The rules that need the partnership (its today, its agencies), on answers that may not have parsed. */
function rawRuleErrors(raw: Record<string, unknown>, today: string, agencyKeys: Set<string>): Record<string, string> {
  const date = (v: unknown) => (typeof v === 'string' && ISO_DATE.test(v) ? v : '')
  const fieldErrors = referralDateErrors(
    { incidentDate: date(raw.incidentDate), awarenessDate: date(raw.awarenessDate) },
    today,
  )
  const chosen = Array.isArray(raw.agencies) ? raw.agencies : []
  if (chosen.some((a) => !agencyKeys.has(String(a)))) fieldErrors.agencies = 'Choose agencies from the list.'
  return fieldErrors
}

/**
 * Raises a referral (or returns the one this form already made); queues the screening card. A plain-SQL use case:
 * the busiest change there is, so its transaction skips Prisma (see plainUseCase).
 */
export const submitReferral = plainUseCase({
  input: ZReferralSubmit,
  freeText: REFERRAL_FREE_TEXT_FIELDS,
  // The future-date and agency rules, also when another answer is wrong: every problem in one reply.
  alsoCheck: async (ctx, actor, raw) => {
    const known = await findSubmitContext(ctx.db, actor.partnershipId, '')
    return rawRuleErrors(raw, todayIn(known.timeZone, ctx.clock.now()), new Set(known.agencyKeys))
  },
  load: async (ctx, actor, input) => {
    const known = await findSubmitContext(ctx.db, actor.partnershipId, input.formToken)
    return {
      today: todayIn(known.timeZone, ctx.clock.now()),
      referencePrefix: known.referencePrefix,
      agencyKeys: new Set(known.agencyKeys),
      existing: known.existing,
      known: { settings: known.settings, lead: known.notificationLead },
      findings: findSensitiveFields(Object.fromEntries(REFERRAL_FREE_TEXT_FIELDS.map((f) => [f, input[f]]))),
    }
  },
  policy: (actor, input, loaded) => {
    assertCan(actor, 'referral.submit')
    if (loaded.existing) {
      sameSubmitter(loaded.existing, actor)
      return
    }
    // Every problem in one reply: the dates, the agencies and the identifying details together.
    const fieldErrors = rawRuleErrors(input, loaded.today, loaded.agencyKeys)
    const warnings = input.confirmSensitive ? {} : loaded.findings
    for (const [field, list] of Object.entries(warnings)) {
      const warning = describeFindings(list)
      fieldErrors[field] = fieldErrors[field] ? `${fieldErrors[field]} ${warning}` : warning
    }
    if (Object.keys(warnings).length)
      throw new AppError('SENSITIVE_TEXT', 'Some of your answers may identify a child or family member.', {
        fieldErrors,
      })
    if (Object.keys(fieldErrors).length)
      throw new AppError('INVALID_INPUT', 'Please check the highlighted answers.', { fieldErrors })
  },
  change: async (w, input, loaded): Promise<SubmitReferralResult> => {
    if (loaded.existing) return sameSubmitter(loaded.existing, w.actor)
    const { actor } = w
    const year = Number(loaded.today.slice(0, 4))
    // In the transaction, so a submit that fails (a double click's twin, a database error) leaves no gap in
    // the references; its row lock is the one other submits wait on until this commits.
    const seq = await nextReferenceNumber(w.tx, actor.partnershipId, 'referral', year)
    const reference = `${loaded.referencePrefix}-${year}-${String(seq).padStart(4, '0')}`
    const agencyKeys = [...new Set(input.agencies)]
    const sensitiveTextAcknowledged = Object.keys(loaded.findings).length > 0
    const status = 'AWAITING_SCREENING'
    const referral = await insertReferral(w.tx, {
      partnershipId: actor.partnershipId,
      reference,
      submissionKey: input.formToken,
      referrerId: actor.personId,
      referrerAgencyId: actor.agencyId,
      caseReference: input.caseReference,
      ageBand: input.ageBand,
      incidentDate: input.incidentDate,
      awarenessDate: input.awarenessDate,
      criteria: input.criteria,
      location: input.location,
      normallyResident: input.normallyResident,
      lookedAfter: input.lookedAfter,
      agencyKeys,
      whatHappened: input.whatHappened,
      whyReview: input.whyReview,
      sensitiveTextAcknowledged,
      status,
      submittedAt: w.now,
    })
    await w.audit({
      action: 'REFERRAL_SUBMITTED',
      subjectType: 'referral',
      subjectId: referral.id,
      after: {
        reference,
        status,
        ageBand: input.ageBand,
        incidentDate: input.incidentDate,
        awarenessDate: input.awarenessDate,
        criteria: input.criteria,
        location: input.location,
        normallyResident: input.normallyResident,
        lookedAfter: input.lookedAfter,
        agencies: agencyKeys,
        referrerAgencyId: actor.agencyId,
        sensitiveTextAcknowledged,
      },
      fields: [...REFERRAL_FREE_TEXT_FIELDS],
    })
    const notificationId = await openIncidentNotification(w, {
      referral: { ...input, id: referral.id, reference, awarenessDate: input.awarenessDate },
      known: loaded.known,
    })
    await w.notify([
      {
        kind: 'channel.sync',
        partnershipId: actor.partnershipId,
        purpose: 'case-review',
        subjectType: 'referral',
        subjectId: referral.id,
      },
    ])
    return { referralId: referral.id, reference, isNew: true, notification: notificationId !== null }
  },
  // Two copies of the same form raced: the other one won, so answer with its referral.
  recover: async (ctx, actor, input, error) => {
    if (!isUniqueViolation(error)) return undefined
    const winner = await findReferralBySubmissionKey(ctx.db, input.formToken)
    return winner ? sameSubmitter(winner, actor) : undefined
  },
})
