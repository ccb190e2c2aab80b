/**
 * The local authority's notification lead's card for one serious incident: the case (it is 1:1, to the people
 * deciding), the clocks with whether they are still provisional, each task, and the buttons she records from.
 * The same card, without buttons, shows a safeguarding partner or the chair where the notification stands.
 */
import { formatDate } from '../../services/calendar/dates.js'
import type { NotificationCase, NotificationView } from '../../services/referrals/index.js'
import { STATUTORY_TIMESCALES } from '../../services/reviews/statutory-timescales.schema.js'
import { notificationLaAwarenessForm } from '../forms/notification-la-awareness.js'
import { notificationNotNotifiableForm } from '../forms/notification-not-notifiable.js'
import { notificationNotifiedForm } from '../forms/review-record-panel-notification.js'
import { formOf } from '../interaction.js'
import type { Action, Block, Card, Tone } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'

const TASK_DONE = VERBS.notificationTaskDone

const ANCHOR_WORDS: Record<NotificationView['anchorIs'], string> = {
  'agency-aware': "the referring agency's awareness (provisional)",
  'la-aware': "the local authority's awareness",
  cdop: 'the CDOP notification (the local authority became aware then)',
}

const statusTone = (n: NotificationView): Tone =>
  n.status === 'PENDING' ? 'warning' : n.status === 'NOTIFIED' ? 'good' : 'default'

/** One line per task: due (provisional), done on, or not needed. */
function taskLines(n: NotificationView): [string, string][] {
  return n.tasks.map((t) => [
    t.label,
    t.status === 'DONE'
      ? `Done ${t.doneOn ? formatDate(t.doneOn) : ''}`.trim()
      : t.status === 'CANCELLED'
        ? 'Not needed: not notifiable'
        : `Due ${formatDate(t.dueDate)}${n.isProvisional ? ' (provisional)' : ''}`,
  ])
}

/**
 * The notification lead's buttons for what is still open: the decision (and the awareness date) in one row, each
 * dated task in a row of its own. Task forms open on demand, so one card never holds two copies of the same inputs.
 */
function leadActions(n: NotificationView): Block[] {
  const open = (key: string) => n.tasks.some((t) => t.key === key && t.status === 'OPEN')
  const decision: Action[] = []
  if (n.status === 'PENDING') {
    decision.push({
      type: 'form',
      label: 'Record the notification',
      form: formOf(notificationNotifiedForm, n),
      style: 'positive',
    })
    decision.push({ type: 'form', label: 'Not notifiable', form: formOf(notificationNotNotifiableForm, n) })
  }
  if (n.tasks.some((t) => t.status === 'OPEN'))
    decision.push({
      type: 'form',
      label: n.isProvisional ? 'Record when the local authority became aware' : 'Correct the awareness date',
      form: formOf(notificationLaAwarenessForm, n),
    })
  const TASK_LABELS = {
    partners: 'Tell the safeguarding partners',
    'secretary-of-state': 'Secretary of State notified',
    ofsted: 'Ofsted notified',
  } as const
  const tasks: Action[] = (['partners', 'secretary-of-state', 'ofsted'] as const)
    .filter((task) => open(task))
    .map((task) => ({
      type: 'open',
      verb: TASK_DONE,
      label: TASK_LABELS[task],
      data: { notificationId: n.id, task },
    }))
  // One row per task: the same verb twice in one Slack block would repeat its action_id.
  return [decision, ...tasks.map((t) => [t])]
    .filter((a) => a.length)
    .map((actions): Block => ({ type: 'actions', actions }))
}

/** The notification card. */
export function notificationCard(c: NotificationCase, notice?: { text: string; tone: Tone }): Card {
  const { notification: n, referral: r } = c
  const blocks: Block[] = []
  if (notice) blocks.push(text(notice.text, notice.tone))
  blocks.push(text(`Status: ${n.statusLabel}`, statusTone(n)))
  blocks.push(
    facts([
      ['Age band', r.ageBand],
      ['Referring agency', r.referrerAgency],
      ['Other agencies', r.agencies.length ? r.agencies.join(', ') : 'None named'],
      ['Criteria', r.details?.criteria.join('; ')],
      ['Where it happened', r.details?.location],
      ['Looked-after child', n.lookedAfterDeath ? 'Yes: the Secretary of State and Ofsted are notified too' : null],
      ['Agency aware', formatDate(n.agencyAwareOn)],
      ['Local authority aware', n.laAwareOn ? formatDate(n.laAwareOn) : 'Not recorded yet'],
      ['Clocks count from', ANCHOR_WORDS[n.anchorIs]],
      ['Notified to the national Panel', n.notifiedOn ? formatDate(n.notifiedOn) : null],
      ['Decided by', n.decidedBy],
    ]),
  )
  blocks.push({ type: 'heading', text: 'Tasks' })
  blocks.push(facts(taskLines(n)))
  if (n.panelRequired && n.status === 'PENDING')
    blocks.push(
      text(
        'The local authority notifies the national Panel within ' +
          `${STATUTORY_TIMESCALES.panelNotification.workingDays} ` +
          `working days of becoming aware, and tells the safeguarding partners within the same ` +
          `${STATUTORY_TIMESCALES.partnersTold.workingDays} (Children Act 2004 s16C; fixed in law).`,
        'warning',
        true,
      ),
    )
  if (n.lookedAfterDeath)
    blocks.push(
      text(
        "The Secretary of State's and Ofsted's timescales are partnership settings, to be confirmed against " +
          'Working Together 2023, chapter 5.',
        'default',
        true,
      ),
    )
  if (r.details) {
    blocks.push(text(`What happened: ${r.details.whatHappened}`))
    blocks.push(
      facts([
        ['Case reference', r.details.caseReference],
        ['Raised by', r.details.referrerName],
      ]),
    )
  }
  if (n.reasons) blocks.push(text(`Not notifiable, because: ${n.reasons}`))
  if (c.canRecord) blocks.push(...leadActions(n))
  return { title: `Serious incident notification ${n.reference}`, blocks }
}

/** The notification lead's list of notifications with a task still open. */
export function notificationsListCard(list: NotificationView[]): Card {
  if (list.length === 0) return { title: 'Serious incident notifications', blocks: [text('Nothing is waiting.')] }
  return {
    title: 'Serious incident notifications',
    blocks: list.flatMap((n): Block[] => {
      const next = n.tasks.find((t) => t.status === 'OPEN')
      return [
        text(
          `${n.reference}: ${n.statusLabel}.` +
            (next ? ` ${next.label} by ${formatDate(next.dueDate)}${n.isProvisional ? ' (provisional)' : ''}.` : ''),
        ),
        {
          type: 'actions',
          actions: [{ type: 'submit', verb: VERBS.notificationOpen, label: 'Open', data: { notificationId: n.id } }],
        },
      ]
    }),
  }
}
