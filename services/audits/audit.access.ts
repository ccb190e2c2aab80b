/**
 * What every use case and query on one return shares: loading it with its tool and its participant (NOT_FOUND
 * outside the actor's partnership), the resource its permissions are checked against, and whether answers are
 * still accepted (before the deadline, or reopened by the chair).
 */
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import type { Actor } from '../people/people.schema.js'
import { can, type PolicyResource } from '../people/policy.js'
import { findReturn, findReturnParticipant, findTool, type LoadedReturn } from './audit.repo.js'
import type { ReturnStatus } from './audit.schema.js'
import type { ToolDefinition } from './audit-tool.schema.js'

export type ReturnContext = {
  r: LoadedReturn
  tool: { id: string; key: string; name: string; version: number; definition: ToolDefinition }
  agencyKey: string | null
  settingKey: string | null
  /** The agency or school, as people read it. */
  participant: string
  lead: { id: string; name: string; managerId: string | null } | null
  caseLabel: string | null
  caseReference: string | null
  timeZone: string
  today: string
}

/** The return, its tool (the version it started on, else its audit's) and who it is about. */
export async function loadReturn(ctx: ServiceContext, actor: Actor, returnId: string): Promise<ReturnContext> {
  const r = /^[0-9a-f-]{36}$/.test(returnId) ? await findReturn(ctx.db, actor.partnershipId, returnId) : null
  if (!r) throw new AppError('NOT_FOUND', 'That audit return could not be found.')
  const [tool, who] = await Promise.all([
    findTool(ctx.db, actor.partnershipId, r.toolId ?? r.audit.toolId),
    findReturnParticipant(ctx.db, r.id),
  ])
  if (!tool || !who) throw new AppError('NOT_FOUND', 'That audit return could not be found.')
  return {
    r,
    tool,
    agencyKey: who.agencyKey,
    settingKey: who.settingKey,
    participant: who.settingName ?? who.agencyName ?? 'Unknown participant',
    lead: who.leadId ? { id: who.leadId, name: who.leadName ?? '', managerId: who.leadManagerId } : null,
    caseLabel: who.caseLabel,
    caseReference: who.agencyKey && who.agencyRefs ? (who.agencyRefs[who.agencyKey] ?? null) : null,
    timeZone: who.timeZone,
    today: todayIn(who.timeZone, ctx.clock.now()),
  }
}

/** The resource of a return from its parts: a school's return is the school's, else the agency's. */
export const returnResource = (x: {
  agencyKey: string | null
  settingKey: string | null
  leadId: string | null
  managerId: string | null
  status: string
}): PolicyResource => ({
  ...(x.settingKey ? { settingKey: x.settingKey } : x.agencyKey ? { agencyKey: x.agencyKey } : {}),
  ...(x.leadId ? { responsiblePersonId: x.leadId } : {}),
  ...(x.managerId ? { managerId: x.managerId } : {}),
  isModerated: x.status === 'MODERATED',
})

/** The resource a return's permissions are checked against. */
export const resourceOf = (c: ReturnContext): PolicyResource =>
  returnResource({
    agencyKey: c.agencyKey,
    settingKey: c.settingKey,
    leadId: c.lead?.id ?? null,
    managerId: c.lead?.managerId ?? null,
    status: c.r.status,
  })

/** Whether the actor may read the return at all. */
export const canSee = (actor: Actor, c: ReturnContext) => can(actor, 'audit.view-return', resourceOf(c))

/** The statuses in which answers can still change. */
const EDITABLE: readonly ReturnStatus[] = ['NOT_STARTED', 'IN_PROGRESS']

/** Whether the return still takes answers: open, not sent in, and before the deadline unless reopened. */
export function takesAnswers(c: ReturnContext): boolean {
  if (c.r.audit.status !== 'OPEN') return false
  if (!EDITABLE.includes(c.r.status as ReturnStatus)) return false
  const deadline = c.r.audit.deadline.toISOString().slice(0, 10)
  return c.today <= deadline || c.r.reopenedAt !== null
}

/** Why the return takes no answers, in words, or null when it does. */
export function whyClosed(c: ReturnContext): string | null {
  if (takesAnswers(c)) return null
  if (c.r.audit.status === 'PLANNED') return `${c.r.audit.reference} has not opened yet.`
  if (!EDITABLE.includes(c.r.status as ReturnStatus))
    return 'This return has already been sent in, so it cannot change.'
  return (
    `${c.r.audit.reference} closed to answers at its deadline. Ask the chair of the Quality Assurance and Audit ` +
    'Sub-group to reopen your return.'
  )
}
