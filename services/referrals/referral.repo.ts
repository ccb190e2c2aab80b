/** Prisma queries for referrals. */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'

const withQuestions = { questions: { orderBy: { askedAt: 'asc' } } } satisfies Prisma.ReferralInclude
export type ReferralRow = Prisma.ReferralGetPayload<{ include: typeof withQuestions }>

export const findReferralById = (db: Db, id: string) => db.referral.findUnique({ where: { id }, include: withQuestions })

export const findReferralBySubmissionKey = (db: Db, submissionKey: string) =>
  db.referral.findUnique({ where: { submissionKey }, include: withQuestions })

export const listReferralsByReferrer = (db: Db, referrerId: string, take = 20) =>
  db.referral.findMany({ where: { referrerId }, orderBy: { submittedAt: 'desc' }, take })

export const listOpenReferrals = (db: Db, partnershipId: string, statuses: string[]) =>
  db.referral.findMany({ where: { partnershipId, status: { in: statuses } }, orderBy: { submittedAt: 'asc' } })

/**
 * The next number in a per-partnership, per-year sequence. The row lock taken by the upsert serialises
 * concurrent submitters; a rolled-back transaction leaves no gap, and a committed number is never reused.
 */
export async function nextReferenceNumber(tx: Prisma.TransactionClient, partnershipId: string, kind: string, year: number): Promise<number> {
  const rows = await tx.$queryRaw<{ last: number }[]>`
    insert into "ReferenceCounter" ("partnershipId", kind, year, last) values (${partnershipId}, ${kind}, ${year}, 1)
    on conflict ("partnershipId", kind, year) do update set last = "ReferenceCounter".last + 1
    returning last`
  return rows[0]!.last
}
