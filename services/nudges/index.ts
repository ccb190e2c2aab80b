/** Nudges: the daily run (a scheduled job, not bound to an actor) and what a person can do with a reminder. */
import { snoozeMilestone } from './snooze-milestone.js'

export { runNudges } from './run-nudges.js'
export { snoozeMilestone } from './snooze-milestone.js'

/** The nudge use cases the bot is given, each `(ctx, actor, raw)`. */
export const nudgeService = { snoozeMilestone }
