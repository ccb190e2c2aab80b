/** Prisma queries for actions: every function takes the client (or the transaction) first. */
import type { Action, Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'
import { nextReferenceNumber } from '../referrals/referral.repo.js'

export type ActionRow = Action

/** Statuses in which the owner (or their agency's lead) still has something to do or wait for. */
const OWNER_STATUSES = ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED', 'AWAITING_VERIFICATION']
const CLOSED_STATUSES = ['CLOSED_MET', 'CLOSED_PARTLY', 'CLOSED_NOT_MET']

/** The action if it belongs to the partnership, else null (callers say NOT_FOUND either way). */
export async function findActionInPartnership(db: Db, partnershipId: string, id: string): Promise<ActionRow | null> {
  const a = await db.action.findUnique({ where: { id } })
  return a && a.partnershipId === partnershipId ? a : null
}

/** The actions one bulk form created, by its form token, in reference order. */
export const findActionsByFormToken = (db: Db, partnershipId: string, formToken: string) =>
  db.action.findMany({
    where: { partnershipId, formKey: { startsWith: `${formToken}:` } },
    orderBy: { reference: 'asc' },
    select: { reference: true },
  })

export const listActionsOwnedBy = (db: Db, ownerId: string) =>
  db.action.findMany({ where: { ownerId, status: { in: OWNER_STATUSES } }, orderBy: { dueDate: 'asc' } })

/** The live actions of an agency owned by others (for its safeguarding lead). */
export const listAgencyActionsOwnedByOthers = (
  db: Db,
  partnershipId: string,
  agencyKey: string,
  exceptOwnerId: string,
) =>
  db.action.findMany({
    where: { partnershipId, agencyKey, ownerId: { not: exceptOwnerId }, status: { in: OWNER_STATUSES } },
    orderBy: { dueDate: 'asc' },
  })

export const listActionsForSubGroups = (db: Db, partnershipId: string, subGroupKeys: string[] | null) =>
  db.action.findMany({
    where: {
      partnershipId,
      ...(subGroupKeys ? { verifyingSubGroupKey: { in: subGroupKeys } } : {}),
      status: { notIn: CLOSED_STATUSES },
    },
    orderBy: [{ agencyKey: 'asc' }, { dueDate: 'asc' }],
  })

/** Actions escalated to the partnership chair (20 working days late) that the owner still has to deliver. */
export const listEscalatedActions = (db: Db, partnershipId: string, statuses: string[]) =>
  db.action.findMany({
    where: { partnershipId, escalations: { some: { level: 20 } }, status: { in: statuses } },
    orderBy: { dueDate: 'asc' },
  })

/** The partnership's time zone and reference prefix. */
export const findPartnershipBasics = (db: Db, partnershipId: string) =>
  db.partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { timeZone: true, referencePrefix: true } })

/** Agency names and owner names for lines of actions. */
export async function findNamesFor(db: Db, partnershipId: string, ownerIds: string[]) {
  const [agencies, people] = await Promise.all([
    db.agency.findMany({ where: { partnershipId }, select: { key: true, name: true } }),
    db.person.findMany({ where: { id: { in: [...new Set(ownerIds)] } }, select: { id: true, name: true } }),
  ])
  return { agencies, people }
}

/** What the action forms offer: the partnership's agencies, active people (with their agency) and sub-groups. */
export async function findActionChoices(db: Db, partnershipId: string) {
  const [agencies, people, subGroups] = await Promise.all([
    db.agency.findMany({ where: { partnershipId }, orderBy: { name: 'asc' } }),
    db.person.findMany({ where: { partnershipId, active: true }, include: { agency: true }, orderBy: { name: 'asc' } }),
    db.subGroup.findMany({ where: { partnershipId }, orderBy: { name: 'asc' } }),
  ])
  return { agencies, people, subGroups }
}

/** Which of these agencies, sub-groups and owners exist (owners: active people of the partnership). */
export async function findKnownChoices(db: Db, partnershipId: string, ownerIds: string[]) {
  const [agencies, subGroups, owners] = await Promise.all([
    db.agency.findMany({ where: { partnershipId }, select: { key: true, name: true } }),
    db.subGroup.findMany({ where: { partnershipId }, select: { key: true, name: true } }),
    db.person.findMany({
      where: { partnershipId, id: { in: ownerIds }, active: true },
      select: { id: true, agency: { select: { key: true } } },
    }),
  ])
  return {
    agencyKeys: new Set(agencies.map((a) => a.key)),
    subGroupKeys: new Set(subGroups.map((g) => g.key)),
    ownerIds: new Set(owners.map((p) => p.id)),
    /** Each owner's agency key (null: the person belongs to no agency). */
    ownerAgency: new Map(owners.map((p) => [p.id, p.agency?.key ?? null])),
    agencyNames: new Map(agencies.map((a) => [a.key, a.name])),
    subGroupNames: new Map(subGroups.map((g) => [g.key, g.name])),
  }
}

/** An active person of the partnership, with their agency (a new owner must be one). */
export const findActivePerson = (db: Db, partnershipId: string, personId: string) =>
  db.person.findFirst({ where: { id: personId, partnershipId, active: true }, include: { agency: true } })

/** A recommendation with its review's partnership, for turning it into actions. */
export const findRecommendation = (db: Db, id: string) =>
  db.recommendation.findUnique({
    where: { id },
    select: { id: true, text: true, reviewId: true, review: { select: { partnershipId: true, reference: true } } },
  })

/**
 * Applies `data` and the new status only if nobody changed the action since it was read (its version).
 * Returns false when someone else got there first.
 */
export async function updateActionIfUnchanged(
  tx: Prisma.TransactionClient,
  a: Pick<ActionRow, 'id' | 'version'>,
  data: Prisma.ActionUpdateManyMutationInput,
): Promise<boolean> {
  const updated = await tx.action.updateMany({
    where: { id: a.id, version: a.version },
    data: { ...data, version: { increment: 1 } },
  })
  return updated.count === 1
}

/** The next action reference of the year, e.g. NSCP-ACT-2026-0007 (sequential per partnership, never reused). */
export async function nextActionReference(
  tx: Prisma.TransactionClient,
  partnership: { id: string; referencePrefix: string },
  today: string,
): Promise<string> {
  const year = today.slice(0, 4)
  const seq = await nextReferenceNumber(tx, partnership.id, 'action', Number(year))
  return `${partnership.referencePrefix}-ACT-${year}-${String(seq).padStart(4, '0')}`
}

export const insertAction = (tx: Prisma.TransactionClient, data: Prisma.ActionUncheckedCreateInput) =>
  tx.action.create({ data })

export const insertActionUpdate = (tx: Prisma.TransactionClient, data: Prisma.ActionUpdateUncheckedCreateInput) =>
  tx.actionUpdate.create({ data })
