/**
 * The cards of 1:1 notices the outbox sends itself (not a use case): today, telling the Case Review Group's
 * chair that a statutory task has not reached the person it is for. `personNoticeCard` renders any 1:1
 * notice, so the platform notifiers need only this one entry point.
 */
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
        ['Waiting since', new Date(notice.since).toUTCString().replace(/:\d\d GMT$/, ' GMT')],
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
