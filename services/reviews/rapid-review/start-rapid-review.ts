/**
 * Creates a rapid review and its timeline when the Case Review Group chair decides to start one for a notified
 * serious incident, and asks each involved agency's safeguarding lead for information. The Panel notification is
 * not the review's: the local authority's notification lead has owned it since the referral was submitted. The
 * timeline counts from the same anchor as the notification (the local authority's awareness, provisional until
 * recorded), with the statutory 15 working days from statutory-timescales.ts. Runs in the caller's transaction
 * (the referral decision), so the decision and the review exist together; not a use case of its own.
 */
import type { Prisma } from '@prisma/client'
import { recordAudit } from '../../audit-log/index.js'
import type { OutboxPayload } from '../../notifications/notification.schema.js'
import { enqueue } from '../../notifications/outbox.js'
import { insertReviewWithTimeline } from '../review-timeline.js'
import { agencyOfLabel } from '../review.rules.js'

export type RapidReviewStart = {
  partnershipId: string
  referral: {
    id: string
    reference: string
    /** The notification's anchor: the local authority's awareness, or the agency's until that is recorded. */
    awarenessDate: string
    /** When the national Panel was notified, if it was already. */
    panelNotifiedOn: string | null
    agencyKeys: string[]
    referrerAgencyKey: string | null
    isSeriousIncident: boolean
    /** What the people asked for information need to find the case (optional: not every caller has it). */
    caseReference?: string
    ageBand?: string
    incidentDate?: string
    criteria?: string[]
  }
  startedById: string
  at: Date
  today: string
}

const day = (d: Date) => d.toISOString().slice(0, 10)

/** Starts the rapid review with its audit event and its requests, in `tx`; returns the review's id. */
export async function startRapidReview(tx: Prisma.TransactionClient, input: RapidReviewStart): Promise<string> {
  const { referral } = input
  const agencies = [referral.referrerAgencyKey, ...referral.agencyKeys].filter((a): a is string => Boolean(a))
  const { review, milestones } = await insertReviewWithTimeline(tx, {
    partnershipId: input.partnershipId,
    typeKey: 'rapid-review',
    reference: referral.reference,
    startedById: input.startedById,
    at: input.at,
    today: input.today,
    awarenessDate: referral.awarenessDate,
    agencies,
    isSeriousIncident: referral.isSeriousIncident,
    referralId: referral.id,
    ...(referral.panelNotifiedOn ? { panelNotifiedOn: referral.panelNotifiedOn } : {}),
  })
  const notices: OutboxPayload[] = []
  for (const m of milestones) {
    if (!m.responsiblePersonId) continue
    const base = { reviewId: review.id, reference: review.reference, dueDate: day(m.dueDate) }
    if (m.responsibleRole === 'agency-lead') {
      const person = await tx.person.findUnique({
        where: { id: m.responsiblePersonId },
        select: { agency: { select: { key: true } } },
      })
      const personAgency = person?.agency?.key ?? null
      notices.push({
        kind: 'person.notice',
        personId: m.responsiblePersonId,
        notice: {
          template: 'review.information-request',
          ...base,
          milestoneId: m.id,
          agency: agencyOfLabel(m.label),
          ...(referral.ageBand ? { ageBand: referral.ageBand } : {}),
          ...(referral.incidentDate ? { incidentDate: referral.incidentDate } : {}),
          ...(referral.criteria ? { criteria: referral.criteria } : {}),
          // The case reference is the referring agency's own record: only its lead is shown it (need to know).
          ...(referral.caseReference && personAgency !== null && personAgency === referral.referrerAgencyKey
            ? { caseReference: referral.caseReference }
            : {}),
          // No safeguarding lead of that agency is registered: it came to the business manager instead.
          ...(m.agencyKey && personAgency !== m.agencyKey ? { isStandIn: true } : {}),
        },
      })
    }
  }
  await recordAudit(tx, {
    partnershipId: input.partnershipId,
    actorId: input.startedById,
    at: input.at,
    action: 'REVIEW_STARTED',
    subjectType: 'review',
    subjectId: review.id,
    after: { typeKey: 'rapid-review', reference: review.reference, referralId: referral.id, status: review.status },
  })
  await enqueue(tx, notices)
  return review.id
}
