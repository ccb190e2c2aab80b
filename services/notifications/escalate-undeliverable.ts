/**
 * A statutory task that has not reached its person must not wait unseen: when a Panel-notification task
 * (the notification lead's or the business manager's) or an information request is still undelivered `ESCALATE_AFTER_HOURS` after it was queued (waiting for an
 * address, failed, or still being retried), the chair of the Case Review Group is told with a notice of
 * their own, once per task notice.
 *
 * Why 4 hours: the Panel must be notified within 5 working days of the partnership becoming aware, and the
 * rapid review's agency information is due within 10; 4 hours lets the chair chase the person another way on
 * the same working day, while a person who simply opens Teams that morning is reached without bothering them.
 *
 * Each row is claimed by setting `escalatedAt` in the same transaction that queues the chair's notice, so
 * several instances (or runs) tell the chair once.
 */
import { Prisma } from '@prisma/client'
import type { DbClient } from '../../lib/db.js'
import type { Logger } from '../../lib/logger.js'
import { listChairs } from '../people/people.repo.js'
import { SUBGROUP_CASE_REVIEW } from '../people/people.schema.js'
import {
  isStatutoryTask,
  STATUTORY_TASK_TEMPLATES,
  type UndeliverableNotice,
  ZOutboxPayload,
} from './notification.schema.js'
import { enqueue } from './outbox.js'

export const ESCALATE_AFTER_HOURS = 4

type Due = { id: bigint; payload: unknown; status: string; createdAt: Date }

/** Tells the chair about every statutory task notice undelivered for too long; returns how many. */
export async function escalateUndeliverable(deps: { db: DbClient; log: Logger }): Promise<number> {
  const templates = Prisma.join([...STATUTORY_TASK_TEMPLATES])
  let told = 0
  await deps.db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<Due[]>`
      with due as (
        select id from "Outbox"
        where kind = 'person.notice' and status <> 'SENT' and "escalatedAt" is null
          and "createdAt" < (now() at time zone 'utc') - make_interval(secs => ${ESCALATE_AFTER_HOURS * 3600})
          and payload->'notice'->>'template' in (${templates})
        order by id limit 50 for update skip locked)
      update "Outbox" o set "escalatedAt" = (now() at time zone 'utc') from due where o.id = due.id
      returning o.id, o.payload, o.status, o."createdAt"`
    for (const row of due) {
      const parsed = ZOutboxPayload.safeParse(row.payload)
      if (!parsed.success || parsed.data.kind !== 'person.notice') continue
      const { notice, personId } = parsed.data
      if (!isStatutoryTask(notice.template) || !('reference' in notice)) continue
      const person = await tx.person.findUnique({
        where: { id: personId },
        select: { name: true, partnershipId: true },
      })
      if (!person) continue
      const chairs = (await listChairs(tx, person.partnershipId, SUBGROUP_CASE_REVIEW)).filter((c) => c.id !== personId)
      if (chairs.length === 0) {
        deps.log.warn(
          { outboxId: String(row.id), template: notice.template },
          'statutory task undelivered and no Case Review chair to tell',
        )
        continue
      }
      const alert: UndeliverableNotice = {
        template: 'delivery.undeliverable',
        task: notice.template,
        reference: notice.reference,
        personName: person.name,
        since: row.createdAt.toISOString(),
        hours: Math.max(ESCALATE_AFTER_HOURS, Math.floor((Date.now() - row.createdAt.getTime()) / 3_600_000)),
        reason: row.status === 'FAILED' ? 'failed' : 'waiting-for-address',
      }
      await enqueue(
        tx,
        chairs.map((c) => ({ kind: 'person.notice' as const, personId: c.id, notice: alert })),
      )
      deps.log.warn(
        { outboxId: String(row.id), template: notice.template, chairs: chairs.length },
        'statutory task undelivered: chair told',
      )
      told += 1
    }
  })
  return told
}
