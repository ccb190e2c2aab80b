/** Prisma queries for serious incident notifications and their tasks. */
import { Prisma } from '@prisma/client'
import type { Db, SqlTx } from '../../lib/db.js'

const withTasks = { tasks: { orderBy: { dueDate: 'asc' } } } satisfies Prisma.IncidentNotificationInclude
export type NotificationRow = Prisma.IncidentNotificationGetPayload<{ include: typeof withTasks }>

export const findNotificationById = (db: Db, id: string) =>
  db.incidentNotification.findUnique({ where: { id }, include: withTasks })

export const findNotificationByReferral = (db: Db, referralId: string) =>
  db.incidentNotification.findUnique({ where: { referralId }, include: withTasks })

/**
 * The local authority's notification lead of the partnership `partnershipId` (an id, or a column of the outer
 * query): its active notification lead, else its business manager, the first by name. As SQL, so a statement
 * that reads more (findSubmitContext) chooses the same person.
 */
export const notificationLeadSql = (partnershipId: Prisma.Sql) => Prisma.sql`
  select l.id, l.name from "Person" l
  where l."partnershipId" = ${partnershipId} and l.active
    and l.roles && array['la-notification-lead', 'business-manager']::text[]
  order by ('la-notification-lead' = any(l.roles)) desc, l.name asc
  limit 1`

/** The notification lead (see notificationLeadSql). Plain SQL: every serious incident card render reads it. */
export async function findNotificationLead(db: SqlTx, partnershipId: string) {
  const [lead] = await db.$queryRaw<{ id: string; name: string }[]>(notificationLeadSql(Prisma.sql`${partnershipId}`))
  return lead ?? null
}

/** A partnership's settings (JSON, parsed by the caller). */
export async function findPartnershipSettings(db: SqlTx, partnershipId: string): Promise<unknown> {
  const [row] = await db.$queryRaw<{ settings: unknown }[]>`
    select settings from "Partnership" where id = ${partnershipId}`
  if (!row) throw new Error('partnership not found')
  return row.settings
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

/** A new notification's columns and its tasks; dates as YYYY-MM-DD. */
export type NewNotification = {
  partnershipId: string
  referralId: string
  reference: string
  panelRequired: boolean
  lookedAfterDeath: boolean
  agencyAwareOn: string
  laAwareOn: string | null
  laAwareSource: string | null
  status: string
  createdAt: Date
  tasks: { key: string; dueDate: string }[]
  responsiblePersonId: string | null
}

/**
 * Inserts a notification with its tasks in one plain statement (it is on a serious incident referral's submit
 * path, where Prisma's create and createMany cost about 1.3 ms of CPU). Returns the notification's id.
 */
export async function insertNotificationWithTasks(tx: SqlTx, n: NewNotification): Promise<{ id: string }> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    with notification as (
      insert into "IncidentNotification" (id, "partnershipId", "referralId", reference, "panelRequired",
        "lookedAfterDeath", "agencyAwareOn", "laAwareOn", "laAwareSource", status, "createdAt")
      values (gen_random_uuid()::text, ${n.partnershipId}, ${n.referralId}, ${n.reference}, ${n.panelRequired},
        ${n.lookedAfterDeath}, ${n.agencyAwareOn}::date, ${n.laAwareOn}::date, ${n.laAwareSource}, ${n.status},
        ${n.createdAt})
      returning id
    ), tasks as (
      insert into "NotificationTask" (id, "notificationId", key, "dueDate", "responsiblePersonId")
      select gen_random_uuid()::text, notification.id, t.key, t."dueDate"::date, ${n.responsiblePersonId}
      from notification, jsonb_to_recordset(${JSON.stringify(n.tasks)}::jsonb) as t(key text, "dueDate" text)
    )
    select id from notification`
  if (!row) throw new Error('notification was not inserted')
  return row
}
