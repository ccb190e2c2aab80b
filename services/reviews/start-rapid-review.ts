/**
 * Creates a rapid review and its timeline when the Case Review Group chair decides to start one. Runs in
 * the caller's transaction (the referral decision), so the decision and the review exist together.
 */
import type { Prisma } from '@prisma/client'
import { recordAudit } from '../audit-log/index.js'
import { enqueue } from '../notifications/outbox.js'
import type { OutboxPayload } from '../notifications/notification.schema.js'
import { ensureReviewTypes, findResponsible, findReviewType } from './review.repo.js'
import { dueDateOf } from './review.rules.js'

export type RapidReviewStart = {
  partnershipId: string
  referral: { id: string; reference: string; awarenessDate: Date; agencyKeys: string[]; referrerAgencyKey: string | null; isSeriousIncident: boolean }
  startedById: string
  at: Date
  today: string
}

const day = (d: Date) => d.toISOString().slice(0, 10)
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

export async function startRapidReview(tx: Prisma.TransactionClient, input: RapidReviewStart): Promise<string> {
  await ensureReviewTypes(tx, input.partnershipId)
  const type = await findReviewType(tx, input.partnershipId, 'rapid-review')
  if (!type) throw new Error('rapid-review type missing')
  const who = await findResponsible(tx, input.partnershipId)
  const anchors = { awareness: day(input.referral.awarenessDate), start: input.today }
  const review = await tx.review.create({
    data: {
      partnershipId: input.partnershipId, typeKey: 'rapid-review', reference: input.referral.reference, referralId: input.referral.id,
      status: 'GATHERING', awarenessDate: input.referral.awarenessDate, startedAt: input.at, startedById: input.startedById,
      isSeriousIncident: input.referral.isSeriousIncident,
    },
  })
  const agencies = [...new Set([input.referral.referrerAgencyKey, ...input.referral.agencyKeys].filter((a): a is string => Boolean(a)))]
  const notices: OutboxPayload[] = []
  for (const t of type.templates) {
    if (t.onlyIfSerious && !input.referral.isSeriousIncident) continue
    const dueDate = dueDateOf(t, anchors)
    const rows: { key: string; label: string; personId: string | null; agencyKey: string | null }[] = []
    if (t.responsible === 'agency-lead') {
      for (const agencyKey of agencies) {
        const lead = who.leadOf(agencyKey)
        rows.push({ key: `${t.key}:${agencyKey}`, label: `${t.label}: ${await who.agencyName(agencyKey)}`, personId: lead?.id ?? who.withRole('business-manager')?.id ?? null, agencyKey })
      }
    } else {
      const person = t.responsible === 'owning-chair' ? who.chairOf(type.owningSubGroupKey) : who.withRole(t.responsible)
      rows.push({ key: t.key, label: t.label, personId: person?.id ?? null, agencyKey: null })
    }
    for (const row of rows) {
      const m = await tx.milestone.create({
        data: {
          reviewId: review.id, key: row.key, label: row.label, dueDate: asDate(dueDate),
          responsibleRole: t.responsible, responsiblePersonId: row.personId, agencyKey: row.agencyKey,
        },
      })
      if (!row.personId) continue
      if (t.responsible === 'agency-lead') {
        notices.push({ kind: 'person.notice', personId: row.personId, notice: { template: 'review.information-request', reviewId: review.id, milestoneId: m.id, reference: review.reference, agency: row.label.split(': ').at(-1) ?? '', dueDate } })
      } else if (t.key === 'panel-notification') {
        notices.push({ kind: 'person.notice', personId: row.personId, notice: { template: 'review.panel-notification', reviewId: review.id, reference: review.reference, dueDate } })
      }
    }
  }
  await recordAudit(tx, {
    partnershipId: input.partnershipId, actorId: input.startedById, action: 'REVIEW_STARTED', subjectType: 'review', subjectId: review.id,
    after: { typeKey: 'rapid-review', reference: review.reference, referralId: input.referral.id }, at: input.at,
  })
  await enqueue(tx, notices)
  return review.id
}
