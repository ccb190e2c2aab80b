/**
 * Creates a review and its timeline (the milestones its type's templates plan) inside the caller's
 * transaction. Shared by every way a review starts: a rapid review from a referral decision, a local review
 * commissioned on approval, a review started by hand, and a CDOP notification. The caller records the
 * audit event and the notices, which differ between them.
 */
import type { Prisma } from '@prisma/client'
import { AppError } from '../../lib/errors.js'
import { ensureReviewTypes, findAgencyNames, findResponsible, findReviewType, insertMilestones } from './review.repo.js'
import { planMilestones } from './review.rules.js'
import { initialReviewStatus } from './review.transitions.js'

export type NewReview = {
  partnershipId: string
  typeKey: string
  reference: string
  startedById: string
  at: Date
  /** The partnership's today, the anchor of milestones due from the start. */
  today: string
  /** When the agency became aware (ISO date), the anchor of milestones due from awareness. */
  awarenessDate: string
  /** The agencies involved: each gets its own milestone for an agency lead's template. */
  agencies: string[]
  isSeriousIncident?: boolean
  referralId?: string
  parentReviewId?: string
  /** Completion due (ISO date), for commissioned local reviews. */
  dueBy?: string
}

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** Inserts the review in its type's first status, with its milestones, and returns both. */
export async function insertReviewWithTimeline(tx: Prisma.TransactionClient, input: NewReview) {
  await ensureReviewTypes(tx, input.partnershipId)
  const type = await findReviewType(tx, input.partnershipId, input.typeKey)
  if (!type) throw new AppError('NOT_FOUND', 'That kind of review is not set up.')
  const who = await findResponsible(tx, input.partnershipId)
  const names = await findAgencyNames(tx, input.partnershipId)
  const review = await tx.review.create({
    data: {
      partnershipId: input.partnershipId,
      typeKey: input.typeKey,
      reference: input.reference,
      status: initialReviewStatus(input.typeKey),
      awarenessDate: asDate(input.awarenessDate),
      startedAt: input.at,
      startedById: input.startedById,
      isSeriousIncident: input.isSeriousIncident ?? false,
      referralId: input.referralId ?? null,
      parentReviewId: input.parentReviewId ?? null,
      dueBy: input.dueBy ? asDate(input.dueBy) : null,
    },
  })
  const planned = planMilestones(
    type.templates,
    {
      anchors: { awareness: input.awarenessDate, start: input.today },
      agencies: [...new Set(input.agencies)],
      isSeriousIncident: review.isSeriousIncident,
      owningSubGroupKey: type.owningSubGroupKey,
    },
    who,
    (key) => names.get(key) ?? key,
  )
  const milestones = await insertMilestones(tx, review.id, planned)
  return { review, milestones }
}
