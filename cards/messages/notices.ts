/** 1:1 notices, one card per notice template. */
import { formatDate } from '../../services/calendar/dates.js'
import type { Notice } from '../../services/notifications/notification.schema.js'
import { recurrenceSentence } from '../../services/insight/insight.schema.js'
import { AGE_BANDS, CRITERIA, REFERRAL_STATUSES } from '../../services/referrals/referral.schema.js'
import { CHALLENGEABLE_DECISIONS, LOCAL_REVIEW_TESTS, RECOMMENDATIONS } from '../../services/reviews/review.schema.js'
import { actionSendBackForm } from '../forms/action-send-back.js'
import { referralAnswerForm } from '../forms/referral-answer.js'
import { reviewAddPerspectiveForm } from '../forms/review-add-perspective.js'
import { reviewAnswerInformationForm } from '../forms/review-answer-information.js'
import { reviewSendBackForm } from '../forms/review-send-back.js'
import { formOf } from '../interaction.js'
import type { Action, Block, Card } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'
import { statusTone } from './referral-cards.js'
import { evidenceBlocks } from './evidence.js'
import { learningNoticeCard } from './learning-cards.js'
import { trainingNoticeCard } from './training-cards.js'
import { continueButton } from './audit-cards.js'
import { auditNoticeCard } from './audit-notices.js'

type Digest = Extract<Notice, { template: 'nudge.digest' }>
const REASONS: Record<Digest['items'][number]['reason'], string> = {
  'due-soon': 'Due soon',
  'due-today': 'Due today',
  overdue: 'Overdue',
  escalation: 'Late: for your attention as chair',
  'impact-due': 'Was the measure of success met?',
  'not-read': 'Not read yet: a learning product sent to you',
}
const DIGEST_MAX_ITEMS = 15

export function digestCard(notice: Digest): Card {
  const blocks: Block[] = [
    text('Here is what needs you today. Act from the buttons, or type "my actions" for the full list.'),
  ]
  let shown = 0
  for (const reason of ['overdue', 'escalation', 'due-today', 'due-soon', 'impact-due', 'not-read'] as const) {
    const items = notice.items.filter((i) => i.reason === reason)
    if (!items.length) continue
    blocks.push({ type: 'heading', text: `${REASONS[reason]} (${items.length})` })
    for (const i of items) {
      if (shown++ >= DIGEST_MAX_ITEMS) continue
      const late = i.daysLate > 0 ? `, ${i.daysLate} working day${i.daysLate === 1 ? '' : 's'} late` : ''
      const whose = i.responsible ? ` (with ${i.responsible})` : ''
      blocks.push(
        text(
          reason === 'not-read'
            ? `${i.reference}: ${i.label}. Sent to you on ${formatDate(i.dueDate)}.`
            : `${i.reference}: ${i.label}. Due ${formatDate(i.dueDate)}${late}${whose}.`,
          reason === 'overdue' || reason === 'escalation' ? 'attention' : 'default',
        ),
      )
      if (reason === 'escalation') continue
      if (i.productId && reason === 'not-read') {
        blocks.push({ type: 'actions', actions: readingButtons(i.productId) })
        continue
      }
      // Buttons open their form on demand: one card never holds two copies of the same inputs.
      if (i.actionId && reason === 'impact-due')
        blocks.push({
          type: 'actions',
          actions: [{ type: 'open', verb: VERBS.actionImpact, label: 'Record impact', data: { actionId: i.actionId } }],
        })
      else if (i.actionId) blocks.push({ type: 'actions', actions: actionButtons(i.actionId) })
      else if (i.returnId) blocks.push({ type: 'actions', actions: [continueButton(i.returnId)] })
      else if (i.milestoneId)
        blocks.push({
          type: 'actions',
          actions: [
            {
              type: 'submit',
              verb: VERBS.milestoneSnooze,
              label: 'Snooze 2 working days',
              data: { milestoneId: i.milestoneId },
            },
          ],
        })
    }
  }
  const total = notice.items.length + (notice.more ?? 0)
  if (total > DIGEST_MAX_ITEMS)
    blocks.push(
      text(
        `And ${total - Math.min(shown, DIGEST_MAX_ITEMS)} more: type "my actions" or "review status".`,
        'default',
        true,
      ),
    )
  return { title: `Reminders: ${total} item${total === 1 ? '' : 's'}`, blocks }
}

/** A learning product not read yet: open it, or say it was read. */
function readingButtons(productId: string): Action[] {
  return [
    { type: 'submit', verb: VERBS.learningOpen, label: 'Open it', data: { productId } },
    { type: 'submit', verb: VERBS.learningRead, label: "I've read it", data: { productId } },
  ]
}

/** Update, mark complete, ask for more time: each opens its form. */
export function actionButtons(actionId: string): Action[] {
  return [
    { type: 'open', verb: VERBS.actionProgress, label: 'Update', data: { actionId } },
    { type: 'open', verb: VERBS.actionComplete, label: 'Mark complete', data: { actionId }, style: 'positive' },
    { type: 'open', verb: VERBS.actionProposeDate, label: 'Ask for more time', data: { actionId } },
  ]
}

export function noticeCard(notice: Notice): Card {
  switch (notice.template) {
    case 'learning.approval-request':
    case 'learning.approved':
    case 'learning.not-reachable':
      return learningNoticeCard(notice)
    case 'referral.outcome': {
      const label = REFERRAL_STATUSES[notice.status as keyof typeof REFERRAL_STATUSES] ?? notice.status
      return {
        title: `Decision on referral ${notice.reference}`,
        blocks: [
          text(`${notice.decidedBy} decided: ${label}.`, statusTone(notice.status)),
          ...(notice.rationale ? [text(`Rationale: ${notice.rationale}`)] : []),
          text(
            notice.status === 'RAPID_REVIEW'
              ? 'A rapid review will now gather what each agency knows. Your safeguarding lead may be asked for a chronology.'
              : notice.status === 'NO_REVIEW'
                ? 'Thank you for raising it. Talk to your safeguarding lead if you have concerns about this decision.'
                : 'Thank you for raising it. The review will share its learning when it is done.',
            'default',
            true,
          ),
        ],
      }
    }
    case 'referral.question':
      return {
        title: `Question about referral ${notice.reference}`,
        blocks: [
          text(`${notice.askedBy} (Case Review Group chair) asks:`),
          text(notice.question),
          {
            type: 'actions',
            actions: [
              {
                type: 'form',
                label: 'Answer',
                form: formOf(referralAnswerForm, {
                  id: notice.questionId,
                  reference: notice.reference,
                  question: notice.question,
                }),
              },
            ],
          },
        ],
      }
    case 'referral.answered':
      return {
        title: `Referral ${notice.reference}: the referrer answered`,
        blocks: [
          text(`${notice.by} answered your question.`),
          facts([
            ['Your question', notice.question],
            ['Answer', notice.answer],
          ]),
          actionRow({
            type: 'submit',
            verb: VERBS.referralRefresh,
            label: 'Open the referral',
            data: { referralId: notice.referralId },
            style: 'positive',
          }),
        ],
      }
    case 'review.information-request':
      return {
        title: `Rapid review ${notice.reference}: information needed`,
        blocks: [
          text(
            `The Case Review Group has started a rapid review. Please send ${notice.agency}'s chronology summary and immediate learning by ${formatDate(notice.dueDate)}.`,
          ),
          ...caseFacts(notice),
          ...(notice.isStandIn
            ? [
                text(
                  `This came to you because ${notice.agency} has no safeguarding lead registered in Learning Loop. ` +
                    'Answer for them, or pass it on to someone there.',
                  'attention',
                ),
              ]
            : []),
          {
            type: 'actions',
            actions: [
              ...(notice.isStandIn
                ? [
                    {
                      type: 'open' as const,
                      verb: VERBS.reviewPassOn,
                      label: 'Pass on',
                      data: { milestoneId: notice.milestoneId },
                    },
                  ]
                : []),
              {
                type: 'form',
                label: 'Answer',
                form: formOf(reviewAnswerInformationForm, {
                  milestoneId: notice.milestoneId,
                  reference: notice.reference,
                  agencyLabel: notice.agency,
                  due: notice.dueDate,
                }),
                style: 'positive',
              },
            ],
          },
        ],
      }
    case 'review.panel-notification':
      // Queued before the notification moved to the local authority's notification lead: words only.
      return {
        title: `Rapid review ${notice.reference}: notify the national Panel`,
        blocks: [
          text(
            `This is a serious incident. The local authority must notify the national Panel by ${formatDate(notice.dueDate)}. ` +
              "The local authority's notification lead now records it.",
            'warning',
          ),
        ],
      }
    case 'incident.notification-task':
      return {
        title: `Serious incident ${notice.reference}: notification due`,
        blocks: [
          text(
            notice.panelRequired
              ? `A referral meets the serious incident criteria. The local authority must notify the national Panel by ${formatDate(notice.dueDate)}${notice.isProvisional ? ' (provisional: counted from the referring agency\u2019s awareness until you record when the local authority became aware)' : ''}.`
              : `A looked-after child has died. The Secretary of State and Ofsted are to be notified by ${formatDate(notice.dueDate)}${notice.isProvisional ? ' (provisional)' : ''}.`,
            'warning',
          ),
          text(
            'Open the notification to see the case, record the dates, or record that it is not notifiable.',
            'default',
            true,
          ),
          {
            type: 'actions',
            actions: [
              {
                type: 'submit',
                verb: VERBS.notificationOpen,
                label: 'Open the notification',
                data: { notificationId: notice.notificationId },
                style: 'positive',
              },
            ],
          },
        ],
      }
    case 'incident.partners-told':
      return {
        title: `Serious incident ${notice.reference}: the local authority tells the safeguarding partners`,
        blocks: [
          text(
            `${notice.by}, for the local authority, tells you of a serious incident, ${notice.reference}.` +
              (notice.panelDueDate
                ? ` The national Panel is to be notified by ${formatDate(notice.panelDueDate)}${notice.isProvisional ? ' (provisional)' : ''}.`
                : ''),
            'warning',
          ),
          {
            type: 'actions',
            actions: [
              {
                type: 'submit',
                verb: VERBS.notificationOpen,
                label: 'See the notification',
                data: { notificationId: notice.notificationId },
              },
            ],
          },
        ],
      }
    case 'incident.decision':
      return {
        title: `Serious incident ${notice.reference}: ${notice.decision === 'notified' ? 'notified to the national Panel' : 'not notifiable'}`,
        blocks: [
          text(
            notice.decision === 'notified'
              ? `${notice.by} recorded that the local authority notified the national Panel${notice.notifiedOn ? ` on ${formatDate(notice.notifiedOn)}` : ''}. A rapid review follows.`
              : `${notice.by} recorded that the local authority does not find ${notice.reference} notifiable to the national Panel.`,
            notice.decision === 'notified' ? 'good' : 'attention',
          ),
          ...(notice.reasons ? [text(`Reasons: ${notice.reasons}`)] : []),
          {
            type: 'actions',
            actions: [
              {
                type: 'submit',
                verb: VERBS.notificationOpen,
                label: 'See the notification',
                data: { notificationId: notice.notificationId },
              },
            ],
          },
        ],
      }
    case 'review.approval-request':
      return signOffRequestCard(notice)
    case 'review.approved': {
      const isAgreed = notice.decision === 'agree' || notice.decision === 'approve'
      return {
        title: `Rapid review ${notice.reference}: ${isAgreed ? 'recommendation agreed' : 'sent back'}`,
        blocks: [
          text(
            notice.decision === 'agree'
              ? `The safeguarding partners agreed the recommendation (${notice.by}).`
              : notice.decision === 'approve'
                ? `${notice.by} approved the recommendation.`
                : `${notice.by} sent the recommendation back.`,
            isAgreed ? 'good' : 'attention',
          ),
          ...(notice.note ? [text(`Reason: ${notice.note}`)] : []),
          ...(notice.localReviewId
            ? [
                text('The local review it recommends is commissioned.', 'default', true),
                actionRow({
                  type: 'submit',
                  verb: VERBS.reviewOpen,
                  label: 'Open the review',
                  data: { reviewId: notice.localReviewId },
                  style: 'positive',
                }),
              ]
            : []),
          ...(!isAgreed
            ? [
                actionRow({
                  type: 'open',
                  verb: VERBS.reviewRecordOutcome,
                  label: 'Record the outcome again',
                  data: { reviewId: notice.reviewId },
                  style: 'positive',
                }),
              ]
            : []),
        ],
      }
    }
    case 'review.commissioned':
      return {
        title: `Referral ${notice.reference}: a local review is commissioned`,
        blocks: [
          text(
            `The safeguarding partners agreed the rapid review's recommendation: ` +
              `${(RECOMMENDATIONS[notice.recommendation as keyof typeof RECOMMENDATIONS] ?? 'a local review').toLowerCase()}.`,
            'good',
          ),
          text(
            'Thank you for raising it. The review will share its learning when it is done; ' +
              'type "my referrals" to follow it.',
            'default',
            true,
          ),
        ],
      }
    case 'review.decision':
      return decisionCard(notice)
    case 'review.challenge':
      return {
        title: `${notice.reference}: a challenge from independent scrutiny`,
        blocks: [
          text(
            `${notice.by} challenges this decision: ${DECISION_WORDS[notice.decision] ?? notice.decision}.`,
            'attention',
          ),
          text(notice.text),
          text('The challenge is recorded against the decision. It does not change it.', 'default', true),
        ],
      }
    case 'review.published':
      return {
        title: `${notice.typeName} ${notice.reference} is published`,
        blocks: [
          text(
            notice.form === 'summary'
              ? 'A summary of the review is published. Please read it, and share its learning with your team.'
              : 'The review is published. Please read it, and share its learning with your team.',
          ),
          {
            type: 'actions',
            actions: [
              {
                type: 'link',
                label: notice.form === 'summary' ? 'Read the summary' : 'Read the report',
                url: notice.url,
              },
            ],
          },
        ],
      }
    case 'review.perspective-invitation':
      return {
        title: `Review ${notice.reference}: your perspective`,
        blocks: [
          text(
            `${notice.invitedBy} invites you to the learning event for review ${notice.reference}, and to add your perspective. Reviews are about learning, not blame.`,
          ),
          {
            type: 'actions',
            actions: [
              {
                type: 'form',
                label: 'Add my perspective',
                form: formOf(reviewAddPerspectiveForm, { id: notice.reviewId, reference: notice.reference }),
                style: 'positive',
              },
            ],
          },
        ],
      }
    case 'nudge.digest':
      return digestCard(notice)
    case 'recurrence.flagged':
      return {
        title: `A lesson came back: ${notice.theme}`,
        blocks: [
          text(recurrenceSentence(notice), 'warning'),
          text(
            'Please record what the partnership will do: a new action, an audit to test it, or why it is not the same issue.',
          ),
          {
            type: 'actions',
            actions: [
              { type: 'open', verb: VERBS.recurrenceRespond, label: 'Respond', data: { flagId: notice.flagId } },
            ],
          },
        ],
      }
    case 'audit.opened':
    case 'audit.sign-off-request':
    case 'audit.for-chair':
    case 'audit.moderation':
      return auditNoticeCard(notice)
    case 'action.assigned':
      return {
        title: `New action for you: ${notice.reference}`,
        blocks: [
          text(`${notice.by} has asked you to own this action${notice.agency ? ` for ${notice.agency}` : ''}.`),
          facts([
            ['What', notice.what],
            ...(notice.agency ? [['Agency', notice.agency] as [string, string]] : []),
            ...(notice.reviewReference ? [['From review', notice.reviewReference] as [string, string]] : []),
            ['Due', formatDate(notice.dueDate)],
            ['What we would see if it worked', notice.measure],
            ...(notice.verifiedBy ? [['Verified by', notice.verifiedBy] as [string, string]] : []),
          ]),
          {
            type: 'actions',
            actions: [
              {
                type: 'submit',
                verb: VERBS.actionAccept,
                label: 'Accept',
                data: { actionId: notice.actionId },
                style: 'positive',
              },
              {
                type: 'open',
                verb: VERBS.actionProposeDate,
                label: 'Ask for more time',
                data: { actionId: notice.actionId },
              },
              {
                type: 'open',
                verb: VERBS.actionHandBack,
                label: 'It belongs to someone else',
                data: { actionId: notice.actionId },
              },
            ],
          },
        ],
      }
    case 'action.date-change':
      return {
        title: `${notice.reference}: new date requested`,
        blocks: [
          text(
            `${notice.by} asks to move "${notice.what}" from ${formatDate(notice.currentDue)} to ${formatDate(notice.proposedDue)}.`,
          ),
          text(`Reason: ${notice.reason}`),
          {
            type: 'actions',
            actions: [
              {
                type: 'submit',
                verb: VERBS.actionApproveDate,
                label: 'Agree the new date',
                data: { actionId: notice.actionId },
                style: 'positive',
              },
              {
                type: 'submit',
                verb: VERBS.actionRejectDate,
                label: 'Keep the original date',
                data: { actionId: notice.actionId },
              },
            ],
          },
        ],
      }
    case 'action.handed-back':
      return {
        title: `${notice.reference}: handed back`,
        blocks: [
          text(`${notice.by} says "${notice.what}" belongs to someone else: ${notice.reason}`, 'attention'),
          {
            type: 'actions',
            actions: [
              { type: 'open', verb: VERBS.actionReassign, label: 'Reassign', data: { actionId: notice.actionId } },
            ],
          },
        ],
      }
    case 'action.verify-request':
      return {
        title: `${notice.reference}: please verify`,
        blocks: [
          text(`${notice.by} marked "${notice.what}" complete.`),
          facts([
            ['Measure of success', notice.measure],
            ['What was done', notice.evidence],
          ]),
          ...evidenceBlocks(notice.links),
          {
            type: 'actions',
            actions: [
              {
                type: 'submit',
                verb: VERBS.actionVerify,
                label: 'Accept as done',
                data: { actionId: notice.actionId },
                style: 'positive',
              },
              // Inline, so "Accept as done" stays on the card while the reason is written.
              {
                type: 'form',
                label: 'Send back',
                form: formOf(actionSendBackForm, {
                  id: notice.actionId,
                  reference: notice.reference,
                  what: notice.what,
                }),
              },
            ],
          },
        ],
      }
    case 'action.update':
      return {
        title: `${notice.reference}`,
        blocks: [
          text(notice.message),
          text(`Due ${formatDate(notice.dueDate)}.`, 'default', true),
          ...(notice.isOwnersAgain ? [{ type: 'actions' as const, actions: actionButtons(notice.actionId) }] : []),
        ],
      }
    case 'action.impact-check':
      return {
        title: `${notice.reference}: did it work?`,
        blocks: [
          text(`"${notice.what}" was verified some months ago. Was the measure of success met?`),
          text(`Measure: ${notice.measure}`),
          {
            type: 'actions',
            actions: [
              { type: 'open', verb: VERBS.actionImpact, label: 'Record impact', data: { actionId: notice.actionId } },
            ],
          },
        ],
      }
    case 'training.session':
    case 'training.survey':
      return trainingNoticeCard(notice)
  }
}

type InformationRequestNotice = Extract<Notice, { template: 'review.information-request' }>

/** Which case a request is about: never a name, only what the agency needs to find its own records. */
function caseFacts(notice: InformationRequestNotice): Block[] {
  const ageBand = notice.ageBand ? (AGE_BANDS[notice.ageBand as keyof typeof AGE_BANDS] ?? notice.ageBand) : null
  const criteria = (notice.criteria ?? []).map((c) => CRITERIA[c as keyof typeof CRITERIA] ?? c)
  const rows: [string, string | null][] = [
    ['Your case reference', notice.caseReference ?? null],
    ['Age band', ageBand],
    ['Incident date', notice.incidentDate ? formatDate(notice.incidentDate) : null],
    ['Criteria', criteria.length ? criteria.join('; ') : null],
  ]
  return rows.some(([, v]) => v) ? [facts(rows)] : []
}

/** One row of buttons. */
const actionRow = (...actions: Action[]): Block => ({ type: 'actions', actions })

type SignOffRequest = Extract<Notice, { template: 'review.approval-request' }>
type Decision = Extract<Notice, { template: 'review.decision' }>

/** What each decision is, in words (CHALLENGEABLE_DECISIONS). */
const DECISION_WORDS: Record<string, string> = CHALLENGEABLE_DECISIONS

/**
 * A safeguarding partner's card to sign off a rapid review's recommendation (1:1: it carries the case's
 * learning and the rationale). It shows which local review criteria were ticked and warns when a local review
 * is recommended with none ticked (reg. 11 asks the partners to take them into account).
 */
function signOffRequestCard(notice: SignOffRequest): Card {
  const isPartners = notice.round !== undefined
  const tests = notice.tests ?? []
  const ticked = Object.entries(LOCAL_REVIEW_TESTS).map(
    ([key, label]) => `${tests.includes(key) ? '\u2611' : '\u2610'} ${label}`,
  )
  const data = { reviewId: notice.reviewId, ...(isPartners ? { round: String(notice.round) } : {}) }
  return {
    title: `Rapid review ${notice.reference}: ${isPartners ? 'your sign-off as a safeguarding partner' : 'approval needed'}`,
    blocks: [
      ...(isPartners
        ? [
            text(
              'The three safeguarding partners decide together. Agree, or send it back to the Case Review Group with a reason.',
            ),
          ]
        : []),
      facts([
        ['Recommendation', notice.recommendation],
        ['Recorded by', notice.recordedBy],
      ]),
      ...(notice.tests !== undefined
        ? [
            { type: 'heading' as const, text: 'Criteria for a local review (reg. 11)' },
            ...ticked.map((line) => text(line)),
          ]
        : []),
      ...(notice.recommendationKey === 'lcspr' && tests.length === 0
        ? [
            text(
              'Warning: a local child safeguarding practice review is recommended, but none of the criteria is ticked.',
              'warning',
            ),
          ]
        : []),
      ...(notice.immediateLearning ? [text(`Immediate learning and actions: ${notice.immediateLearning}`)] : []),
      text(`Rationale: ${notice.rationale}`),
      {
        type: 'actions',
        actions: [
          {
            type: 'submit',
            verb: VERBS.reviewApprove,
            label: isPartners ? 'Agree' : 'Approve',
            data: { ...data, decision: 'agree' },
            style: 'positive',
          },
          {
            type: 'form',
            label: 'Send back',
            form: formOf(reviewSendBackForm, { id: notice.reviewId, reference: notice.reference, round: notice.round }),
          },
        ],
      },
    ],
  }
}

/** A decision, for the partners, the business manager and independent scrutiny: no case detail, no reasons. */
function decisionCard(notice: Decision): Card {
  const what = DECISION_WORDS[notice.decision] ?? notice.decision
  return {
    title: `${notice.reference}: decision`,
    blocks: [
      text(`${what}.`, notice.decision === 'recommendation-agreed' ? 'good' : 'attention'),
      facts([
        ['Recommendation', notice.recommendation],
        ['By', notice.by],
      ]),
      ...(notice.canChallenge
        ? [
            text(
              'As independent scrutiny you can record a challenge against this decision. You cannot change it.',
              'default',
              true,
            ),
            {
              type: 'actions' as const,
              actions: [
                {
                  type: 'open' as const,
                  verb: VERBS.reviewChallenge,
                  label: 'Challenge this decision',
                  data: { reviewId: notice.reviewId, decision: notice.decision, round: String(notice.round) },
                },
              ],
            },
          ]
        : []),
    ],
  }
}
