/** Prisma reads the learning use cases and queries share: a product or national learning within the actor's partnership. */
import type { Db } from '../../lib/db.js'
import { AppError } from '../../lib/errors.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'
import type { Prisma } from '@prisma/client'

const idOf = (raw: unknown) => (typeof raw === 'string' ? raw : '')

/** The product, or NOT_FOUND when it is not this partnership's. */
export async function findProduct(db: Db, partnershipId: string, productId: unknown) {
  const p = await db.learningProduct.findUnique({ where: { id: idOf(productId) } })
  if (!p || p.partnershipId !== partnershipId)
    throw new AppError('NOT_FOUND', 'That learning product could not be found.')
  return p
}
export type ProductRow = Awaited<ReturnType<typeof findProduct>>

/** The send of a product, if it was sent or scheduled. */
export const findBroadcastOf = (db: Db, productId: string) =>
  db.broadcast.findUnique({
    where: { subjectType_subjectId: { subjectType: 'learning-product', subjectId: productId } },
  })

/** The next reference of a kind, e.g. NSCP-LP-2026-0003 (per partnership and year, never reused). */
export async function nextLearningReference(
  tx: Prisma.TransactionClient,
  partnershipId: string,
  kind: 'LP' | 'NL',
  year: number,
): Promise<string> {
  const p = await tx.partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { referencePrefix: true } })
  const seq = await nextReferenceNumber(tx, partnershipId, `learning-${kind}`, year)
  return `${p.referencePrefix}-${kind}-${year}-${String(seq).padStart(4, '0')}`
}

/** Whether the person manages a team: someone reports to them, or they lead safeguarding for an agency or school. */
export async function isManager(db: Db, personId: string, roles: readonly string[]): Promise<boolean> {
  if (roles.some((r) => ['safeguarding-lead', 'headteacher', 'designated-safeguarding-lead'].includes(r))) return true
  return (await db.person.count({ where: { managerId: personId } })) > 0
}
