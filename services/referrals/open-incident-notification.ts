/**
 * Opens the local authority's serious incident notification when a referral meets the criteria (or a looked-after
 * child died), in the transaction that records the referral: the notification clock starts at submission, not
 * when a rapid review starts. Its tasks go to the notification lead, counted from the agency's awareness and
 * provisional until she records when the local authority became aware (or from the CDOP's notification).
 */
import { ZPartnershipSettings } from '../people/people.schema.js'
import type { SqlTx } from '../../lib/db.js'
import type { Writer } from '../use-case.js'
import { anchorOf, plannedTasks } from './incident-notification.rules.js'
import {
  findNotificationLead,
  findPartnershipSettings,
  insertNotificationWithTasks,
} from './incident-notification.repo.js'
import { isLookedAfterDeath, isPanelNotificationRequired, type NotificationFacts } from './referral.rules.js'

export type NotificationOpening = {
  referral: NotificationFacts & { id: string; reference: string; awarenessDate: string }
  /** When the local authority's awareness is already known (a CDOP notification): no provisional clock. */
  laAware?: { on: string; source: 'cdop' | 'lead' }
  /** The partnership's settings and notification lead when the caller has read them already. */
  known?: { settings: unknown; lead: { id: string } | null }
}

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)

/** Opens the notification when the referral needs one, with its tasks, audit event and the lead's notice. */
export async function openIncidentNotification(w: Writer<SqlTx>, input: NotificationOpening): Promise<string | null> {
  const { referral } = input
  const panelRequired = isPanelNotificationRequired(referral)
  const lookedAfterDeath = isLookedAfterDeath(referral)
  if (!panelRequired && !lookedAfterDeath) return null
  const { partnershipId } = w.actor
  const known = input.known ?? {
    settings: await findPartnershipSettings(w.tx, partnershipId),
    lead: await findNotificationLead(w.tx, partnershipId),
  }
  const settings = ZPartnershipSettings.parse(known.settings ?? {})
  const lead = known.lead
  const agencyAwareOn = asDate(referral.awarenessDate)
  const laAwareOn = input.laAware ? asDate(input.laAware.on) : null
  const anchor = anchorOf({ agencyAwareOn, laAwareOn, laAwareSource: input.laAware?.source ?? null })
  const tasks = plannedTasks({ panelRequired, lookedAfterDeath }, anchor.anchor, settings)
  const status = panelRequired ? 'PENDING' : 'NOT_REQUIRED'
  const notification = await insertNotificationWithTasks(w.tx, {
    partnershipId,
    referralId: referral.id,
    reference: referral.reference,
    panelRequired,
    lookedAfterDeath,
    agencyAwareOn: referral.awarenessDate,
    laAwareOn: input.laAware?.on ?? null,
    laAwareSource: input.laAware?.source ?? null,
    status,
    createdAt: w.now,
    tasks: tasks.map((t) => ({ key: t.key, dueDate: t.dueDate })),
    responsiblePersonId: lead?.id ?? null,
  })
  await w.audit({
    action: 'INCIDENT_NOTIFICATION_OPENED',
    subjectType: 'incident-notification',
    subjectId: notification.id,
    after: {
      referralId: referral.id,
      reference: referral.reference,
      status,
      panelRequired,
      lookedAfterDeath,
      agencyAwareOn: referral.awarenessDate,
      laAwareOn: input.laAware?.on ?? null,
      provisional: anchor.isProvisional,
      ...Object.fromEntries(tasks.map((t) => [`due.${t.key}`, t.dueDate])),
    },
  })
  if (lead)
    await w.notify([
      {
        kind: 'person.notice',
        personId: lead.id,
        notice: {
          template: 'incident.notification-task',
          notificationId: notification.id,
          reference: referral.reference,
          dueDate: tasks[0]!.dueDate,
          isProvisional: anchor.isProvisional,
          panelRequired,
          lookedAfterDeath,
        },
      },
    ])
  return notification.id
}
