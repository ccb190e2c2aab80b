/** Prisma queries for serious incident notifications and their tasks. */
import type { Prisma } from '@prisma/client'
import type { Db } from '../../lib/db.js'

const withTasks = { tasks: { orderBy: { dueDate: 'asc' } } } satisfies Prisma.IncidentNotificationInclude
export type NotificationRow = Prisma.IncidentNotificationGetPayload<{ include: typeof withTasks }>

export const findNotificationById = (db: Db, id: string) =>
  db.incidentNotification.findUnique({ where: { id }, include: withTasks })

export const findNotificationByReferral = (db: Db, referralId: string) =>
  db.incidentNotification.findUnique({ where: { referralId }, include: withTasks })

/** The local authority's notification lead (the business manager when the partnership has none yet). */
export async function findNotificationLead(db: Db, partnershipId: string) {
  const people = await db.person.findMany({
    where: { partnershipId, active: true, roles: { hasSome: ['la-notification-lead', 'business-manager'] } },
    select: { id: true, name: true, roles: true },
    orderBy: { name: 'asc' },
  })
  return people.find((p) => p.roles.includes('la-notification-lead')) ?? people[0] ?? null
}

/** The delegated safeguarding partners, one per statutory partner they act for. */
export const listSafeguardingPartners = (db: Db, partnershipId: string) =>
  db.person.findMany({
    where: { partnershipId, active: true, roles: { has: 'safeguarding-partner' }, partnerFor: { not: null } },
    select: { id: true, name: true, partnerFor: true },
    orderBy: { name: 'asc' },
  })

/**
 * Changes a notification only if nobody changed it since it was read, and bumps its version. False when it
 * moved on: the caller refuses with ALREADY_DONE.
 */
export async function updateNotificationIfUnchanged(
  tx: Prisma.TransactionClient,
  id: string,
  version: number,
  data: Prisma.IncidentNotificationUncheckedUpdateManyInput,
): Promise<boolean> {
  const updated = await tx.incidentNotification.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  })
  return updated.count === 1
}

/** Marks an open task done (or cancelled) once; false when it was not open. */
export async function closeTaskOnce(
  tx: Prisma.TransactionClient,
  id: string,
  data: { status: 'DONE' | 'CANCELLED'; doneOn: Date | null; completedAt: Date; completedById: string },
): Promise<boolean> {
  const updated = await tx.notificationTask.updateMany({ where: { id, status: 'OPEN' }, data })
  return updated.count === 1
}
