/** Counting the statutory timescales (statutory-timescales.schema.ts holds the values and their sources). */
import { addWorkingDays } from '../calendar/working-days.js'
import { STATUTORY_MILESTONES, STATUTORY_TIMESCALES, type StatutoryKey } from './statutory-timescales.schema.js'

export * from './statutory-timescales.schema.js'

/** When a statutory step falls due, counted from the local authority's awareness (an ISO date). */
export function statutoryDue(key: StatutoryKey, anchor: string): string {
  return addWorkingDays(anchor, STATUTORY_TIMESCALES[key].workingDays)
}

/** The statutory timescale behind a review type's milestone, or null for a local one. */
export function statutoryMilestone(typeKey: string, milestoneKey: string): StatutoryKey | null {
  return STATUTORY_MILESTONES[typeKey]?.[milestoneKey] ?? null
}
