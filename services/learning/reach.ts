/**
 * Reach of a learning product: delivered, not reachable (and why), read, and teams briefed, by agency and by
 * role, over time. Counted from the broadcast's rows (each person's agency and role when it was queued), the
 * reads and the managers' briefings. Pure arithmetic over three reads, so the card, the web page and the
 * spreadsheet all say the same.
 */
import type { Db } from '../../lib/db.js'
import { describeAudience, ZAudience } from '../audiences/index.js'
import { NOT_REACHABLE_REASONS, type NotReachableReason } from '../broadcast/index.js'
import { ROLE_LABELS, type Role } from '../people/people.schema.js'
import { findBroadcastOf, type ProductRow } from './learning.repo.js'
import {
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  type ProductKind,
  type ProductStatus,
  type ReachRow,
  type ReachView,
} from './learning.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)
/** Messages a second the engine sends at (Teams' per-tenant pace), for "about N minutes left". */
const PACE = 47

/** The reach figures of one product (the caller checked who may see them). */
export async function computeReach(db: Db, product: ProductRow): Promise<ReachView> {
  const broadcast = await findBroadcastOf(db, product.id)
  const [deliveries, reads, briefings, agencies] = await Promise.all([
    broadcast
      ? db.broadcastDelivery.findMany({
          where: { broadcastId: broadcast.id },
          select: { personId: true, agencyKey: true, roleKey: true, status: true, reason: true, sentAt: true },
        })
      : [],
    db.productRead.findMany({ where: { productId: product.id }, select: { personId: true, at: true } }),
    db.productBriefing.findMany({
      where: { productId: product.id },
      select: { personId: true, briefedOn: true, staffCount: true },
    }),
    db.agency.findMany({ where: { partnershipId: product.partnershipId }, select: { key: true, name: true } }),
  ])
  const agencyName = new Map(agencies.map((a) => [a.key, a.name]))
  const people = deliveries.filter((d) => d.personId)
  const byPerson = new Map(people.map((d) => [d.personId!, d]))
  const readers = new Set(reads.map((r) => r.personId))
  const empty = (key: string, label: string): ReachRow => ({
    key,
    label,
    queued: 0,
    delivered: 0,
    notReachable: 0,
    read: 0,
    teamsBriefed: 0,
    staffBriefed: 0,
  })
  const byAgency = new Map<string, ReachRow>()
  const byRole = new Map<string, ReachRow>()
  const rowsFor = (agencyKey: string | null, roleKey: string | null) => {
    const a = agencyKey ?? 'none'
    const r = roleKey ?? 'none'
    if (!byAgency.has(a)) byAgency.set(a, empty(a, agencyName.get(a) ?? 'No agency (partnership staff)'))
    if (!byRole.has(r)) byRole.set(r, empty(r, ROLE_LABELS[r as Role] ?? 'no role'))
    return [byAgency.get(a)!, byRole.get(r)!]
  }
  for (const d of people) {
    for (const row of rowsFor(d.agencyKey, d.roleKey)) {
      row.queued += 1
      if (d.status === 'SENT') row.delivered += 1
      if (d.status === 'NOT_REACHABLE' || d.status === 'FAILED') row.notReachable += 1
      if (readers.has(d.personId!)) row.read += 1
    }
  }
  for (const b of briefings) {
    const d = byPerson.get(b.personId)
    for (const row of rowsFor(d?.agencyKey ?? null, d?.roleKey ?? null)) {
      row.teamsBriefed += 1
      row.staffBriefed += b.staffCount
    }
  }
  const count = (s: string) => deliveries.filter((d) => d.status === s).length
  const pending = count('PENDING')
  const notReachablePeople = people.filter((d) => d.status === 'NOT_REACHABLE' || d.status === 'FAILED')
  const names = await db.person.findMany({
    where: { id: { in: notReachablePeople.slice(0, 500).map((d) => d.personId!) } },
    select: { id: true, name: true },
  })
  const nameOf = new Map(names.map((n) => [n.id, n.name]))
  // Cumulative per day, from the first day anything happened.
  const events = [
    ...people
      .filter((d) => d.sentAt && d.status === 'SENT')
      .map((d) => ({ day: day(d.sentAt!), k: 'delivered' as const })),
    ...reads.filter((r) => byPerson.has(r.personId)).map((r) => ({ day: day(r.at), k: 'read' as const })),
    ...briefings.map((b) => ({ day: day(b.briefedOn), k: 'teamsBriefed' as const })),
  ].sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : 0))
  const overTime: ReachView['overTime'] = []
  const running = { delivered: 0, read: 0, teamsBriefed: 0 }
  for (const e of events) {
    running[e.k] += 1
    const last = overTime.at(-1)
    if (last?.day === e.day) Object.assign(last, running)
    else overTime.push({ day: e.day, ...running })
  }
  const sum = (rows: ReachRow[], k: keyof Omit<ReachRow, 'key' | 'label'>) => rows.reduce((n, r) => n + r[k], 0)
  const agencyRows = [...byAgency.values()].sort((a, b) => a.label.localeCompare(b.label))
  const audience = broadcast ? ZAudience.safeParse(broadcast.audience) : null
  return {
    productId: product.id,
    reference: product.reference,
    title: product.title,
    kindLabel: PRODUCT_KINDS[product.kind as ProductKind] ?? product.kind,
    audience: audience?.success ? await describeAudience(db, product.partnershipId, audience.data) : 'not sent yet',
    status: PRODUCT_STATUSES[product.status as ProductStatus] ?? product.status,
    scheduledFor: broadcast ? broadcast.scheduledFor.toISOString() : null,
    totals: {
      queued: people.length,
      delivered: sum(agencyRows, 'delivered'),
      notReachable: sum(agencyRows, 'notReachable'),
      read: sum(agencyRows, 'read'),
      teamsBriefed: briefings.length,
      staffBriefed: briefings.reduce((n, b) => n + b.staffCount, 0),
      pending,
      channels: deliveries.filter((d) => !d.personId && d.status === 'SENT').length,
      cancelled: count('CANCELLED'),
    },
    secondsLeft: broadcast?.status === 'SENDING' ? Math.ceil(pending / PACE) : null,
    byAgency: agencyRows,
    byRole: [...byRole.values()].sort((a, b) => b.queued - a.queued || a.label.localeCompare(b.label)),
    notReachable: notReachablePeople.slice(0, 500).map((d) => ({
      name: nameOf.get(d.personId!) ?? 'someone who has left',
      agency: agencyName.get(d.agencyKey ?? '') ?? 'no agency',
      reason: NOT_REACHABLE_REASONS[(d.reason ?? 'refused') as NotReachableReason] ?? NOT_REACHABLE_REASONS.refused,
    })),
    overTime,
  }
}
