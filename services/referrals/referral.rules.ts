/**
 * Pure rules about referrals: the serious incident test and whether the local authority must notify the national
 * Panel, the Secretary of State and Ofsted (DOMAIN.md 1.3 and 1.4). The clocks themselves are statutory
 * (services/reviews/statutory-timescales.ts) and run from the notification (incident-notification.rules.ts).
 */
import type { Criterion, Location } from './referral.schema.js'

/**
 * A serious child safeguarding incident: abuse or neglect known or suspected AND the child died or was seriously
 * harmed, or caused serious harm to someone else (DOMAIN.md 1.3).
 */
export function isSeriousIncident(criteria: readonly string[]): boolean {
  const has = (c: Criterion) => criteria.includes(c)
  return has('abuse-or-neglect') && (has('died') || has('seriously-harmed') || has('caused-serious-harm'))
}

/** What the notification rules need to know about a referral. */
export type NotificationFacts = {
  criteria: readonly string[]
  location: Location | string
  normallyResident: boolean
  lookedAfter: boolean
}

/**
 * This local authority must notify the national Panel: a serious incident in its area, or one outside England
 * to a child normally resident there (DOMAIN.md 1.4). Elsewhere in England, that area's local authority does.
 */
export function isPanelNotificationRequired(f: NotificationFacts): boolean {
  if (!isSeriousIncident(f.criteria)) return false
  return f.location === 'in-area' || (f.location === 'outside-england' && f.normallyResident)
}

/** A looked-after child died: the Secretary of State and Ofsted are notified whether or not abuse is suspected. */
export function isLookedAfterDeath(f: NotificationFacts): boolean {
  return f.lookedAfter && f.criteria.includes('died')
}

/** The local authority has a notification to make about this referral. */
export const needsNotification = (f: NotificationFacts): boolean =>
  isPanelNotificationRequired(f) || isLookedAfterDeath(f)

/**
 * A rapid review is mandatory (and the only screening decision) for a serious incident the local authority is to
 * notify or has notified; none follows a case that was never notified (DOMAIN.md 1.5).
 */
export function isRapidReviewCase(n: { panelRequired: boolean; status: string } | null): boolean {
  return n?.panelRequired === true && n.status !== 'NOT_NOTIFIABLE'
}
