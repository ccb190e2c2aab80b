/** Pure rules about referrals: the statutory clocks and the serious-incident test. */
import { addWorkingDays } from '../calendar/working-days.js'
import type { PartnershipSettings } from '../people/people.schema.js'
import type { Criterion } from './referral.schema.js'

/**
 * A serious child safeguarding incident: abuse or neglect known or suspected AND the child died or was
 * seriously harmed (DOMAIN.md 1.3). Only then must the local authority notify the national Panel.
 */
export function isSeriousIncident(criteria: readonly string[]): boolean {
  const has = (c: Criterion) => criteria.includes(c)
  return has('abuse-or-neglect') && (has('died') || has('seriously-harmed'))
}

export type ReferralClocks = {
  /** Notify the national Panel by this date (5 working days after awareness), when the incident is serious. */
  notifyPanelBy: string | null
  /** The rapid review is due with the Panel by this date (15 working days after awareness). */
  rapidReviewDue: string
}

export function computeClocks(awarenessDate: string, criteria: readonly string[], settings: PartnershipSettings): ReferralClocks {
  return {
    notifyPanelBy: isSeriousIncident(criteria) ? addWorkingDays(awarenessDate, settings.clocks.panelNotificationWorkingDays) : null,
    rapidReviewDue: addWorkingDays(awarenessDate, settings.clocks.rapidReviewWorkingDays),
  }
}
