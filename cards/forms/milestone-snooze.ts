/** The person responsible snoozes a milestone's reminders (a button on the nudge digest). */
import { formatDate } from '../../services/calendar/dates.js'
import { defineButton } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { done } from './shared.js'

export const milestoneSnoozeButton = defineButton({
  verb: VERBS.milestoneSnooze,
  run: async ({ services, actor, meta }) => {
    const result = await services.nudges.snoozeMilestone(actor, { milestoneId: meta.milestoneId })
    return done('Reminder snoozed', `No reminders about "${result.label}" until ${formatDate(result.until)}.`)
  },
})
