/** Prisma queries for actions. */
import type { Db } from '../../lib/db.js'

export const findActionById = (db: Db, id: string) => db.action.findUnique({ where: { id } })

export const listActionsOwnedBy = (db: Db, ownerId: string) =>
  db.action.findMany({ where: { ownerId, status: { in: ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED', 'AWAITING_VERIFICATION'] } }, orderBy: { dueDate: 'asc' } })

export const listActionsForSubGroups = (db: Db, partnershipId: string, subGroupKeys: string[] | null) =>
  db.action.findMany({
    where: { partnershipId, ...(subGroupKeys ? { verifyingSubGroupKey: { in: subGroupKeys } } : {}), status: { notIn: ['CLOSED_MET', 'CLOSED_PARTLY', 'CLOSED_NOT_MET'] } },
    orderBy: [{ agencyKey: 'asc' }, { dueDate: 'asc' }],
  })
