/**
 * Issue 9 through signed Slack requests: a notified serious incident can never end as "no review", and a marker
 * typed into every free-text field (the referral, the chair's question, the referrer's answer, the notification
 * lead's reasons, the chair's rationales) never appears in any post or update in the Case Review Group's channel.
 * Everything is done as Slack users would: modals, buttons on 1:1 messages and ephemeral cards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blocksText, buttonIds } from './support/fake-slack.js'
import {
  CASE_REVIEW_SLACK_CHANNEL,
  eventually,
  type Harness,
  type PersonKey,
  person,
  slackReferralValues,
  startHarness,
} from './support/harness.js'

const clock = {
  at: new Date('2026-11-03T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
const userOf = (key: PersonKey) => person(key).slackUserId as string

const serious = {
  caseReference: 'HV-2026-5001',
  ageBand: '1-4',
  incidentDate: '2026-11-01',
  awarenessDate: '2026-11-02',
  criteria: ['abuse-or-neglect', 'seriously-harmed'],
  agencies: ['police', 'csc'],
  whatHappened: 'Toddler admitted with a head injury; explanations from carers were inconsistent.',
  whyReview: 'Police and health saw different parts of the picture.',
}

const text = (value: string) => ({ type: 'plain_text_input', value })
const date = (value: string) => ({ type: 'datepicker', selected_date: value })
const select = (value: string) => ({ type: 'static_select', selected_option: { value } })

/** Raises a referral through the global shortcut and its modal; returns its reference and id. */
async function submitReferral(values: Parameters<typeof slackReferralValues>[0]) {
  const opens = h.slack.callsTo('views.open').length
  await h.slackClient.shortcut('priya')
  const view = (await eventually(() => h.slack.callsTo('views.open')[opens], 'referral modal')).args.view
  const res = await h.slackClient.viewSubmission('priya', view, slackReferralValues(values))
  const reference = /NSCP-\d{4}-\d{4}/.exec(blocksText((res.body as any).view))![0]
  return { reference, referralId: (await h.app.db.referral.findUniqueOrThrow({ where: { reference } })).id }
}

/** The latest message (post or ephemeral) to a person that mentions `what`. */
function messageTo(key: PersonKey, what: string) {
  const user = userOf(key)
  // A DM the app opened itself is the D channel Slack gave it.
  const mine = [user, `D${user.slice(1)}`]
  return [...h.slack.callsTo('chat.postMessage'), ...h.slack.callsTo('chat.postEphemeral')]
    .filter((c) => (mine.includes(c.args.channel) || c.args.user === user) && blocksText(c.args.blocks).includes(what))
    .at(-1)
}

/** Presses a button of a message and returns the modal it opened. */
async function modalFrom(key: PersonKey, blocks: any[], actionId: string) {
  const button = blocks
    .flatMap((b: any) => b.elements ?? (b.accessory ? [b.accessory] : []))
    .find((e: any) => e.action_id === actionId)
  expect(button, `button ${actionId}`).toBeTruthy()
  const opens = h.slack.callsTo('views.open').length
  await h.slackClient.button(key, actionId, button.value, `D0${key.toUpperCase()}`)
  return (await eventually(() => h.slack.callsTo('views.open')[opens], `${actionId} modal`)).args.view
}

/** Presses a plain button of a message and returns the ephemeral card it answered with. */
async function cardFrom(key: PersonKey, blocks: any[], actionId: string) {
  const button = blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === actionId)
  const before = h.slack.callsTo('chat.postEphemeral').length
  await h.slackClient.button(key, actionId, button.value, `D0${key.toUpperCase()}`)
  return (await eventually(() => h.slack.callsTo('chat.postEphemeral')[before], `${actionId} card`)).args.blocks
}

/** Kate opens the notification from her task notice. */
async function kateCard(reference: string) {
  const notice = await eventually(() => messageTo('kate', reference), `task notice to Kate for ${reference}`)
  expect(buttonIds(notice.args.blocks)).toEqual(['notification.open'])
  return cardFrom('kate', notice.args.blocks, 'notification.open')
}

const chairCopy = (reference: string) =>
  eventually(
    () =>
      h.slack
        .callsTo('chat.postMessage')
        .find((c) => c.args.channel === userOf('helen') && blocksText(c.args.blocks).includes(reference)),
    `chair copy of ${reference}`,
  )

beforeAll(async () => {
  h = await startHarness({ clock, env: { TEAMS_ENABLED: 'false' } })
})
afterAll(async () => h?.stop())

describe('Slack: a notified serious incident', () => {
  it('never ends as "no review": the chair gets the rapid review only, and the service refuses the rest', async () => {
    const { reference, referralId } = await submitReferral(serious)
    const copy = await chairCopy(reference)
    expect(buttonIds(copy.args.blocks)).toEqual(['referral.start-rapid-review', 'open:referral.ask'])
    // Even a hand-made no-review or other-review request is refused, in the modal.
    for (const [actionId, values] of [
      ['open:referral.no-review', { rationale: text('The hospital has reviewed this already.') }],
      [
        'open:referral.other-review',
        { decision: select('learning-review'), rationale: text('Learning about sharing.') },
      ],
    ] as const) {
      const opens = h.slack.callsTo('views.open').length
      await h.slackClient.button('helen', actionId, JSON.stringify({ referralId }))
      const view = (await eventually(() => h.slack.callsTo('views.open')[opens], actionId)).args.view
      const res = await h.slackClient.viewSubmission('helen', view, values)
      expect(blocksText((res.body as any).view)).toContain('a rapid review is mandatory')
    }
    expect((await h.app.db.referral.findUniqueOrThrow({ where: { id: referralId } })).status).toBe('AWAITING_SCREENING')
    // The notification lead records the notification from her card, in a modal.
    const card = await kateCard(reference)
    expect(blocksText(card)).toContain(serious.whatHappened)
    const notified = await modalFrom('kate', card, 'open:notification.notified')
    const res = await h.slackClient.viewSubmission('kate', notified, { notifiedOn: date('2026-11-03') })
    expect(blocksText((res.body as any).view)).toContain('Recorded as notified on Tue 3 Nov 2026')
    // The rapid review it needs.
    const button = copy.args.blocks
      .flatMap((b: any) => b.elements ?? [])
      .find((e: any) => e.action_id === 'referral.start-rapid-review')
    await h.slackClient.button('helen', 'referral.start-rapid-review', button.value)
    await eventually(
      async () => (await h.app.db.referral.findUniqueOrThrow({ where: { id: referralId } })).status === 'RAPID_REVIEW',
      'rapid review',
    )
    expect(await h.app.db.review.count({ where: { referralId, typeKey: 'rapid-review' } })).toBe(1)
    expect(await h.app.db.auditEvent.count({ where: { subjectId: referralId, action: 'REFERRAL_NO_REVIEW' } })).toBe(0)
  })
})

describe('Slack: need to know', () => {
  it('keeps a marker typed into every free-text field out of every channel post and update', async () => {
    const M = {
      caseReference: 'MARKCASE02',
      whatHappened: 'MARKWHAT02',
      whyReview: 'MARKWHY02',
      question: 'MARKASK02',
      answer: 'MARKANSWER02',
      reasons: 'MARKREASONS02',
      rationale: 'MARKRATIONALE02',
      other: 'MARKOTHER02',
    }
    const a = await submitReferral({
      ...serious,
      caseReference: `CR ${M.caseReference}`,
      whatHappened: `${serious.whatHappened} ${M.whatHappened}`,
      whyReview: `${serious.whyReview} ${M.whyReview}`,
    })
    // The chair asks, in a modal from her 1:1 copy; the referrer answers in a modal from her question.
    const copy = await chairCopy(a.reference)
    expect(blocksText(copy.args.blocks)).toContain(M.whatHappened)
    const ask = await modalFrom('helen', copy.args.blocks, 'open:referral.ask')
    await h.slackClient.viewSubmission('helen', ask, {
      question: text(`Was the GP told about the visits? ${M.question}`),
    })
    const question = await eventually(() => messageTo('priya', M.question), 'question to Priya')
    const answer = await modalFrom('priya', question.args.blocks, 'open:referral.answer')
    await h.slackClient.viewSubmission('priya', answer, { answer: text(`Yes, by letter in October. ${M.answer}`) })
    // The notification lead finds it not notifiable, with reasons, from her card.
    const card = await kateCard(a.reference)
    const notNotifiable = await modalFrom('kate', card, 'open:notification.not-notifiable')
    const recorded = await h.slackClient.viewSubmission('kate', notNotifiable, {
      reasons: text(`No abuse or neglect is now suspected. ${M.reasons}`),
    })
    expect(blocksText((recorded.body as any).view)).toContain('Recorded as not notifiable')
    // The chair decides no review, with a rationale, from a fresh modal.
    const opens = h.slack.callsTo('views.open').length
    await h.slackClient.button('helen', 'open:referral.no-review', JSON.stringify({ referralId: a.referralId }))
    const noReview = (await eventually(() => h.slack.callsTo('views.open')[opens], 'no-review modal')).args.view
    const decided = await h.slackClient.viewSubmission('helen', noReview, {
      rationale: text(`Already reviewed by the hospital trust. ${M.rationale}`),
    })
    expect(blocksText((decided.body as any).view)).toContain(`Decision recorded for ${a.reference}`)
    // Another referral, not a serious incident: a good practice review, with a rationale.
    const b = await submitReferral({ ...serious, caseReference: 'HV-2026-5010', criteria: ['good-practice'] })
    const otherCopy = await chairCopy(b.reference)
    const other = await modalFrom('helen', otherCopy.args.blocks, 'open:referral.other-review')
    await h.slackClient.viewSubmission('helen', other, {
      decision: select('good-practice'),
      rationale: text(`Good joint work. ${M.other}`),
    })
    await h.app.outbox.drain()
    const channel = () =>
      [...h.slack.callsTo('chat.postMessage'), ...h.slack.callsTo('chat.update')].filter(
        (c) => c.args.channel === CASE_REVIEW_SLACK_CHANNEL,
      )
    await eventually(
      () => channel().some((c) => blocksText(c.args.blocks).includes('Good practice review started')),
      'last channel update',
    )
    const everything = channel()
      .map((c) => `${blocksText(c.args.blocks)}\n${c.args.text ?? ''}`)
      .join('\n')
    expect(everything).toContain(a.reference)
    expect(everything).toContain('Found not notifiable by the local authority')
    for (const m of Object.values(M)) expect(everything).not.toContain(m)
    // The partners got the reasons 1:1, and the referrer the rationale.
    await eventually(() => messageTo('joanne', M.reasons), 'reasons to Joanne')
    await eventually(() => messageTo('priya', M.rationale), 'rationale to Priya')
  })
})
