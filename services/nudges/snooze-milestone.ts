/**
 * The person responsible snoozes a reminder for a few working days (from the nudge card): a review milestone, or
 * a serious incident notification task (the digest carries either id as `milestoneId`). The Case Review Group's
 * chair still hears when it is late. Snoozing only moves a date forward from today, so two snoozes at once agree
 * and need no version check. Audited (MILESTONE_SNOOZED or INCIDENT_TASK_SNOOZED).
 */
import { z } from 'zod'
import { AppError } from '../../lib/errors.js'
import { todayIn } from '../calendar/dates.js'
import { addWorkingDays } from '../calendar/working-days.js'
import { assertCan } from '../people/policy.js'
import { NOTIFICATION_TASKS, type NotificationTaskKey } from '../referrals/incident-notification.schema.js'
import { findMilestoneWithReview, findPartnership } from '../reviews/review.repo.js'
import { useCase } from '../use-case.js'

const ZSnooze = z.object({
  // Any other string is simply not found (NOT_FOUND, in words); a missing id is INVALID_INPUT.
  milestoneId: z.string({ required_error: 'Choose a reminder.' }).min(1, 'Choose a reminder.'),
  workingDays: z.coerce
    .number()
    .int()
    .min(1, 'Snooze for 1 to 10 working days.')
    .max(10, 'Snooze for 1 to 10 working days.')
    .default(2),
})

type Reminder = {
  kind: 'milestone' | 'task'
  id: string
  label: string
  responsiblePersonId: string | null
  snoozedUntil: Date | null
}

/** The milestone or notification task behind a reminder, in the actor's partnership. */
async function findReminder(db: Parameters<typeof findMilestoneWithReview>[0], partnershipId: string, id: string) {
  const isUuid = z.string().uuid().safeParse(id).success
  const m = isUuid ? await findMilestoneWithReview(db, id) : null
  if (m && m.review.partnershipId === partnershipId)
    return {
      kind: 'milestone',
      id: m.id,
      label: m.label,
      responsiblePersonId: m.responsiblePersonId,
      snoozedUntil: m.snoozedUntil,
    } satisfies Reminder
  const t = isUuid
    ? await db.notificationTask.findUnique({
        where: { id },
        include: { notification: { select: { partnershipId: true } } },
      })
    : null
  if (t && t.notification.partnershipId === partnershipId)
    return {
      kind: 'task',
      id: t.id,
      label: NOTIFICATION_TASKS[t.key as NotificationTaskKey] ?? t.key,
      responsiblePersonId: t.responsiblePersonId,
      snoozedUntil: t.snoozedUntil,
    } satisfies Reminder
  return null
}

/** Quiets the reminder until a number of working days from today; returns that day and its label. */
export const snoozeMilestone = useCase({
  input: ZSnooze,
  load: async (ctx, actor, input) => {
    const m = await findReminder(ctx.db, actor.partnershipId, input.milestoneId)
    if (!m) throw new AppError('NOT_FOUND', 'That reminder could not be found.')
    const { timeZone } = await findPartnership(ctx.db, actor.partnershipId)
    return { m, until: addWorkingDays(todayIn(timeZone, ctx.clock.now()), input.workingDays) }
  },
  policy: (actor, _input, { m }) =>
    assertCan(actor, 'milestone.snooze', { responsiblePersonId: m.responsiblePersonId ?? undefined }),
  change: async (w, _input, { m, until }) => {
    const snoozedUntil = new Date(`${until}T00:00:00Z`)
    const before = { snoozedUntil: m.snoozedUntil?.toISOString().slice(0, 10) ?? null }
    if (m.kind === 'milestone') {
      await w.tx.milestone.update({ where: { id: m.id }, data: { snoozedUntil } })
      await w.audit({
        action: 'MILESTONE_SNOOZED',
        subjectType: 'milestone',
        subjectId: m.id,
        before,
        after: { snoozedUntil: until },
      })
    } else {
      const task = await w.tx.notificationTask.update({ where: { id: m.id }, data: { snoozedUntil } })
      await w.audit({
        action: 'INCIDENT_TASK_SNOOZED',
        subjectType: 'incident-notification',
        subjectId: task.notificationId,
        before,
        after: { snoozedUntil: until, taskId: m.id },
      })
    }
    return { until, label: m.label }
  },
})
