/** Prisma queries for reviews, their types and milestones. */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { DEFAULT_REVIEW_TYPES, ZMilestoneTemplate, type MilestoneTemplate } from './review.schema.js'

/** Gives a partnership the default review types it does not have yet (idempotent). */
export async function ensureReviewTypes(db: Db, partnershipId: string): Promise<void> {
  await db.reviewType.createMany({
    data: DEFAULT_REVIEW_TYPES.map((t) => ({
      partnershipId, key: t.key, name: t.name, legacyName: t.legacyName ?? null, owningSubGroupKey: t.owningSubGroupKey,
      learningAudience: t.learningAudience, milestones: t.milestones.map((m) => ZMilestoneTemplate.parse(m)) as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  })
}

export async function findReviewType(db: Db, partnershipId: string, key: string) {
  const row = await db.reviewType.findUnique({ where: { partnershipId_key: { partnershipId, key } } })
  if (!row) return null
  return { ...row, templates: ZMilestoneTemplate.array().parse(row.milestones) as MilestoneTemplate[] }
}

export const findReviewById = (db: Db, id: string) =>
  db.review.findUnique({ where: { id }, include: { milestones: { orderBy: [{ dueDate: 'asc' }, { key: 'asc' }] } } })

export const listLiveReviews = (db: Db, partnershipId: string) =>
  db.review.findMany({
    where: { partnershipId, status: { notIn: ['CLOSED', 'PUBLISHED'] } },
    include: { milestones: { where: { status: 'OPEN' }, orderBy: [{ dueDate: 'asc' }, { key: 'asc' }] } },
    orderBy: { startedAt: 'asc' },
  })

/** People by role, and the chair of a sub-group, for assigning milestones. */
export async function findResponsible(db: Db, partnershipId: string) {
  const people = await db.person.findMany({
    where: { partnershipId, active: true },
    include: { agency: true, memberships: { include: { subGroup: true } } },
    orderBy: { name: 'asc' },
  })
  return {
    withRole: (role: string) => people.find((p) => p.roles.includes(role)) ?? null,
    chairOf: (subGroupKey: string) => people.find((p) => p.memberships.some((m) => m.isChair && m.subGroup.key === subGroupKey)) ?? null,
    leadOf: (agencyKey: string) => people.find((p) => p.roles.includes('safeguarding-lead') && p.agency?.key === agencyKey) ?? null,
    agencyName: async (agencyKey: string) => (await db.agency.findFirst({ where: { partnershipId, key: agencyKey } }))?.name ?? agencyKey,
  }
}
