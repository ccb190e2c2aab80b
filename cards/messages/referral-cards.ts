/**
 * Cards about referrals: the screening card, the confirmation, "my referrals", and the lists. Need to know: the
 * screening card everyone in the channel sees says only what the channel needs (reference, status, agencies, age
 * band, clocks); the case details, criteria, questions, answers and rationale appear only in the view of the
 * people deciding (Teams: their own refresh; Slack: their 1:1 copy), and only when the view carries them.
 */
import { formatDate } from '../../services/calendar/dates.js'
import type { OverdueClock, ReferralSummary, ReferralView } from '../../services/referrals/index.js'
import { DECISIONS } from '../../services/referrals/referral.schema.js'
import { STATUTORY_TIMESCALES } from '../../services/reviews/statutory-timescales.schema.js'
import { referralAskForm } from '../forms/referral-ask.js'
import { referralNoReviewForm } from '../forms/referral-no-review.js'
import { formOf } from '../interaction.js'
import type { Action, Block, Card, Tone } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'

const when = (iso: string) => formatDate(iso.slice(0, 10))
export const statusTone = (status: string): Tone =>
  status === 'AWAITING_SCREENING' || status === 'INFO_REQUESTED'
    ? 'accent'
    : status === 'NO_REVIEW'
      ? 'default'
      : 'good'

/** Teams user ids for the refresh list: the id we saw last, and the AAD-based MRI. */
export function refreshUserIds(view: ReferralView): string[] {
  const ids = view.deciders.flatMap((d) => [d.teamsUserId, d.teamsAadObjectId ? `8:orgid:${d.teamsAadObjectId}` : null])
  return [...new Set(ids.filter((x): x is string => Boolean(x)))]
}

const { panelNotification, partnersTold, rapidReview } = STATUTORY_TIMESCALES

/** A date, marked provisional while it counts from the agency's awareness, and overdue once it has passed. */
const clock = (date: string | null, provisional: boolean, overdue = false) =>
  date ? `${formatDate(date)}${provisional ? ' (provisional)' : ''}${overdue ? ': overdue' : ''}` : null

/** The clocks: the notification's tasks and, for a notified serious incident, the rapid review's. */
function clockBlocks(view: ReferralView): Block[] {
  const { clocks, notification: n } = view
  const p = clocks.isProvisional
  const late = (k: OverdueClock) => clocks.overdue.includes(k)
  const blocks: Block[] = []
  const done = (key: string) => n?.tasks.find((t) => t.key === key && t.status === 'DONE')?.doneOn ?? null
  blocks.push(
    facts([
      ['Serious incident notification', n ? n.statusLabel : null],
      ['Notify the national Panel by', clock(clocks.notifyPanelBy, p, late('notifyPanelBy'))],
      ['Notified to the national Panel', n?.notifiedOn ? formatDate(n.notifiedOn) : null],
      ['Tell the safeguarding partners by', clock(clocks.partnersToldBy, p, late('partnersToldBy'))],
      ['Safeguarding partners told', done('partners') ? formatDate(done('partners')!) : null],
      ['Notify the Secretary of State by', clock(clocks.secretaryOfStateBy, p, late('secretaryOfStateBy'))],
      ['Notify Ofsted by', clock(clocks.ofstedBy, p, late('ofstedBy'))],
      ['Rapid review meeting by', clock(clocks.rapidReviewMeetingBy, p, late('rapidReviewMeetingBy'))],
      ['Rapid review to the Panel by', clock(clocks.rapidReviewDue, p, late('rapidReviewDue'))],
    ]),
  )
  if (n?.panelRequired && n.status === 'PENDING')
    blocks.push(
      text(
        'Serious incident: the local authority must notify the national Panel within ' +
          `${panelNotification.workingDays} ` +
          `working days of becoming aware, and tell the safeguarding partners within the same ` +
          `${partnersTold.workingDays}. A rapid review is then mandatory, with the Panel within ` +
          `${rapidReview.workingDays} working days.`,
        'warning',
        true,
      ),
    )
  if (p)
    blocks.push(
      text(
        "Provisional: counted from the referring agency's awareness until the local authority's notification lead " +
          'records when the local authority became aware.',
        'default',
        true,
      ),
    )
  if (n || clocks.rapidReviewDue)
    blocks.push(text('Clocks are in working days (England and Wales bank holidays excluded).', 'default', true))
  return blocks
}

const START_RAPID_REVIEW = VERBS.referralStartRapidReview
const OTHER_REVIEW = VERBS.referralOtherReview

/** The chair's buttons: what this case allows. */
function decisionActions(view: ReferralView): Action[] {
  const actions: Action[] = []
  if (view.decisions.includes('start-rapid-review'))
    actions.push({
      type: 'submit',
      verb: START_RAPID_REVIEW,
      label: DECISIONS['start-rapid-review'].label,
      data: { referralId: view.id },
      style: 'positive',
    })
  actions.push({ type: 'form', label: 'Ask the referrer for more information', form: formOf(referralAskForm, view) })
  // Opened on demand: its rationale field would otherwise sit twice in one card beside the no-review form's.
  if (view.decisions.includes('learning-review'))
    actions.push({
      type: 'open',
      verb: OTHER_REVIEW,
      label: 'Start another kind of review',
      data: { referralId: view.id },
    })
  if (view.decisions.includes('no-review'))
    actions.push({
      type: 'form',
      label: view.isSeriousIncident ? 'No review' : 'No review: criteria not met',
      form: formOf(referralNoReviewForm, view),
      style: 'destructive',
    })
  return actions
}

/**
 * The screening card. Everyone sees the reference, status, agencies, age band and clocks; a decider (the Case
 * Review Group's chair) also sees the case details, the questions and answers, and the buttons this case allows.
 */
export function screeningCard(
  view: ReferralView,
  viewer: { canDecide: boolean },
  notice?: { text: string; tone: Tone },
): Card {
  // Case detail only in a decider's own view, and only when the view carries it.
  const detail = viewer.canDecide ? view.details : null
  const blocks: Block[] = []
  if (notice) blocks.push(text(notice.text, notice.tone))
  blocks.push(text(`Status: ${view.statusLabel}`, statusTone(view.status)))
  blocks.push(
    facts([
      ['Age band', view.ageBand],
      ['Referring agency', view.referrerAgency],
      ['Other agencies', view.agencies.length ? view.agencies.join(', ') : 'None named'],
    ]),
  )
  blocks.push(...clockBlocks(view))
  if (view.questionCount.asked > 0)
    blocks.push(
      text(
        `Questions to the referrer: ${view.questionCount.asked} asked, ${view.questionCount.answered} answered.`,
        'default',
        true,
      ),
    )
  if (view.decision) {
    blocks.push({ type: 'divider' })
    blocks.push(
      text(
        `Decided by ${view.decision.by} on ${when(view.decision.at)}: ${view.statusLabel}.`,
        statusTone(view.status),
      ),
    )
  }
  if (detail) {
    blocks.push({ type: 'divider' })
    blocks.push({ type: 'heading', text: 'For the chair' })
    blocks.push(
      facts([
        ['Case reference', detail.caseReference],
        ['Raised by', detail.referrerName],
        ['Criteria', detail.criteria.join('; ')],
        ['Where it happened', detail.location],
        ['Looked-after child', detail.lookedAfter ? 'Yes' : null],
      ]),
    )
    blocks.push(text(`What happened: ${detail.whatHappened}`))
    blocks.push(text(`Why a review could help: ${detail.whyReview}`))
    if (view.notification?.reasons) blocks.push(text(`Not notifiable, because: ${view.notification.reasons}`))
    // The latest questions only, so the card stays well inside Teams' 40 KB.
    const MAX_QUESTIONS = 4
    if (view.questions.length > MAX_QUESTIONS)
      blocks.push(
        text(
          `${view.questions.length - MAX_QUESTIONS} earlier questions and answers are kept with the referral.`,
          'default',
          true,
        ),
      )
    for (const q of view.questions.slice(-MAX_QUESTIONS)) {
      blocks.push(text(`Question from ${q.askedBy} (${when(q.askedAt)}): ${q.question}`))
      blocks.push(
        q.answer
          ? text(`Answer (${when(q.answeredAt!)}): ${q.answer}`, 'good')
          : text('Waiting for the referrer\u2019s answer.', 'default', true),
      )
    }
    if (view.decision?.rationale) blocks.push(text(`Rationale: ${view.decision.rationale}`))
  }
  if (viewer.canDecide && view.isOpen) {
    if (view.isRapidReviewCase)
      blocks.push(
        text(
          'A serious incident notified (or being notified) to the national Panel needs a rapid review: no other ' +
            'decision is possible unless the local authority finds it not notifiable.',
          'default',
          true,
        ),
      )
    blocks.push({ type: 'actions', actions: decisionActions(view) })
  } else if (view.isOpen) {
    blocks.push(text('Waiting for the chair of the Case Review Group to decide.', 'default', true))
  }
  return {
    title: `Review referral ${view.reference}`,
    blocks,
    refresh: { verb: VERBS.referralRefresh, data: { referralId: view.id }, userIds: refreshUserIds(view) },
  }
}

export function referralConfirmationCard(reference: string, isNew: boolean, notified = false): Card {
  return {
    title: `Referral ${reference} received`,
    blocks: [
      text(
        isNew
          ? `Thank you. Your referral is ${reference}.`
          : `This form was already submitted: your referral is ${reference}. Nothing was sent twice.`,
        'good',
      ),
      ...(notified
        ? [
            text(
              "It meets the serious incident criteria, so the local authority's notification lead has been asked to " +
                `notify the national Panel within ${panelNotification.workingDays} working days.`,
              'warning',
            ),
          ]
        : []),
      text(
        'What happens next: the Case Review Group will screen it against the criteria for a review. Its chair ' +
          'may ask you for more information here, and you will be told the decision 1:1.',
      ),
      text('Type "my referrals" at any time to see where your referrals are.', 'default', true),
    ],
  }
}

export function myReferralsCard(items: ReferralSummary[]): Card {
  if (items.length === 0)
    return {
      title: 'Your referrals',
      blocks: [text('You have not raised any referrals yet. Type "referral" to raise one.')],
    }
  return {
    title: 'Your referrals',
    blocks: [
      facts(items.map((r) => [r.reference, `${r.statusLabel} (raised ${when(r.submittedAt)})`])),
      text('Only your own referrals are shown.', 'default', true),
    ],
  }
}

export function awaitingDecisionCard(items: ReferralSummary[]): Card {
  return {
    title: 'Waiting for your decision',
    blocks: items.length
      ? [facts(items.map((r) => [r.reference, `${r.statusLabel} (raised ${when(r.submittedAt)})`]))]
      : [text('Nothing is waiting for your decision.')],
  }
}
