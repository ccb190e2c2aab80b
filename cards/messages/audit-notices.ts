/** The 1:1 notices of audits (issue 12): a return opened, a return to sign off, the chair's news, moderation. */
import { AUDIT_TYPES, type AuditType } from '../../services/audits/audit.schema.js'
import { formatDate } from '../../services/calendar/dates.js'
import type { Notice } from '../../services/notifications/notification.schema.js'
import type { Action, Card } from '../model.js'
import { text } from '../model.js'
import { VERBS } from '../verbs.js'
import { continueButton } from './audit-cards.js'

type AuditNotice = Extract<
  Notice,
  { template: 'audit.opened' | 'audit.sign-off-request' | 'audit.for-chair' | 'audit.moderation' }
>

const openReturn = (returnId: string, label: string): Action => ({
  type: 'submit',
  verb: VERBS.auditViewReturn,
  label,
  data: { returnId },
  style: 'positive',
})
const openSummary = (auditId: string): Action => ({
  type: 'submit',
  verb: VERBS.auditView,
  label: 'Open the summary',
  data: { auditId },
})
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** The card of an audit notice. */
export function auditNoticeCard(n: AuditNotice): Card {
  switch (n.template) {
    case 'audit.opened': {
      const type = AUDIT_TYPES[n.type as AuditType] ?? 'audit'
      return {
        title: n.caseLabel
          ? `${n.reference}: ${n.caseLabel} to audit`
          : `${n.reference}: your ${type.toLowerCase()} return`,
        blocks: [
          text(
            n.caseLabel
              ? `${n.openedBy} chose ${n.caseLabel} for ${n.title}. Please complete ${n.participant}'s part by ${formatDate(n.deadline)}.`
              : `${n.openedBy} opened ${n.title} for ${n.participant}. Please complete the return by ${formatDate(n.deadline)}.`,
          ),
          ...(n.caseReference
            ? [text(`Your agency's case reference for it is ${n.caseReference}. Never add a name to your answers.`)]
            : []),
          ...(n.carried
            ? [
                text(
                  `${plural(n.carried, 'answer')} ${n.carried === 1 ? 'is' : 'are'} carried from the last cycle: confirm or change each before you submit.`,
                ),
              ]
            : []),
          text(
            'It goes a section at a time and saves as you go, so you can stop and carry on in Teams or Slack.',
            'default',
            true,
          ),
          { type: 'actions', actions: [continueButton(n.returnId, 'Start the return')] },
        ],
      }
    }
    case 'audit.sign-off-request':
      return {
        title: `${n.participant}'s return is ready to sign off`,
        blocks: [
          text(
            `${n.by} submitted ${n.participant}'s return for ${n.title} (${n.reference}). Please read it and sign it off.`,
          ),
          ...(n.isSchool
            ? [text('As headteacher, you record the date of the governors\u2019 annual review when you sign off.')]
            : []),
          { type: 'actions', actions: [openReturn(n.returnId, 'Open the return')] },
        ],
      }
    case 'audit.for-chair': {
      const button = n.returnId
        ? openReturn(n.returnId, n.event === 'signed-off' ? 'Moderate the return' : 'Open the return')
        : openSummary(n.auditId)
      const says: Record<string, [string, string]> = {
        'signed-off': [
          `${n.reference}: ready to moderate`,
          `${n.by ?? 'Someone'} signed off ${n.participant}'s return. It is ready for you to moderate.`,
        ],
        responded: [
          `${n.reference}: the response to your challenge`,
          `${n.by ?? 'The agency'} responded for ${n.participant}. Agree the final ratings when you are ready.`,
        ],
        'no-lead': [
          `${n.reference}: nobody to complete a return`,
          `Nobody registered can complete the return of ${n.participant}. Ask the business manager to register a safeguarding lead.`,
        ],
        'no-signer': [
          `${n.reference}: nobody to sign off`,
          `Nobody is registered to sign off ${n.participant}'s return (its safeguarding partner or a senior manager). Ask the business manager.`,
        ],
        'case-ready': [
          `${n.reference}: ${n.participant} is ready to discuss`,
          `Every agency has submitted its part of ${n.participant}. The audit discussion can agree the grades.`,
        ],
      }
      const [title, message] = says[n.event] ?? [
        `${n.reference}: an audit return changed`,
        `${n.participant}'s return changed.`,
      ]
      return {
        title,
        blocks: [
          text(message),
          {
            type: 'actions',
            actions: [n.event === 'case-ready' || n.event === 'no-lead' ? openSummary(n.auditId) : button],
          },
        ],
      }
    }
    case 'audit.moderation':
      if (n.event === 'challenged')
        return {
          title: `${n.reference}: ${plural(n.changed ?? 1, 'rating')} changed at moderation`,
          blocks: [
            text(
              `${n.by} moderated ${n.participant}'s return and changed ${plural(n.changed ?? 1, 'rating')}. You can respond before the final ratings are agreed.`,
            ),
            { type: 'actions', actions: [openReturn(n.returnId, 'Respond to the challenge')] },
          ],
        }
      if (n.event === 'reopened')
        return {
          title: `${n.reference}: your return is open again`,
          blocks: [
            text(`${n.by} reopened ${n.participant}'s return, so you can change your answers and submit it again.`),
            { type: 'actions', actions: [continueButton(n.returnId)] },
          ],
        }
      return {
        title: `${n.reference}: moderation finished`,
        blocks: [
          text(`${n.by} finished moderating ${n.participant}'s return. The final ratings are agreed.`, 'good'),
          { type: 'actions', actions: [openReturn(n.returnId, 'Open the return')] },
        ],
      }
  }
}
