/** Cards about referrals: the screening card, the confirmation, "my referrals", and the 1:1 notices. */
import { formatDate } from '../../services/calendar/dates.js'
import type { ReferralSummary, ReferralView } from '../../services/referrals/index.js'
import { referralAskForm } from '../forms/referral-ask.js'
import { referralNoReviewForm } from '../forms/referral-no-review.js'
import { formOf } from '../interaction.js'
import type { Block, Card, Tone } from '../model.js'
import { facts, text } from '../model.js'
import { VERBS } from '../verbs.js'

const when = (iso: string) => formatDate(iso.slice(0, 10))
export const statusTone = (status: string): Tone => (status === 'RAPID_REVIEW' ? 'good' : status === 'NO_REVIEW' ? 'default' : 'accent')

/** Teams user ids for the refresh list: the id we saw last, and the AAD-based MRI. */
export function refreshUserIds(view: ReferralView): string[] {
  const ids = view.deciders.flatMap((d) => [d.teamsUserId, d.teamsAadObjectId ? `8:orgid:${d.teamsAadObjectId}` : null])
  return [...new Set(ids.filter((x): x is string => Boolean(x)))]
}

/**
 * The screening card. Everyone sees the reference, agencies, criteria, age band and clocks; only a decider
 * (the Case Review Group chair) sees the case details and the decision buttons.
 */
export function screeningCard(view: ReferralView, viewer: { canDecide: boolean }, notice?: { text: string; tone: Tone }): Card {
  const blocks: Block[] = []
  if (notice) blocks.push(text(notice.text, notice.tone))
  blocks.push(text(`Status: ${view.statusLabel}`, statusTone(view.status)))
  blocks.push(
    facts([
      ['Age band', view.ageBand],
      ['Referring agency', view.referrerAgency],
      ['Other agencies', view.agencies.length ? view.agencies.join(', ') : 'None named'],
      ['Criteria', view.criteria.join('; ')],
      ['Incident', formatDate(view.incidentDate)],
      ['Agency aware', formatDate(view.awarenessDate)],
      ['Notify the national Panel by', view.clocks.notifyPanelBy ? formatDate(view.clocks.notifyPanelBy) : null],
      ['Rapid review due', formatDate(view.clocks.rapidReviewDue)],
    ]),
  )
  if (view.isSeriousIncident) blocks.push(text('Serious incident criteria met: the local authority must notify the national Panel within 5 working days of becoming aware.', 'warning', true))
  else blocks.push(text('Clocks are counted in working days (England and Wales bank holidays excluded).', 'default', true))
  // The latest questions only, so the card stays well inside Teams' 40 KB.
  const MAX_QUESTIONS = 4
  if (view.questions.length > MAX_QUESTIONS) blocks.push(text(`${view.questions.length - MAX_QUESTIONS} earlier questions and answers are kept with the referral.`, 'default', true))
  for (const q of view.questions.slice(-MAX_QUESTIONS)) {
    blocks.push({ type: 'divider' })
    blocks.push(text(`Question from ${q.askedBy} (${when(q.askedAt)}): ${q.question}`))
    blocks.push(q.answer ? text(`Answer (${when(q.answeredAt!)}): ${q.answer}`, 'good') : text('Waiting for the referrer\u2019s answer.', 'default', true))
  }
  if (view.decision) {
    blocks.push({ type: 'divider' })
    blocks.push(text(`Decided by ${view.decision.by} on ${when(view.decision.at)}: ${view.statusLabel}.`, statusTone(view.status)))
    if (view.decision.rationale) blocks.push(text(`Rationale: ${view.decision.rationale}`))
  }
  if (viewer.canDecide && view.isOpen) {
    blocks.push({ type: 'divider' })
    blocks.push({ type: 'heading', text: 'For the chair' })
    blocks.push(facts([['Case reference', view.details.caseReference], ['Raised by', view.details.referrerName]]))
    blocks.push(text(`What happened: ${view.details.whatHappened}`))
    blocks.push(text(`Why a review could help: ${view.details.whyReview}`))
    blocks.push({
      type: 'actions',
      actions: [
        { type: 'submit', verb: VERBS.referralStartRapidReview, label: 'Start a rapid review', data: { referralId: view.id }, style: 'positive' },
        { type: 'form', label: 'Ask the referrer for more information', form: formOf(referralAskForm, view) },
        { type: 'form', label: 'No review: criteria not met', form: formOf(referralNoReviewForm, view), style: 'destructive' },
      ],
    })
  } else if (view.isOpen) {
    blocks.push(text('Waiting for the chair of the Case Review Group to decide.', 'default', true))
  }
  return {
    title: `Review referral ${view.reference}`,
    blocks,
    refresh: { verb: VERBS.referralRefresh, data: { referralId: view.id }, userIds: refreshUserIds(view) },
  }
}

export function referralConfirmationCard(reference: string, isNew: boolean): Card {
  return {
    title: `Referral ${reference} received`,
    blocks: [
      text(isNew ? `Thank you. Your referral is ${reference}.` : `This form was already submitted: your referral is ${reference}. Nothing was sent twice.`, 'good'),
      text('What happens next: the Case Review Group will screen it against the criteria for a review. Its chair may ask you for more information here, and you will be told the decision 1:1.'),
      text('Type "my referrals" at any time to see where your referrals are.', 'default', true),
    ],
  }
}

export function myReferralsCard(items: ReferralSummary[]): Card {
  if (items.length === 0) return { title: 'Your referrals', blocks: [text('You have not raised any referrals yet. Type "referral" to raise one.')] }
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

