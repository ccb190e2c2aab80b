/**
 * The cards of 1:1 notices the outbox sends itself (not a use case): today, telling the Case Review Group's
 * chair that a statutory task has not reached the person it is for. `personNoticeCard` renders any 1:1
 * notice, so the platform notifiers need only this one entry point.
 */
import { formatDate } from '../../services/calendar/dates.js'
import type { UndeliverableItem } from '../../services/notifications/index.js'
import type { PersonNotice, UndeliverableNotice } from '../../services/notifications/notification.schema.js'
import type { Card } from '../model.js'
import { facts, text } from '../model.js'
import { noticeCard } from './notices.js'

const TASKS: Record<UndeliverableNotice['task'], string> = {
  'incident.notification-task': 'decide whether to notify the national Panel of a serious incident',
  'review.panel-notification': 'notify the national Panel',
  'review.information-request': "send the agency's chronology and immediate learning",
}

/** The chair's notice: which task, for whom, since when, and what to do about it. */
function undeliverableCard(notice: UndeliverableNotice): Card {
  const why =
    notice.reason === 'failed'
      ? 'Teams or Slack refused the message.'
      : 'Learning Loop cannot reach them yet: the app is not installed for them and they have not messaged it.'
  return {
    title: `${notice.reference}: a statutory task has not reached ${notice.personName}`,
    blocks: [
      text(
        `For ${notice.hours} hours Learning Loop has not been able to ask ${notice.personName} to ${TASKS[notice.task]}.`,
        'warning',
      ),
      facts([
        ['Why', why],
        ['Waiting since', formatDate(new Date(notice.since).toISOString().slice(0, 10))],
      ]),
      text(
        'Please contact them another way. The message is delivered as soon as they open a chat with Learning Loop ' +
          '(or the app is installed for them); the business manager can see everything still waiting.',
        'default',
        true,
      ),
    ],
  }
}

/** Any 1:1 notice as a card. */
export function personNoticeCard(notice: PersonNotice): Card {
  return notice.template === 'delivery.undeliverable' ? undeliverableCard(notice) : noticeCard(notice)
}

/** What a notice template is about, in a few words, for the business manager's list. */
const ABOUT: Record<string, string> = {
  'referral.screening': 'screening card for the Case Review Group channel',
  'referral.outcome': 'decision on a referral',
  'referral.question': "the chair's question to a referrer",
  'review.information-request': 'request for agency information',
  'incident.notification-task': 'serious incident notification task',
  'review.panel-notification': 'Panel notification task',
  'nudge.digest': 'reminders',
}

/** The business manager's list of messages Learning Loop could not deliver yet (`undelivered`). */
export function undeliveredCard(items: UndeliverableItem[]): Card {
  if (!items.length)
    return { title: 'Undelivered messages', blocks: [text('Every message has been delivered.', 'good')] }
  const line = (i: UndeliverableItem) => {
    const what = ABOUT[i.template] ?? 'notice'
    const to = i.personName ? ` for ${i.personName}` : ''
    const state = i.status === 'FAILED' ? 'refused by Teams or Slack' : 'waiting until they can be reached'
    return `${i.reference ? `${i.reference}: ` : ''}${what}${to}, ${state} (since ${formatDate(i.queuedAt.toISOString().slice(0, 10))})`
  }
  return {
    title: `Undelivered messages (${items.length})`,
    blocks: [
      ...items.slice(0, 40).map((i) => text(line(i), i.chairTold ? 'attention' : 'default')),
      ...(items.length > 40 ? [text(`And ${items.length - 40} more.`, 'default', true)] : []),
      text(
        'A message waits until its person opens a chat with Learning Loop or the app is installed for them; in Teams ' +
          'the app must be installed for everyone it should reach (README, Install in Teams).',
        'default',
        true,
      ),
    ],
  }
}
