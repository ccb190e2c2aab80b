/**
 * The daily nudge run's SQL: the lean read of the actions a digest needs, and the set-based claim and queue
 * of a batch of digests. Each statement carries its rows as one JSON document (in, or back out), so a batch
 * of hundreds of digests or 100,000 actions costs one round trip and no per-row query building in Prisma.
 */
import type { Db, SqlTx } from '../../lib/db.js'
import { ZOutboxPayload, type OutboxPayload } from '../notifications/notification.schema.js'

/** An open action due by the horizon, with the escalation levels already recorded for it. */
export type LiveAction = {
  id: string
  reference: string
  what: string
  ownerId: string
  verifyingSubGroupKey: string
  due: string
  levels: number[]
}

/**
 * The open actions of a partnership due on or before `horizon` (YYYY-MM-DD), soonest first, with the first
 * 140 characters of what is to be done. Returned as one JSON text of arrays and parsed here: it is smaller
 * on the wire than rows, and skips decoding 100,000 rows value by value.
 */
export async function readLiveActions(db: Db, partnershipId: string, horizon: string): Promise<LiveAction[]> {
  const [row] = await db.$queryRaw<{ rows: string | null }[]>`
    select coalesce(json_agg(json_build_array(
             a.id, a.reference, left(a.what, 140), a."ownerId", a."verifyingSubGroupKey",
             to_char(a."dueDate", 'YYYY-MM-DD'),
             e.levels)
             order by a."dueDate", a.reference), '[]')::text as rows
    from "Action" a
    left join (select "actionId", array_agg(level) as levels from "ActionEscalation" group by "actionId") e
      on e."actionId" = a.id
    where a."partnershipId" = ${partnershipId} and a.status in ('PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED')
      and a."dueDate" <= ${horizon}::date`
  type Tuple = [string, string, string, string, string, string, number[] | null]
  return (JSON.parse(row?.rows ?? '[]') as Tuple[]).map(([id, reference, what, ownerId, key, due, levels]) => ({
    id,
    reference,
    what,
    ownerId,
    verifyingSubGroupKey: key,
    due,
    levels: levels ?? [],
  }))
}

/** The names of a partnership's people by id (escalations say whose the late item is), read as one JSON text. */
export async function readNames(db: Db, partnershipId: string): Promise<Map<string, string>> {
  const [row] = await db.$queryRaw<{ names: string | null }[]>`
    select coalesce(json_object_agg(id, name), '{}')::text as names
    from "Person" where "partnershipId" = ${partnershipId}`
  return new Map(Object.entries(JSON.parse(row?.names ?? '{}') as Record<string, string>))
}

/** A sub-group's chair, as the nudge run needs them. */
export type Chair = { id: string }

/**
 * The chair of each of a partnership's sub-groups (the first by name when there are two), as findResponsible's
 * `chairOf` chooses, without reading everyone else: a partnership has thousands of staff and a dozen chairs.
 */
export async function readChairs(db: Db, partnershipId: string): Promise<(subGroupKey: string) => Chair | null> {
  const rows = await db.$queryRaw<{ key: string; id: string }[]>`
    select distinct on (s.key) s.key, p.id
    from "SubGroupMembership" m
      join "SubGroup" s on s.id = m."subGroupId"
      join "Person" p on p.id = m."personId"
    where m."isChair" and p.active and p."partnershipId" = ${partnershipId}
    order by s.key, p.name asc`
  const chairs = new Map(rows.map((r) => [r.key, { id: r.id }]))
  return (subGroupKey) => chairs.get(subGroupKey) ?? null
}

/** A verified action whose impact check is due. */
export type ImpactCheckDue = {
  id: string
  reference: string
  what: string
  verifyingSubGroupKey: string
  impactCheckDue: string
}

/** Verified actions whose impact check is due by `today` (YYYY-MM-DD), soonest first: just what a digest needs. */
export function readImpactChecksDue(db: Db, partnershipId: string, today: string) {
  return db.$queryRaw<ImpactCheckDue[]>`
    select id, reference, what, "verifyingSubGroupKey", to_char("impactCheckDue", 'YYYY-MM-DD') as "impactCheckDue"
    from "Action"
    where "partnershipId" = ${partnershipId} and status = 'VERIFIED' and "impactCheckDue" <= ${today}::date
    order by "impactCheckDue"`
}

/** One person's digest for the day: what the NudgeRun row records, and the outbox payload that carries it. */
export type DigestClaim = {
  personId: string
  items: { id: string | undefined; reason: string }[]
  payload: OutboxPayload
}

/**
 * In one statement: claims the day's digest for each person (ON CONFLICT DO NOTHING on (person, day, kind)),
 * queues the outbox message of exactly the people it claimed (in the order given), and records their
 * escalations, one row per (action, level) however many runs see it. A concurrent run waits on the same
 * unique keys and claims nobody twice. Returns the people claimed and how many escalations were new.
 *
 * An escalation is recorded only with the claim of the person it goes to, and only if it is not recorded yet
 * (ON CONFLICT on its key, (action, level)). Not NOT EXISTS: once PostgreSQL has analysed the table while it
 * was nearly empty, as autovacuum does early on, it planned that anti-join as a scan of the whole table per
 * row, and a first day's 28,000 escalations took 5.6 s instead of about half a second.
 *
 * Each payload is checked against the outbox schema like notifications/outbox.ts's enqueue, except a digest's
 * items: those are built from typed fields that match the schema's, and parsing 100,000 of them with zod took
 * longer than writing them.
 */
export async function claimAndQueueDigests(
  tx: SqlTx,
  day: string,
  now: Date,
  claims: DigestClaim[],
  escalations: { actionId: string; level: number; personId: string }[],
): Promise<{ people: string[]; escalations: number }> {
  const input = claims.map((c) => ({ personId: c.personId, items: c.items, payload: checked(c.payload) }))
  const [row] = await tx.$queryRaw<{ people: string[]; escalations: number }[]>`
    with input as (
      select x.row->>'personId' as "personId", x.row->'items' as items, x.row->'payload' as payload, x.n
      from jsonb_array_elements(${JSON.stringify(input)}::jsonb) with ordinality as x(row, n)
    ), claimed as (
      insert into "NudgeRun" (id, "personId", day, kind, items, "createdAt")
      select gen_random_uuid(), i."personId", ${day}::date, 'daily', i.items, ${now} from input i
      on conflict ("personId", day, kind) do nothing
      returning "personId"
    ), queued as (
      insert into "Outbox" (kind, payload, "createdAt", "nextAttemptAt")
      select i.payload->>'kind', i.payload, now() at time zone 'utc', now() at time zone 'utc'
      from input i join claimed c on c."personId" = i."personId" order by i.n
      returning 1
    ), escalated as (
      insert into "ActionEscalation" ("actionId", level, "personId", at)
      select e."actionId", e.level, e."personId", ${now}
      from jsonb_to_recordset(${JSON.stringify(escalations)}::jsonb) as e("actionId" text, level int, "personId" text)
      join claimed c on c."personId" = e."personId"
      on conflict ("actionId", level) do nothing
      returning 1
    )
    select coalesce((select array_agg("personId") from claimed), '{}') as people,
           (select count(*) from escalated)::int as escalations,
           (select count(*) from queued)::int as queued`
  return { people: row?.people ?? [], escalations: Number(row?.escalations ?? 0) }
}

/** `payload` checked against the outbox schema; a digest's items are checked by their type (see above). */
function checked(payload: OutboxPayload): unknown {
  if (payload.kind !== 'person.notice' || payload.notice.template !== 'nudge.digest')
    return ZOutboxPayload.parse(payload)
  const { items, ...rest } = payload.notice
  const envelope = ZOutboxPayload.parse({ ...payload, notice: { ...rest, items: [] } }) as typeof payload
  return { ...envelope, notice: { ...envelope.notice, items } }
}
