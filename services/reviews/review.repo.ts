/** Prisma queries for reviews, their types and milestones. */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { ROLES, ZPartnershipSettings } from '../people/people.schema.js'
import type { PlannedMilestone } from './review.rules.js'
import { DEFAULT_REVIEW_TYPES, ZMilestoneTemplate, type MilestoneTemplate } from './review.schema.js'

/** Gives a partnership the default review types it does not have yet (idempotent). */
export async function ensureReviewTypes(db: Db, partnershipId: string): Promise<void> {
  await db.reviewType.createMany({
    data: DEFAULT_REVIEW_TYPES.map((t) => ({
      partnershipId,
      key: t.key,
      name: t.name,
      legacyName: t.legacyName ?? null,
      owningSubGroupKey: t.owningSubGroupKey,
      learningAudience: t.learningAudience,
      milestones: t.milestones.map((m) => ZMilestoneTemplate.parse(m)) as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
  })
}

export async function findReviewType(db: Db, partnershipId: string, key: string) {
  const row = await db.reviewType.findUnique({ where: { partnershipId_key: { partnershipId, key } } })
  if (!row) return null
  return { ...row, templates: ZMilestoneTemplate.array().parse(row.milestones) as MilestoneTemplate[] }
}

export const listLiveReviews = (db: Db, partnershipId: string) =>
  db.review.findMany({
    where: { partnershipId, status: { notIn: ['CLOSED', 'PUBLISHED', 'NOT_PUBLISHED'] } },
    include: { milestones: { where: { status: 'OPEN' }, orderBy: [{ dueDate: 'asc' }, { key: 'asc' }] } },
    orderBy: { startedAt: 'asc' },
  })

/** People by role, and the chair of a sub-group, for assigning milestones. */
export async function findResponsible(db: Db, partnershipId: string) {
  // Only people who can be given a milestone: a role beyond practitioner, or a sub-group's chair. A partnership
  // has thousands of practitioners, and cards plan timelines on every render.
  const people = await db.person.findMany({
    where: {
      partnershipId,
      active: true,
      OR: [
        { roles: { hasSome: ROLES.filter((r) => r !== 'practitioner') } },
        { memberships: { some: { isChair: true } } },
      ],
    },
    include: { agency: true, memberships: { include: { subGroup: true } } },
    orderBy: { name: 'asc' },
  })
  return {
    withRole: (role: string) => people.find((p) => p.roles.includes(role)) ?? null,
    chairOf: (subGroupKey: string) =>
      people.find((p) => p.memberships.some((m) => m.isChair && m.subGroup.key === subGroupKey)) ?? null,
    leadOf: (agencyKey: string) =>
      people.find((p) => p.roles.includes('safeguarding-lead') && p.agency?.key === agencyKey) ?? null,
    partnershipChair: () =>
      people.find(
        (p) =>
          p.roles.includes('safeguarding-partner') &&
          p.memberships.some((m) => m.isChair && m.subGroup.key === 'executive'),
      ) ?? null,
    agencyName: async (agencyKey: string) =>
      (await db.agency.findFirst({ where: { partnershipId, key: agencyKey } }))?.name ?? agencyKey,
  }
}

/** A partnership's time zone, reference prefix and parsed settings (themes, approver, completion months). */
export async function findPartnership(db: Db, partnershipId: string) {
  const p = await db.partnership.findUniqueOrThrow({
    where: { id: partnershipId },
    select: { id: true, timeZone: true, referencePrefix: true, settings: true },
  })
  return { ...p, settings: ZPartnershipSettings.parse(p.settings ?? {}) }
}

export const findMilestoneWithReview = (db: Db, id: string) =>
  db.milestone.findUnique({ where: { id }, include: { review: true } })

/** Every active review type of a partnership, by name. */
export const listReviewTypeRows = (db: Db, partnershipId: string) =>
  db.reviewType.findMany({ where: { partnershipId, active: true }, orderBy: { name: 'asc' } })

/** The latest local review (not the rapid review) about a case reference, if any. */
export const findLocalReviewByReference = (db: Db, partnershipId: string, reference: string) =>
  db.review.findFirst({
    where: { partnershipId, reference, typeKey: { not: 'rapid-review' } },
    orderBy: { startedAt: 'desc' },
  })

/** Agency names by key, for milestone labels and messages. */
export async function findAgencyNames(db: Db, partnershipId: string): Promise<Map<string, string>> {
  const rows = await db.agency.findMany({ where: { partnershipId }, select: { key: true, name: true } })
  return new Map(rows.map((a) => [a.key, a.name]))
}

/** The agencies a partnership's forms offer, by name. */
export const listAgencies = (db: Db, partnershipId: string) =>
  db.agency.findMany({ where: { partnershipId }, select: { key: true, name: true }, orderBy: { name: 'asc' } })

/** The agencies involved in the case a review is about (the referral's referrer agency and other agencies). */
export async function findInvolvedAgencies(
  db: Db,
  review: { referralId: string | null; parentReviewId: string | null },
): Promise<string[]> {
  let referralId = review.referralId
  if (!referralId && review.parentReviewId) {
    referralId =
      (await db.review.findUnique({ where: { id: review.parentReviewId }, select: { referralId: true } }))
        ?.referralId ?? null
  }
  if (!referralId) return []
  const referral = await db.referral.findUnique({
    where: { id: referralId },
    select: { agencyKeys: true, referrerAgencyId: true },
  })
  if (!referral) return []
  const referrerAgency = referral.referrerAgencyId
    ? await db.agency.findUnique({ where: { id: referral.referrerAgencyId }, select: { key: true } })
    : null
  return [...new Set([referrerAgency?.key, ...referral.agencyKeys].filter((x): x is string => Boolean(x)))]
}

/**
 * Version-checked update: changes the review only if nobody changed it since `review.version` was read,
 * and moves the version on. Returns how many rows changed (0: someone else was first).
 */
export async function updateReviewAtVersion(
  tx: Prisma.TransactionClient,
  review: { id: string; version: number },
  data: Prisma.ReviewUpdateManyMutationInput,
): Promise<number> {
  const updated = await tx.review.updateMany({
    where: { id: review.id, version: review.version },
    data: { ...data, version: { increment: 1 } },
  })
  return updated.count
}

/** Marks a review's milestone done if it is still open (a claim: of two at once, one wins). Returns the count. */
export async function completeOpenMilestone(
  tx: Prisma.TransactionClient,
  where: { id: string } | { reviewId: string; key: string },
  by: { personId: string; at: Date },
  response?: Prisma.InputJsonValue,
): Promise<number> {
  const done = await tx.milestone.updateMany({
    where: { ...where, status: 'OPEN' },
    data: {
      status: 'DONE',
      completedAt: by.at,
      completedById: by.personId,
      ...(response === undefined ? {} : { response }),
    },
  })
  return done.count
}

/** Stores a review's planned milestones and returns them with their ids. */
export async function insertMilestones(tx: Prisma.TransactionClient, reviewId: string, planned: PlannedMilestone[]) {
  if (planned.length === 0) return []
  return tx.milestone.createManyAndReturn({
    data: planned.map((m) => ({
      reviewId,
      key: m.key,
      label: m.label,
      dueDate: new Date(`${m.dueDate}T00:00:00Z`),
      responsibleRole: m.responsibleRole,
      responsiblePersonId: m.responsiblePersonId,
      agencyKey: m.agencyKey,
    })),
    select: {
      id: true,
      key: true,
      label: true,
      dueDate: true,
      responsibleRole: true,
      responsiblePersonId: true,
      agencyKey: true,
    },
  })
}

/** The active members of the sub-groups a review type tells about its learning (its learning audience). */
export async function findLearningAudience(db: Db, partnershipId: string, typeKey: string) {
  const type = await db.reviewType.findUnique({ where: { partnershipId_key: { partnershipId, key: typeKey } } })
  const people = await db.person.findMany({
    where: {
      partnershipId,
      active: true,
      memberships: { some: { subGroup: { key: { in: type?.learningAudience ?? [] } } } },
    },
    select: { id: true },
  })
  return { typeName: type?.name ?? 'Review', personIds: people.map((p) => p.id) }
}

/**
 * Every review about one case (the same reference: the rapid review and the local work commissioned from it),
 * oldest first, with its type's name and any national review recorded on it.
 */
export async function findReviewFamily(db: Db, partnershipId: string, reference: string) {
  const [reviews, types] = await Promise.all([
    db.review.findMany({
      where: { partnershipId, reference },
      select: { id: true, typeKey: true, nationalReviewOn: true, nationalReviewReference: true },
      orderBy: { startedAt: 'asc' },
    }),
    db.reviewType.findMany({ where: { partnershipId }, select: { key: true, name: true } }),
  ])
  const names = new Map(types.map((t) => [t.key, t.name]))
  return reviews.map((r) => ({ ...r, typeName: names.get(r.typeKey) ?? r.typeKey }))
}

/**
 * Who takes part in review decisions (WT2023): the delegated safeguarding partners, each acting for one of the
 * three statutory partners; the partnership chair (the partner who chairs the Partnership Executive); the
 * independent scrutineer, who is told and may challenge; and the business manager.
 */
export async function findDecisionMakers(db: Db, partnershipId: string) {
  const [partnership, people] = await Promise.all([
    db.partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { scrutineerId: true } }),
    db.person.findMany({
      where: { partnershipId, active: true },
      select: { id: true, name: true, roles: true, partnerFor: true, memberships: { include: { subGroup: true } } },
      orderBy: { name: 'asc' },
    }),
  ])
  const partners = people
    .filter((p) => p.roles.includes('safeguarding-partner') && p.partnerFor)
    .map((p) => ({ id: p.id, name: p.name, partnerFor: p.partnerFor! }))
  const chair = people.find(
    (p) =>
      p.roles.includes('safeguarding-partner') &&
      p.memberships.some((m) => m.isChair && m.subGroup.key === 'executive'),
  )
  const scrutineer =
    people.find((p) => p.id === partnership.scrutineerId) ??
    people.find((p) => p.roles.includes('independent-scrutineer'))
  return {
    partners,
    partnershipChairId: chair?.id ?? null,
    scrutineerId: scrutineer?.id ?? null,
    businessManagerId: people.find((p) => p.roles.includes('business-manager'))?.id ?? null,
  }
}
