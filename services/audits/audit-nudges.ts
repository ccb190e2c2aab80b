/**
 * The audit items of the daily nudge digest (services/nudges/run-nudges.ts calls this once per partnership):
 * the lead of each return not yet sent in hears 5 working days before the deadline, on the day and after it;
 * the QA chair is told once, when a return is 10 working days late. Planned audits whose opening date has come
 * are opened first (services/audits/open-audit.ts), so their leads hear the same morning.
 */
import type { ServiceContext } from '../../lib/context.js'
import { auditNudgeFor, isChairToldToday, TELL_CHAIR_AFTER_WORKING_DAYS } from './audit.rules.js'
import { openDueAudits } from './open-audit.js'

/** One digest line, in the digest's own shape (services/notifications/notification.schema.ts nudge.digest). */
export type AuditDigestItem = {
  returnId: string
  reference: string
  label: string
  dueDate: string
  reason: 'due-soon' | 'due-today' | 'overdue' | 'escalation'
  daysLate: number
  responsible?: string
}

/** Adds today's audit items to the digests through `add`; `names` gives people's names by id. */
export async function collectAuditItems(
  ctx: ServiceContext,
  partnershipId: string,
  today: string,
  add: (personId: string, item: AuditDigestItem) => void,
  names: Map<string, string>,
): Promise<void> {
  await openDueAudits(ctx, partnershipId)
  const open = await ctx.db.auditReturn.findMany({
    where: { status: { in: ['NOT_STARTED', 'IN_PROGRESS'] }, audit: { partnershipId, status: 'OPEN' } },
    select: {
      id: true,
      leadId: true,
      participantKey: true,
      audit: { select: { reference: true, title: true, deadline: true } },
      agencyId: true,
      settingId: true,
    },
  })
  if (!open.length) return
  const [agencies, settings, chair] = await Promise.all([
    ctx.db.agency.findMany({ where: { partnershipId }, select: { id: true, name: true } }),
    ctx.db.setting.findMany({ where: { partnershipId }, select: { id: true, name: true } }),
    ctx.db.person.findFirst({
      where: { partnershipId, active: true, memberships: { some: { isChair: true, subGroup: { key: 'qa-audit' } } } },
      orderBy: { name: 'asc' },
      select: { id: true },
    }),
  ])
  const nameOf = (r: (typeof open)[number]) =>
    settings.find((s) => s.id === r.settingId)?.name ??
    agencies.find((a) => a.id === r.agencyId)?.name ??
    'a participant'
  for (const r of open) {
    const deadline = r.audit.deadline.toISOString().slice(0, 10)
    const base = {
      returnId: r.id,
      reference: r.audit.reference,
      label: `${r.audit.title}: ${nameOf(r)}'s return`,
      dueDate: deadline,
    }
    const nudge = auditNudgeFor(deadline, today)
    if (nudge && r.leadId) add(r.leadId, { ...base, ...nudge })
    if (chair && isChairToldToday(deadline, today) && chair.id !== r.leadId)
      add(chair.id, {
        ...base,
        reason: 'escalation',
        daysLate: TELL_CHAIR_AFTER_WORKING_DAYS,
        responsible: r.leadId ? (names.get(r.leadId) ?? 'nobody registered') : 'nobody registered',
      })
  }
}
