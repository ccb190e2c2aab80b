/** The person responsible snoozes a milestone's reminders for a few working days (from the nudge card). */
import { z } from 'zod'
import type { ServiceContext } from '../../lib/context.js'
import { AppError } from '../../lib/errors.js'
import { recordAudit } from '../audit-log/index.js'
import { todayIn } from '../calendar/dates.js'
import { addWorkingDays } from '../calendar/working-days.js'
import type { Actor } from '../people/people.schema.js'
import { assertCan } from '../people/policy.js'

export const ZSnooze = z.object({ milestoneId: z.string().uuid(), workingDays: z.coerce.number().int().min(1).max(10).default(2) })

export async function snoozeMilestone(ctx: ServiceContext, actor: Actor, raw: unknown): Promise<{ until: string; label: string }> {
  const input = ZSnooze.parse(raw)
  const m = await ctx.db.milestone.findUnique({ where: { id: input.milestoneId }, include: { review: true } })
  if (!m || m.review.partnershipId !== actor.partnershipId) throw new AppError('NOT_FOUND', 'That reminder could not be found.')
  assertCan(actor, 'milestone.snooze', { responsiblePersonId: m.responsiblePersonId ?? undefined })
  const partnership = await ctx.db.partnership.findUniqueOrThrow({ where: { id: actor.partnershipId } })
  const until = addWorkingDays(todayIn(partnership.timeZone, ctx.clock.now()), input.workingDays)
  await ctx.db.$transaction(async (tx) => {
    await tx.milestone.update({ where: { id: m.id }, data: { snoozedUntil: new Date(`${until}T00:00:00Z`) } })
    await recordAudit(tx, {
      partnershipId: actor.partnershipId, actorId: actor.personId, action: 'MILESTONE_SNOOZED', subjectType: 'milestone', subjectId: m.id,
      before: { snoozedUntil: m.snoozedUntil }, after: { snoozedUntil: until }, at: ctx.clock.now(),
    })
  })
  return { until, label: m.label }
}
