export { runNudges, type NudgeRunReport } from './run-nudges.js'
export { snoozeMilestone, ZSnooze } from './snooze-milestone.js'
