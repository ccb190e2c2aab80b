/**
 * Pure rules of the serious incident notification: what its clocks count from, and when each task falls due. The
 * Panel's and the partners' timescales are statutory; the Secretary of State's and Ofsted's are settings.
 */
import { addWorkingDays } from '../calendar/working-days.js'
import type { PartnershipSettings } from '../people/people.schema.js'
import { statutoryDue } from '../reviews/statutory-timescales.js'
import type { NotificationTaskKey } from './incident-notification.schema.js'

const day = (d: Date) => d.toISOString().slice(0, 10)

/**
 * The date the clocks count from: the local authority's awareness once recorded (by the notification lead, or
 * the CDOP's notification date), until then the referring agency's, and marked provisional.
 */
export function anchorOf(n: { laAwareOn: Date | null; agencyAwareOn: Date; laAwareSource: string | null }): {
  anchor: string
  anchorIs: 'agency-aware' | 'la-aware' | 'cdop'
  isProvisional: boolean
} {
  if (!n.laAwareOn) return { anchor: day(n.agencyAwareOn), anchorIs: 'agency-aware', isProvisional: true }
  return { anchor: day(n.laAwareOn), anchorIs: n.laAwareSource === 'cdop' ? 'cdop' : 'la-aware', isProvisional: false }
}

/** When a task falls due from `anchor`. */
export function taskDueDate(key: NotificationTaskKey, anchor: string, settings: PartnershipSettings): string {
  switch (key) {
    case 'panel':
      return statutoryDue('panelNotification', anchor)
    case 'partners':
      return statutoryDue('partnersTold', anchor)
    case 'secretary-of-state':
      return addWorkingDays(anchor, settings.notificationTimescales.secretaryOfStateWorkingDays)
    case 'ofsted':
      return addWorkingDays(anchor, settings.notificationTimescales.ofstedWorkingDays)
  }
}

/**
 * The tasks a notification has: the Panel and the partners for a serious incident in scope; the Secretary of
 * State and Ofsted for a looked-after child's death.
 */
export function plannedTasks(
  n: { panelRequired: boolean; lookedAfterDeath: boolean },
  anchor: string,
  settings: PartnershipSettings,
): { key: NotificationTaskKey; dueDate: string }[] {
  const keys: NotificationTaskKey[] = [
    ...(n.panelRequired ? (['panel', 'partners'] as const) : []),
    ...(n.lookedAfterDeath ? (['secretary-of-state', 'ofsted'] as const) : []),
  ]
  return keys.map((key) => ({ key, dueDate: taskDueDate(key, anchor, settings) }))
}
