/**
 * The business manager or the Case Review Group chair records a child death notified by the child death
 * overview panel (CDOP). It is kept as a review to screen; when the CDOP found possible abuse or neglect, or the
 * child was looked after (notified to the Secretary of State and Ofsted whatever the finding), it also becomes a
 * referral, screened like any other. The local authority became aware when the CDOP notified it, so the serious
 * incident notification's clock counts from that date, not provisionally from an agency's (DOMAIN.md 1.4, 1.8).
 * All are written in ONE transaction, so there is never a notification without its referral or the other way.
 *
 * Idempotent: the notification is keyed by its CDOP reference and the referral by the form's token, so
 * submitting the same form again (a double click, a platform retry, two at once) makes each once.
 */
import { isUniqueViolation } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { findSensitiveText } from '../privacy/sensitive-text.js'
import { openIncidentNotification } from '../referrals/open-incident-notification.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'
import { useCase, type Writer } from '../use-case.js'
import { insertReviewWithTimeline } from './review-timeline.js'
import { findPartnership, listAgencies } from './review.repo.js'
import { refuseSensitive } from './review.rules.js'
import { ZCdopNotification } from './review.schema.js'

type CdopInput = ReturnType<typeof ZCdopNotification.parse>
type CdopResult = { reference: string; referral: string | null }

const CDOP_TYPE = 'cdop-notification'
const WHY_REVIEW = 'The child death overview panel found possible abuse or neglect.'
const WHY_LOOKED_AFTER = 'A looked-after child died: the Secretary of State and Ofsted are notified.'
const cdopReferenceOf = (input: { cdopReference: string }) => `CDOP ${input.cdopReference}`
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** Records the notification, and the referral when abuse or neglect is suspected; returns both references. */
export const recordCdopNotification = useCase({
  input: ZCdopNotification,
  freeText: ['summary'],
  load: async (ctx, actor) => {
    const [partnership, agencies] = await Promise.all([
      findPartnership(ctx.db, actor.partnershipId),
      listAgencies(ctx.db, actor.partnershipId),
    ])
    return {
      partnership,
      agencyKeys: new Set(agencies.map((a) => a.key)),
      today: todayIn(partnership.timeZone, ctx.clock.now()),
    }
  },
  policy: (actor, input, { agencyKeys, today }) => {
    assertCan(actor, 'review.manage')
    if (input.notifiedOn < input.dateOfDeath) {
      throw new AppError('INVALID_INPUT', 'Please check the dates.', {
        fieldErrors: { notifiedOn: 'The notification cannot come before the death.' },
      })
    }
    if (input.notifiedOn > today) {
      throw new AppError('INVALID_INPUT', 'Please check the dates.', {
        fieldErrors: { notifiedOn: 'The date cannot be in the future.' },
      })
    }
    if (input.agencies.some((a) => !agencyKeys.has(a))) {
      throw new AppError('INVALID_INPUT', 'Please check the agencies.', {
        fieldErrors: { agencies: 'Choose agencies from the list.' },
      })
    }
    refuseSensitive({ summary: input.summary }, input.confirmSensitive)
  },
  change: async (w, input, { partnership, today }): Promise<CdopResult> => {
    const reference = cdopReferenceOf(input)
    const existing = await w.tx.review.findFirst({
      where: { partnershipId: w.actor.partnershipId, typeKey: CDOP_TYPE, reference },
    })
    if (!existing) {
      const { review } = await insertReviewWithTimeline(w.tx, {
        partnershipId: w.actor.partnershipId,
        typeKey: CDOP_TYPE,
        reference,
        startedById: w.actor.personId,
        at: w.now,
        today,
        awarenessDate: input.notifiedOn,
        agencies: input.agencies,
      })
      await w.audit({
        action: 'REVIEW_STARTED',
        subjectType: 'review',
        subjectId: review.id,
        after: { typeKey: CDOP_TYPE, status: review.status, abuseOrNeglectSuspected: input.abuseOrNeglectSuspected },
        fields: ['reference'],
      })
    }
    if (!input.abuseOrNeglectSuspected && !input.lookedAfter) return { reference, referral: null }
    const referral = await referralOf(w, input, {
      prefix: partnership.referencePrefix,
      year: Number(today.slice(0, 4)),
    })
    return { reference, referral }
  },
  recover: async (ctx, actor, input, error) => {
    // Two copies of the same form raced: the other one won, so answer with what it made.
    if (!isUniqueViolation(error)) return undefined
    const reference = cdopReferenceOf(input)
    const review = await ctx.db.review.findFirst({
      where: { partnershipId: actor.partnershipId, typeKey: CDOP_TYPE, reference },
    })
    if (!review) return undefined
    if (!input.abuseOrNeglectSuspected && !input.lookedAfter) return { reference, referral: null }
    const referral = await ctx.db.referral.findUnique({ where: { submissionKey: input.formToken } })
    return referral ? { reference, referral: sameSubmitter(referral, actor) } : undefined
  },
})

/** The referral this form made before, or a new one made now (numbered, audited, sent for screening). */
async function referralOf(
  w: Writer,
  input: CdopInput,
  { prefix, year }: { prefix: string; year: number },
): Promise<string> {
  const made = await w.tx.referral.findUnique({ where: { submissionKey: input.formToken } })
  if (made) return sameSubmitter(made, w.actor)
  const seq = await nextReferenceNumber(w.tx, w.actor.partnershipId, 'referral', year)
  const reference = `${prefix}-${year}-${String(seq).padStart(4, '0')}`
  const agencyKeys = [...new Set(input.agencies.filter((a) => a !== w.actor.agencyKey))]
  const criteria = input.abuseOrNeglectSuspected ? ['abuse-or-neglect', 'died'] : ['died']
  const referral = await w.tx.referral.create({
    data: {
      partnershipId: w.actor.partnershipId,
      reference,
      submissionKey: input.formToken,
      referrerId: w.actor.personId,
      referrerAgencyId: w.actor.agencyId,
      caseReference: input.cdopReference,
      ageBand: input.ageBand,
      incidentDate: asDate(input.dateOfDeath),
      awarenessDate: asDate(input.notifiedOn),
      criteria,
      // The CDOP reviews deaths of children normally resident in the area (DOMAIN.md 1.8).
      location: 'in-area',
      normallyResident: true,
      lookedAfter: input.lookedAfter,
      agencyKeys,
      whatHappened: input.summary,
      whyReview: input.abuseOrNeglectSuspected ? WHY_REVIEW : WHY_LOOKED_AFTER,
      sensitiveTextAcknowledged: findSensitiveText(input.summary).length > 0,
      status: 'AWAITING_SCREENING',
      submittedAt: w.now,
    },
  })
  await w.audit({
    action: 'REFERRAL_SUBMITTED',
    subjectType: 'referral',
    subjectId: referral.id,
    after: {
      reference,
      status: referral.status,
      source: CDOP_TYPE,
      ageBand: input.ageBand,
      criteria,
      agencies: agencyKeys,
      incidentDate: input.dateOfDeath,
      awarenessDate: input.notifiedOn,
      lookedAfter: input.lookedAfter,
    },
    fields: ['caseReference', 'whatHappened', 'whyReview'],
  })
  // The CDOP's notification is when the local authority became aware: the clock starts from it, not provisional.
  await openIncidentNotification(w, {
    referral: {
      id: referral.id,
      reference,
      awarenessDate: input.notifiedOn,
      criteria,
      location: 'in-area',
      normallyResident: true,
      lookedAfter: input.lookedAfter,
    },
    laAware: { on: input.notifiedOn, source: 'cdop' },
  })
  await w.notify([
    {
      kind: 'channel.sync',
      partnershipId: w.actor.partnershipId,
      purpose: 'case-review',
      subjectType: 'referral',
      subjectId: referral.id,
    },
  ])
  return reference
}

/** A form's token belongs to whoever first submitted it. */
function sameSubmitter(referral: { reference: string; referrerId: string }, actor: Actor): string {
  if (referral.referrerId !== actor.personId) {
    throw new AppError('NOT_PERMITTED', 'This form was already used by someone else. Please open a new CDOP form.')
  }
  return referral.reference
}
