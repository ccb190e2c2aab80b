/**
 * The person responsible snoozes a milestone's reminders for a few working days (from the nudge card).
 * The sub-group chair still hears when it is late. Snoozing only moves a date forward from today, so two
 * snoozes at once agree and need no version check.
 */
import { z } from 'zod'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { addWorkingDays } from '../calendar/working-days.js'
import { assertCan } from '../people/policy.js'
import { findMilestoneWithReview, findPartnership } from '../reviews/review.repo.js'
import { useCase } from '../use-case.js'

export const ZSnooze = z.object({
  // Any other string is simply not found (NOT_FOUND, in words); a missing id is INVALID_INPUT.
  milestoneId: z.string({ required_error: 'Choose a reminder.' }).min(1, 'Choose a reminder.'),
  workingDays: z.coerce
    .number()
    .int()
    .min(1, 'Snooze for 1 to 10 working days.')
    .max(10, 'Snooze for 1 to 10 working days.')
    .default(2),
})

/** Quiets the milestone's reminders until a number of working days from today; returns that day and its label. */
export const snoozeMilestone = useCase({
  input: ZSnooze,
  load: async (ctx, actor, input) => {
    const m = await findMilestoneWithReview(ctx.db, input.milestoneId)
    if (!m || m.review.partnershipId !== actor.partnershipId)
      throw new AppError('NOT_FOUND', 'That reminder could not be found.')
    const { timeZone } = await findPartnership(ctx.db, actor.partnershipId)
    return { m, until: addWorkingDays(todayIn(timeZone, ctx.clock.now()), input.workingDays) }
  },
  policy: (actor, _input, { m }) =>
    assertCan(actor, 'milestone.snooze', { responsiblePersonId: m.responsiblePersonId ?? undefined }),
  change: async (w, _input, { m, until }) => {
    await w.tx.milestone.update({ where: { id: m.id }, data: { snoozedUntil: new Date(`${until}T00:00:00Z`) } })
    await w.audit({
      action: 'MILESTONE_SNOOZED',
      subjectType: 'milestone',
      subjectId: m.id,
      before: { snoozedUntil: m.snoozedUntil?.toISOString().slice(0, 10) ?? null },
      after: { snoozedUntil: until },
    })
    return { until, label: m.label }
  },
})
