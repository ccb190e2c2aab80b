/**
 * What the outbox could not deliver, for the business manager: notices waiting for a way to reach their
 * person and messages the platforms refused, in the actor's partnership only. Ids, templates, references,
 * names of staff and dates; never the content of a notice. Also `releaseWaitingNotices`, which asks for a
 * person's waiting notices to be tried at once (when their address has just been saved).
 */
import type { ServiceContext } from '../../lib/context.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { ZOutboxPayload } from './notification.schema.js'

export type UndeliverableItem = {
  /** The outbox row id. */
  id: string
  status: 'WAITING_FOR_ADDRESS' | 'FAILED'
  kind: 'person.notice' | 'channel.sync'
  /** The notice template, or `referral.screening` for a channel card. */
  template: string
  /** The case, review or action reference the message is about, when it has one. */
  reference: string | null
  /** Who it is for (null for a channel card). */
  personId: string | null
  personName: string | null
  queuedAt: Date
  lastAttemptAt: Date | null
  /** The chair of the Case Review Group was told (statutory tasks only). */
  chairTold: boolean
}

const LIMIT = 200

/** Undelivered messages of the actor's partnership, oldest first (at most 200). */
export async function listUndeliverable(ctx: ServiceContext, actor: Actor): Promise<UndeliverableItem[]> {
  // Only the business manager sees the delivery problems of the whole partnership.
  assertCan(actor, 'delivery.view-undeliverable')
  const rows = await ctx.db.$queryRaw<
    {
      id: bigint
      status: string
      payload: unknown
      createdAt: Date
      lastAttemptAt: Date | null
      escalatedAt: Date | null
      personName: string | null
      referralReference: string | null
    }[]
  >`
    select o.id, o.status, o.payload, o."createdAt", o."lastAttemptAt", o."escalatedAt", p.name as "personName",
           r.reference as "referralReference"
    from "Outbox" o
    left join "Person" p on o.kind = 'person.notice' and p.id = o.payload->>'personId'
    left join "Referral" r on o.kind = 'channel.sync' and r.id = o.payload->>'subjectId'
    where o.status in ('WAITING_FOR_ADDRESS', 'FAILED')
      and (p."partnershipId" = ${actor.partnershipId}
           or (o.kind = 'channel.sync' and o.payload->>'partnershipId' = ${actor.partnershipId}))
    order by o."createdAt", o.id
    limit ${LIMIT}`
  return rows.flatMap((r): UndeliverableItem[] => {
    const parsed = ZOutboxPayload.safeParse(r.payload)
    if (!parsed.success) return []
    const p = parsed.data
    const base = {
      id: String(r.id),
      status: r.status as UndeliverableItem['status'],
      queuedAt: r.createdAt,
      lastAttemptAt: r.lastAttemptAt,
      chairTold: r.escalatedAt !== null,
    }
    if (p.kind === 'channel.sync') {
      return [
        {
          ...base,
          kind: p.kind,
          template: 'referral.screening',
          reference: r.referralReference,
          personId: null,
          personName: null,
        },
      ]
    }
    const reference = 'reference' in p.notice ? p.notice.reference : null
    return [
      { ...base, kind: p.kind, template: p.notice.template, reference, personId: p.personId, personName: r.personName },
    ]
  })
}

/**
 * Makes a person's waiting notices due now and asks for delivery; returns how many. Call it once their
 * address is saved (the outbox sweep also notices a new address by itself, within a minute).
 */
export async function releaseWaitingNotices(ctx: ServiceContext, personId: string): Promise<number> {
  const released = await ctx.db.$executeRaw`
    update "Outbox" set "nextAttemptAt" = (now() at time zone 'utc')
    where status = 'WAITING_FOR_ADDRESS' and kind = 'person.notice' and payload->>'personId' = ${personId}`
  if (released > 0) ctx.deliver?.()
  return released
}
