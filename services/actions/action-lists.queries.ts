/**
 * Lists of actions, as of the service clock: my actions, a chair's overview grouped by agency, and the
 * escalation list (partners, scrutiny, business manager). Each checks the actor and reads only the actor's partnership.
 */
import type { ServiceContext } from '../../lib/context.js'
import { todayIn } from '../calendar/dates.js'
import { workingDaysBetween } from '../calendar/working-days.js'
import type { Actor, Role } from '../people/people.schema.js'
import { assertCan, can } from '../people/policy.js'
import {
  type ActionRow,
  findNamesFor,
  findPartnershipBasics,
  listActionsForSubGroups,
  listActionsOwnedBy,
  listAgencyActionsOwnedByOthers,
  listEscalatedActions,
} from './action.repo.js'
import { ACTION_STATUSES, type ActionLine, type ActionOverview, type ActionStatus } from './action.schema.js'
import { LIVE_FOR_OWNER } from './action.transitions.js'

async function lines(ctx: ServiceContext, partnershipId: string, rows: ActionRow[]): Promise<ActionLine[]> {
  const [partnership, names] = await Promise.all([
    findPartnershipBasics(ctx.db, partnershipId),
    findNamesFor(
      ctx.db,
      partnershipId,
      rows.map((r) => r.ownerId),
    ),
  ])
  const today = todayIn(partnership.timeZone, ctx.clock.now())
  return rows.map((r) => {
    const due = r.dueDate.toISOString().slice(0, 10)
    const status = r.status as ActionStatus
    return {
      id: r.id,
      reference: r.reference,
      what: r.what,
      status,
      statusLabel: ACTION_STATUSES[status],
      dueDate: due,
      workingDaysLate: LIVE_FOR_OWNER.includes(status) ? Math.max(0, workingDaysBetween(due, today)) : 0,
      agency: names.agencies.find((a) => a.key === r.agencyKey)?.name ?? r.agencyKey,
      owner: names.people.find((p) => p.id === r.ownerId)?.name ?? '',
      measure: r.measureOfSuccess,
    }
  })
}

/** Actions this person owns (and, for a safeguarding lead, their agency's), soonest due first. */
export async function listMyActions(ctx: ServiceContext, actor: Actor): Promise<ActionLine[]> {
  const own = await listActionsOwnedBy(ctx.db, actor.personId)
  const agency =
    actor.roles.includes('safeguarding-lead') && actor.agencyKey
      ? await listAgencyActionsOwnedByOthers(ctx.db, actor.partnershipId, actor.agencyKey, actor.personId)
      : []
  return lines(ctx, actor.partnershipId, [...own, ...agency])
}

const ALL_ACTIONS_ROLES: Role[] = [
  'business-manager',
  'safeguarding-partner',
  'independent-scrutineer',
  'independent-chair',
]

/** For chairs: their sub-groups' actions (all of them, for the partners, scrutiny and the business manager). */
export async function actionOverview(ctx: ServiceContext, actor: Actor): Promise<ActionOverview> {
  assertCan(actor, 'action.overview')
  const all = actor.roles.some((r) => ALL_ACTIONS_ROLES.includes(r))
  const rows = await listActionsForSubGroups(ctx.db, actor.partnershipId, all ? null : actor.chairs)
  const verifiable = new Set(
    rows.filter((r) => can(actor, 'action.verify', { subGroupKey: r.verifyingSubGroupKey })).map((r) => r.id),
  )
  const ls = (await lines(ctx, actor.partnershipId, rows)).map((l) => ({ ...l, canVerify: verifiable.has(l.id) }))
  return {
    overdue: ls.filter((l) => l.workingDaysLate > 0),
    open: ls.filter(
      (l) => ['PROPOSED', 'OPEN', 'DATE_CHANGE_REQUESTED', 'HANDED_BACK'].includes(l.status) && l.workingDaysLate === 0,
    ),
    awaitingVerification: ls.filter((l) => l.status === 'AWAITING_VERIFICATION'),
    notYetMeasured: ls.filter((l) => l.status === 'VERIFIED'),
  }
}

/** The escalation list (partners, scrutiny, business manager): actions 20 working days overdue that are still the owner's. */
export async function listEscalations(ctx: ServiceContext, actor: Actor): Promise<ActionLine[]> {
  assertCan(actor, 'action.view-escalations')
  return lines(ctx, actor.partnershipId, await listEscalatedActions(ctx.db, actor.partnershipId, LIVE_FOR_OWNER))
}
