/** Read side: my actions, a chair's overview grouped by agency, and the independent chair's escalations. */
import type { Db } from '../../lib/db.js'
import { todayIn } from '../calendar/dates.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'
import { ACTION_STATUSES, type ActionStatus } from './action.schema.js'
import { listActionsForSubGroups, listActionsOwnedBy } from './action.repo.js'

export type ActionLine = {
  id: string; reference: string; what: string; status: ActionStatus; statusLabel: string; dueDate: string; workingDaysLate: number
  agency: string; owner: string; measure: string
}

async function lines(db: Db, partnershipId: string, rows: Awaited<ReturnType<typeof listActionsOwnedBy>>, now: Date): Promise<ActionLine[]> {
  const partnership = await db.partnership.findUniqueOrThrow({ where: { id: partnershipId } })
  const today = todayIn(partnership.timeZone, now)
  const [agencies, people] = await Promise.all([
    db.agency.findMany({ where: { partnershipId } }),
    db.person.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.ownerId))] } }, select: { id: true, name: true } }),
  ])
  return rows.map((r) => {
    const due = r.dueDate.toISOString().slice(0, 10)
    return {
      id: r.id, reference: r.reference, what: r.what, status: r.status as ActionStatus, statusLabel: ACTION_STATUSES[r.status as ActionStatus],
      dueDate: due, workingDaysLate: ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED'].includes(r.status) ? Math.max(0, workingDaysBetween(due, today)) : 0,
      agency: agencies.find((a) => a.key === r.agencyKey)?.name ?? r.agencyKey, owner: people.find((p) => p.id === r.ownerId)?.name ?? '', measure: r.measureOfSuccess,
    }
  })
}

/** Actions this person owns (or, for a safeguarding lead, their agency's), newest due first. */
export async function listMyActions(db: Db, actor: Actor, now: Date): Promise<ActionLine[]> {
  const own = await listActionsOwnedBy(db, actor.personId)
  const agency = actor.roles.includes('safeguarding-lead') && actor.agencyKey
    ? await db.action.findMany({ where: { partnershipId: actor.partnershipId, agencyKey: actor.agencyKey, ownerId: { not: actor.personId }, status: { in: ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED', 'AWAITING_VERIFICATION'] } }, orderBy: { dueDate: 'asc' } })
    : []
  return lines(db, actor.partnershipId, [...own, ...agency], now)
}

export type ActionOverview = { open: ActionLine[]; overdue: ActionLine[]; awaitingVerification: ActionLine[]; notYetMeasured: ActionLine[] }

/** For chairs: their sub-groups' actions (all, for the independent chair and business manager). */
export async function actionOverview(db: Db, actor: Actor, now: Date): Promise<ActionOverview> {
  assertCan(actor, 'action.overview')
  const all = actor.roles.includes('independent-chair') || actor.roles.includes('business-manager')
  const rows = await listActionsForSubGroups(db, actor.partnershipId, all ? null : actor.chairs)
  const ls = await lines(db, actor.partnershipId, rows, now)
  return {
    overdue: ls.filter((l) => l.workingDaysLate > 0),
    open: ls.filter((l) => ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED', 'HANDED_BACK'].includes(l.status) && l.workingDaysLate === 0),
    awaitingVerification: ls.filter((l) => l.status === 'AWAITING_VERIFICATION'),
    notYetMeasured: ls.filter((l) => l.status === 'VERIFIED'),
  }
}

/** The independent chair's escalation list: actions 20 working days overdue. */
export async function listEscalations(db: Db, actor: Actor, now: Date): Promise<ActionLine[]> {
  assertCan(actor, 'action.overview')
  const rows = await db.action.findMany({
    where: { partnershipId: actor.partnershipId, escalations: { some: { level: 20 } }, status: { in: ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED'] } },
    orderBy: { dueDate: 'asc' },
  })
  return lines(db, actor.partnershipId, rows, now)
}
