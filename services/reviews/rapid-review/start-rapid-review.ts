/**
 * Creates a rapid review and its timeline when the Case Review Group chair decides to start one, and asks
 * each involved agency's safeguarding lead for information (and the business manager to notify the
 * national Panel of a serious incident). Runs in the caller's transaction (the referral decision), so the
 * decision and the review exist together; not a use case of its own.
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
    awarenessDate: Date
    agencyKeys: string[]
    referrerAgencyKey: string | null
    isSeriousIncident: boolean
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
    awarenessDate: day(referral.awarenessDate),
    agencies,
    isSeriousIncident: referral.isSeriousIncident,
    referralId: referral.id,
  })
  const notices: OutboxPayload[] = []
  for (const m of milestones) {
    if (!m.responsiblePersonId) continue
    const base = { reviewId: review.id, reference: review.reference, dueDate: day(m.dueDate) }
    if (m.responsibleRole === 'agency-lead') {
      notices.push({
        kind: 'person.notice',
        personId: m.responsiblePersonId,
        notice: { template: 'review.information-request', ...base, milestoneId: m.id, agency: agencyOfLabel(m.label) },
      })
    } else if (m.key === 'panel-notification') {
      notices.push({
        kind: 'person.notice',
        personId: m.responsiblePersonId,
        notice: { template: 'review.panel-notification', ...base },
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
