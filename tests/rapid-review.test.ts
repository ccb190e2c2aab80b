/**
 * Issue 4, first slice, and issue 9: a rapid review from the chair's decision to the three safeguarding
 * partners' sign-off (independent scrutiny told, and challenging), with agency leads answering from their
 * cards (one late and nudged), through the Teams protocol and a real PostgreSQL. The nudge job is run as
 * pg-boss would run it, at moments the test chooses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../lib/errors.js'
import { runNudges, snoozeMilestone } from '../services/nudges/index.js'
import { peopleService } from '../services/people/index.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import {
  eventually,
  person,
  startHarness,
  TENANT,
  type Harness,
  type PersonKey,
  NO_SUBMIT_LIMITS,
} from './support/harness.js'

const clock = {
  at: new Date('2026-11-03T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
const setNow = (iso: string) => {
  clock.at = new Date(iso)
}
let h: Harness
let reviewId = ''
const chat = (key: PersonKey) => `a:personal-${key}`

/** Cards sent 1:1 to a person after `from` messages, flattened to text. */
const sentTexts = (key: PersonKey, from = 0) =>
  h.connector
    .sentTo(chat(key))
    .slice(from)
    .map((c) => ({ card: cardOf(c), text: cardText(cardOf(c)) }))

beforeAll(async () => {
  // A whole review's story is many submits by few people: no per-person limit gets in its way here.
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '', ...NO_SUBMIT_LIMITS } })
  await h.teams.channelMessage('claire', 'set channel case-review')
  // Everyone who will be messaged has talked to the bot once, so Teams has a 1:1 conversation with them.
  for (const key of [
    'priya',
    'dana',
    'sam',
    'helen',
    'robert',
    'claire',
    'tom',
    'mark',
    'kate',
    'joanne',
    'nadia',
  ] as const)
    await h.teams.message(key, 'my referrals')
  await h.teams.message('priya', 'referral')
  const token = JSON.stringify(cardOf(h.connector.sentTo(chat('priya')).at(-1))).match(
    /"formToken":"([0-9a-f-]{36})"/,
  )![1]
  const res = await h.teams.invoke('priya', 'referral.submit', {
    formToken: token,
    caseReference: 'HV-2026-2001',
    ageBand: '1-4',
    incidentDate: '2026-11-01',
    awarenessDate: '2026-11-02',
    criteria: 'abuse-or-neglect,seriously-harmed',
    agencies: 'police,csc',
    whatHappened: 'Toddler admitted with a head injury; explanations from carers were inconsistent.',
    whyReview: 'Police and health saw different parts of the picture.',
  })
  expect(cardText(res.card)).toContain('received')
})
afterAll(async () => h?.stop())

describe('rapid review', () => {
  it("starts with a timeline and asks each involved agency's safeguarding lead for information", async () => {
    const referral = await h.app.db.referral.findFirstOrThrow()
    const before = { dana: h.connector.sentTo(chat('dana')).length, sam: h.connector.sentTo(chat('sam')).length }
    const res = await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId: referral.id })
    expect(cardText(res.card)).toContain('Decision recorded')
    const review = await h.app.db.review.findFirstOrThrow({ include: { milestones: { orderBy: { key: 'asc' } } } })
    reviewId = review.id
    // Aware Mon 2 Nov 2026: agency information +10 working days, meeting +12, sent to the Panel +15 (statutory).
    // The Panel notification is not the review's: the local authority's notification has carried it since the
    // referral was submitted.
    expect(review.milestones.map((m) => [m.key, m.dueDate.toISOString().slice(0, 10)])).toEqual([
      ['agency-information:csc', '2026-11-16'],
      ['agency-information:health', '2026-11-16'],
      ['agency-information:police', '2026-11-16'],
      ['rapid-review-meeting', '2026-11-18'],
      ['sent-to-panel', '2026-11-23'],
    ])
    const dana = await eventually(
      () => sentTexts('dana', before.dana).find((c) => c.text.includes('information needed')),
      'request to Dana',
    )
    expect(dana.text).toContain("Northshire Police's chronology summary and immediate learning by Mon 16 Nov 2026")
    expect(verbsIn(dana.card)).toEqual(['review.answer-information'])
    await eventually(
      () => sentTexts('sam', before.sam).find((c) => c.text.includes('Northshire NHS Foundation Trust')),
      'request to Sam',
    )
    // The serious incident: since the referral was submitted, the local authority's notification lead (not the
    // business manager) has been asked to notify the Panel, by Mon 9 Nov 2026 (provisional).
    const task = await eventually(
      () => sentTexts('kate').find((c) => c.text.includes('notify the national Panel by Mon 9 Nov 2026')),
      'notification task to Kate',
    )
    expect(verbsIn(task.card)).toEqual(['notification.open'])
    expect(sentTexts('claire').filter((c) => c.text.includes('notify the national Panel'))).toEqual([])
  })

  it('lets the agency lead answer from the card, and no one else', async () => {
    const m = await h.app.db.milestone.findFirstOrThrow({ where: { key: 'agency-information:police' } })
    const tom = await h.teams.invoke('tom', 'review.answer-information', {
      milestoneId: m.id,
      chronology: 'Not my agency at all, twenty chars.',
      immediateLearning: 'None.',
    })
    expect(cardText(tom.card)).toContain("Only the agency's safeguarding lead asked for this information can answer.")
    const empty = await h.teams.invoke('dana', 'review.answer-information', {
      milestoneId: m.id,
      chronology: '',
      immediateLearning: '',
    })
    expect(cardText(empty.card)).toContain("Summarise your agency's involvement.")
    setNow('2026-11-10T09:00:00Z')
    const ok = await h.teams.invoke('dana', 'review.answer-information', {
      milestoneId: m.id,
      chronology: 'Two call-outs in October; no referral to children\u2019s social care was made.',
      immediateLearning: 'Officers reminded of the referral pathway.',
    })
    expect(cardText(ok.card)).toContain('Information sent for NSCP-2026-0001')
    expect((await h.app.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('DONE')
  })

  it("records the Panel notification, by the local authority's notification lead only", async () => {
    const { id: notificationId } = await h.app.db.incidentNotification.findFirstOrThrow()
    for (const key of ['priya', 'claire', 'helen'] as const) {
      const refused = await h.teams.invoke(key, 'notification.notified', { notificationId, notifiedOn: '2026-11-06' })
      expect(cardText(refused.card)).toContain(
        "Only the local authority's notification lead records serious incident notifications.",
      )
    }
    const future = await h.teams.invoke('kate', 'notification.notified', { notificationId, notifiedOn: '2026-12-01' })
    expect(cardText(future.card)).toContain('The date cannot be in the future.')
    const ok = await h.teams.invoke('kate', 'notification.notified', { notificationId, notifiedOn: '2026-11-06' })
    expect(cardText(ok.card)).toContain('Recorded as notified on Fri 6 Nov 2026')
    // The rapid review carries the date, so the business manager can record the Panel's reply to it.
    expect(
      (await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).panelNotifiedOn
        ?.toISOString()
        .slice(0, 10),
    ).toBe('2026-11-06')
    // The Panel's reply is recorded from the status card.
    await h.teams.message('claire', 'review status')
    expect(verbsIn(cardOf(h.connector.sentTo(chat('claire')).at(-1)))).toContain('open:review.record-panel-reply')
    const reply = await h.teams.invoke('claire', 'review.record-panel-reply', {
      reviewId,
      reply: 'The Panel agrees a local review may be appropriate.',
    })
    expect(cardText(reply.card)).toContain('Panel reply recorded for NSCP-2026-0001')
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).panelReply).toContain(
      'local review may be appropriate',
    )
  })

  it('works from Slack too: the modal behind the button, answered by the person responsible', async () => {
    const m = await h.app.db.milestone.findFirstOrThrow({ where: { key: 'agency-information:csc' } })
    await h.slackClient.button(
      'claire',
      'open:review.answer-information',
      JSON.stringify({ milestoneId: m.id }),
      'D0CLAIRE09',
    )
    const view = (await eventually(() => h.slack.callsTo('views.open').at(-1), 'modal')).args.view
    expect(view.callback_id).toBe('review.answer-information')
    const empty = await h.slackClient.viewSubmission('claire', view, {
      chronology: { type: 'plain_text_input', value: 'short' },
      immediateLearning: { type: 'plain_text_input', value: null },
    })
    expect((empty.body as any).errors).toMatchObject({
      chronology: expect.stringContaining('at least 20 characters'),
      immediateLearning: 'Say what your agency has learnt so far.',
    })
    const res = await h.slackClient.viewSubmission('claire', view, {
      chronology: {
        type: 'plain_text_input',
        value: 'Children\u2019s social care had no open case; one contact in September.',
      },
      immediateLearning: { type: 'plain_text_input', value: 'Contacts from health to be checked against history.' },
    })
    expect(JSON.stringify((res.body as any).view)).toContain('Information sent for NSCP-2026-0001')
  })
})

describe('nudges', () => {
  it('nudges the late agency lead once, even when two runs happen at the same moment', async () => {
    setNow('2026-11-18T10:00:00Z') // Wed: agency information 2 working days late, the meeting due today
    const before = h.connector.sentTo(chat('sam')).length
    const [a, b] = await Promise.all([runNudges({ db: h.app.db, clock }), runNudges({ db: h.app.db, clock })])
    expect(a.people + b.people).toBe(3) // Sam, Helen and Claire, each claimed once
    expect(a.alreadySent + b.alreadySent).toBe(3)
    await h.app.outbox.drain()
    const digests = sentTexts('sam', before).filter((c) => c.text.includes('Reminders'))
    expect(digests).toHaveLength(1)
    expect(digests[0]!.text).toContain('Overdue (1)')
    expect(digests[0]!.text).toContain(
      'Agency chronology summary and immediate learning: Northshire NHS Foundation Trust',
    )
    expect(digests[0]!.text).toContain('2 working days late')
    // Dana answered: she hears nothing.
    expect(sentTexts('dana').filter((c) => c.text.includes('Reminders'))).toHaveLength(0)
    const helen = sentTexts('helen').filter((c) => c.text.includes('Reminders'))
    expect(helen.at(-1)!.text).toContain('Due today (1)')
    // A third run later the same day sends nothing more.
    setNow('2026-11-18T15:00:00Z')
    expect((await runNudges({ db: h.app.db, clock })).people).toBe(0)
  })

  it('keeps quiet hours and weekends', async () => {
    setNow('2026-11-19T19:30:00Z')
    expect((await runNudges({ db: h.app.db, clock })).skipped).toBe('quiet-hours')
    setNow('2026-11-21T11:00:00Z') // Saturday
    expect((await runNudges({ db: h.app.db, clock })).skipped).toBe('quiet-hours')
  })

  it('stops nudging a snoozed milestone, but the chair still hears when it is 5 working days late', async () => {
    const m = await h.app.db.milestone.findFirstOrThrow({ where: { key: 'agency-information:health' } })
    const dana = await h.teams.invoke('dana', 'milestone.snooze', { milestoneId: m.id })
    expect(cardText(dana.card)).toContain('Only the person responsible can snooze these reminders.')
    // A bad id is refused in words, never as a raw validation error.
    const bad = await h.teams.invoke('sam', 'milestone.snooze', { milestoneId: 'not-a-milestone' })
    expect(cardText(bad.card)).toContain('That reminder could not be found.')
    const ctx = { db: h.app.db, clock }
    const identity = { platform: 'teams', aadObjectId: person('sam').teamsAadObjectId, tenantId: TENANT } as const
    const sam = await peopleService.resolveActor(ctx, identity)
    const missing = await snoozeMilestone(ctx, sam, { workingDays: 'soon' }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(AppError)
    expect(missing).toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { milestoneId: 'Choose a reminder.' } })
    setNow('2026-11-19T09:00:00Z')
    const snoozed = await h.teams.invoke('sam', 'milestone.snooze', { milestoneId: m.id })
    expect(cardText(snoozed.card)).toContain('until Mon 23 Nov 2026')
    setNow('2026-11-23T10:00:00Z') // Mon: 5 working days late
    const beforeSam = h.connector.sentTo(chat('sam')).length
    const beforeHelen = h.connector.sentTo(chat('helen')).length
    await runNudges({ db: h.app.db, clock })
    await h.app.outbox.drain()
    expect(sentTexts('sam', beforeSam).filter((c) => c.text.includes('Northshire NHS Foundation Trust'))).toHaveLength(
      0,
    )
    const escalation = sentTexts('helen', beforeHelen).find((c) => c.text.includes('Late: for your attention as chair'))
    expect(escalation?.text).toContain('Northshire NHS Foundation Trust')
    expect(escalation?.text).toContain('with Sam Patel')
  })
})

describe('outcome and approval', () => {
  it('shows the chair every live review with its next milestone and how late it is', async () => {
    const before = h.connector.sentTo(chat('helen')).length
    await h.teams.message('helen', 'review status')
    const status = sentTexts('helen', before).at(-1)!
    expect(status.text).toContain('NSCP-2026-0001 (rapid review)')
    expect(status.text).toMatch(/Next: Agency chronology summary.*working days late/)
    expect(verbsIn(status.card)).toContain('open:review.record-outcome')
    const priyaBefore = h.connector.sentTo(chat('priya')).length
    await h.teams.message('priya', 'review status')
    expect(sentTexts('priya', priyaBefore).at(-1)!.text).toContain('Review status is for chairs')
  })

  const outcome = {
    tests: 'improvements-needed,agencies-working-together',
    recommendation: 'lcspr',
    immediateLearning: 'Health and police to share call-out information within 24 hours.',
    rationale: 'Two agencies held pieces of the picture; a local review can show why.',
  }
  const partners = ['mark', 'joanne', 'nadia'] as const

  it('records the outcome (chair only) and sends it to the three partners, 1:1, with the criteria ticked', async () => {
    const dana = await h.teams.invoke('dana', 'review.record-outcome', { ...outcome, reviewId })
    expect(cardText(dana.card)).toContain('Only the chair of the Case Review Group records the rapid review outcome.')
    // The status card's button opens the outcome form, as a card (Teams) or a modal (Slack).
    const form = await h.teams.invoke('helen', 'open:review.record-outcome', { reviewId })
    expect(verbsIn(form.card)).toEqual(['review.record-outcome'])
    expect(cardText(form.card)).toContain('Which tests for a local review are met?')
    const missing = await h.teams.invoke('helen', 'review.record-outcome', { ...outcome, reviewId, recommendation: '' })
    expect(cardText(missing.card)).toContain('Choose a recommendation.')
    const before = Object.fromEntries(
      ['mark', 'joanne', 'nadia', 'robert'].map((k) => [k, h.connector.sentTo(chat(k as PersonKey)).length]),
    )
    const ok = await h.teams.invoke('helen', 'review.record-outcome', { ...outcome, reviewId })
    expect(cardText(ok.card)).toContain('gone to the three safeguarding partners for their sign-off')
    for (const key of partners) {
      const request = await eventually(
        () => sentTexts(key, before[key]).find((c) => c.text.includes('your sign-off')),
        `sign-off card to ${key}`,
      )
      expect(request.text).toContain('Commission a local child safeguarding practice review')
      // Which of the four tests (reg. 11) the Case Review Group ticked: issue 11, item 4.
      expect(request.text).toContain('\u2611 The case may show improvements are needed')
      expect(request.text).toContain('\u2610 The case may show recurring themes')
      expect(request.text).toContain('\u2611 The case may show concerns about two or more agencies working together')
      expect(request.text).not.toContain('none of the criteria is ticked')
      expect(request.text).toContain('Two agencies held pieces of the picture')
      expect(verbsIn(request.card)).toEqual(['review.approve', 'review.send-back'])
    }
    // Independent scrutiny is told of decisions, not asked to make them.
    expect(sentTexts('robert', before.robert)).toEqual([])
  })

  it('lets only the partners decide: not the chair, not the independent scrutineer (issue 9, item 4)', async () => {
    for (const key of ['helen', 'robert', 'claire'] as const) {
      const refused = await h.teams.invoke(key, 'review.approve', { reviewId, round: '1' })
      expect(cardText(refused.card)).toContain('Only the three safeguarding partners sign off this decision.')
    }
    const scrutineer = await h.teams.invoke('robert', 'review.send-back', {
      reviewId,
      round: '1',
      note: 'I do not agree with this.',
    })
    expect(cardText(scrutineer.card)).toContain('Only the three safeguarding partners sign off this decision.')
    expect(await h.app.db.reviewSignOff.count()).toBe(0)
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('AWAITING_APPROVAL')
  })

  it('records one sign-off per partner: agreeing twice changes nothing; one agreement is not a decision', async () => {
    const mark = await h.teams.invoke('mark', 'review.approve', { reviewId, round: '1' })
    expect(cardText(mark.card)).toContain('You agreed. Waiting for the police and the integrated care board.')
    const again = await h.teams.invoke('mark', 'review.approve', { reviewId, round: '1' })
    expect(cardText(again.card)).toContain('You had already agreed.')
    expect(await h.app.db.reviewSignOff.count()).toBe(1)
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('AWAITING_APPROVAL')
    const events = await h.app.db.auditEvent.findMany({ where: { action: 'REVIEW_PARTNER_SIGNED_OFF' } })
    expect(events.map((e) => e.after)).toEqual([{ round: 1, partnerFor: 'local-authority', decision: 'agree' }])
  })

  it('lets any one partner send it back with a reason: the chair hears why, scrutiny only that it was', async () => {
    const noReason = await h.teams.invoke('joanne', 'review.send-back', { reviewId, round: '1', note: '' })
    expect(cardText(noReason.card)).toContain('Say why it goes back to the Case Review Group.')
    const named = await h.teams.invoke('joanne', 'review.send-back', {
      reviewId,
      round: '1',
      note: 'Jayden Smith, born 03/04/2019, was seen by police twice.',
    })
    expect(cardText(named.card)).toContain('may identify a child or family member')
    expect(await h.app.db.reviewSignOff.count({ where: { decision: 'send-back' } })).toBe(0)
    const before = {
      helen: h.connector.sentTo(chat('helen')).length,
      robert: h.connector.sentTo(chat('robert')).length,
      claire: h.connector.sentTo(chat('claire')).length,
    }
    const reason = 'The police chronology for October is missing; please add it before we decide.'
    const sent = await h.teams.invoke('joanne', 'review.send-back', { reviewId, round: '1', note: reason })
    expect(cardText(sent.card)).toContain('Sent back to the Case Review Group chair, with your reason.')
    const review = await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })
    expect(review.status).toBe('GATHERING')
    const helen = await eventually(
      () => sentTexts('helen', before.helen).find((c) => c.text.includes('sent back')),
      'send-back notice',
    )
    expect(helen.text).toContain('Joanne Clarke sent the recommendation back.')
    expect(helen.text).toContain(reason)
    const robert = await eventually(
      () => sentTexts('robert', before.robert).find((c) => c.text.includes('decision')),
      'scrutiny notice',
    )
    expect(robert.text).toContain('A safeguarding partner sent the recommendation back')
    expect(robert.text).not.toContain('chronology for October')
    expect(verbsIn(robert.card)).toEqual(['open:review.challenge'])
    await eventually(
      () => sentTexts('claire', before.claire).find((c) => c.text.includes('sent the recommendation back')),
      'business manager notice',
    )
    // Nadia's card is for a recommendation that went back: it is refused, not counted.
    const nadia = await h.teams.invoke('nadia', 'review.approve', { reviewId, round: '1' })
    expect(cardText(nadia.card)).toContain('not waiting for sign-off: it went back to the Case Review Group')
    const audit = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'REVIEW_RECOMMENDATION_SENT_BACK' } })
    expect(audit.after).toEqual({ status: 'GATHERING', round: 1, partnerFor: 'police', fields: ['approvalRationale'] })
    expect(JSON.stringify(audit.after)).not.toContain('chronology for October')
  })

  it('lets scrutiny challenge a decision, recorded once, for the partners and the business manager', async () => {
    const form = await h.teams.invoke('robert', 'open:review.challenge', {
      reviewId,
      decision: 'recommendation-sent-back',
      round: '1',
    })
    expect(cardText(form.card)).toContain('A safeguarding partner sent the recommendation back')
    const helen = await h.teams.invoke('helen', 'open:review.challenge', {
      reviewId,
      decision: 'recommendation-sent-back',
      round: '1',
    })
    expect(cardText(helen.card)).toContain('Only the independent scrutineer records a challenge.')
    const before = Object.fromEntries(
      ['mark', 'joanne', 'nadia', 'claire', 'helen'].map((k) => [k, h.connector.sentTo(chat(k as PersonKey)).length]),
    )
    const text = 'Sending back for one missing chronology delays a statutory 15-day review; ask for it in parallel.'
    const data = { reviewId, decision: 'recommendation-sent-back', round: '1', text }
    const [first, second] = await Promise.all([
      h.teams.invoke('robert', 'review.challenge', data),
      h.teams.invoke('robert', 'review.challenge', data),
    ])
    expect([cardText(first.card), cardText(second.card)].join('\n')).toContain('It does not change the decision.')
    expect(await h.app.db.reviewChallenge.count()).toBe(1)
    for (const key of ['mark', 'joanne', 'nadia', 'claire'] as const) {
      const told = await eventually(
        () => sentTexts(key, before[key]).find((c) => c.text.includes('challenge from independent scrutiny')),
        `challenge to ${key}`,
      )
      expect(told.text).toContain('ask for it in parallel')
    }
    // The chair who recorded the outcome is not one of the people the challenge is for.
    expect(sentTexts('helen', before.helen).filter((c) => c.text.includes('challenge'))).toEqual([])
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe('GATHERING')
  })

  it('warns the partners when a local review is recommended with none of the criteria ticked', async () => {
    const before = h.connector.sentTo(chat('nadia')).length
    const ok = await h.teams.invoke('helen', 'review.record-outcome', { ...outcome, reviewId, tests: '' })
    expect(cardText(ok.card)).toContain('three safeguarding partners')
    const card = await eventually(
      () => sentTexts('nadia', before).find((c) => c.text.includes('your sign-off')),
      'second round card',
    )
    expect(card.text).toContain(
      'a local child safeguarding practice review is recommended, but none of the criteria is ticked',
    )
    // A card from the first round is refused: the partners decide on the recommendation as it now stands.
    const stale = await h.teams.invoke('mark', 'review.approve', { reviewId, round: '1' })
    expect(cardText(stale.card)).toContain('This card is for an earlier recommendation')
  })

  it('is agreed when all three agree, at once or not: one local review commissioned, everyone told', async () => {
    const before = {
      helen: h.connector.sentTo(chat('helen')).length,
      robert: h.connector.sentTo(chat('robert')).length,
    }
    const results = await Promise.all(
      partners.map((key) => h.teams.invoke(key, 'review.approve', { reviewId, round: '2' })),
    )
    const texts = results.map((r) => cardText(r.card))
    expect(texts.filter((t) => t.includes('All three safeguarding partners have agreed.'))).toHaveLength(1)
    const review = await h.app.db.review.findUniqueOrThrow({ where: { id: reviewId } })
    expect(review.status).toBe('APPROVED')
    expect(await h.app.db.review.count({ where: { typeKey: 'lcspr', parentReviewId: reviewId } })).toBe(1)
    expect(await h.app.db.reviewSignOff.count({ where: { reviewId, round: 2, decision: 'agree' } })).toBe(3)
    const helen = await eventually(
      () => sentTexts('helen', before.helen).find((c) => c.text.includes('recommendation agreed')),
      'agreed notice',
    )
    expect(helen.text).toContain('The safeguarding partners agreed the recommendation')
    const robert = await eventually(
      () => sentTexts('robert', before.robert).find((c) => c.text.includes('agreed the recommendation')),
      'scrutiny told',
    )
    expect(verbsIn(robert.card)).toEqual(['open:review.challenge'])
    const again = await h.teams.invoke('nadia', 'review.approve', { reviewId, round: '2' })
    expect(cardText(again.card)).toContain('You had already agreed. All three safeguarding partners have agreed.')
    expect(await h.app.db.auditEvent.count({ where: { action: 'REVIEW_RECOMMENDATION_AGREED' } })).toBe(1)
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })

  it('is sent to the national Panel by the business manager once the partners have agreed', async () => {
    const before = h.connector.sentTo(chat('claire')).length
    await h.teams.message('claire', 'review status')
    const status = await eventually(
      () => sentTexts('claire', before).find((c) => c.text.startsWith('Live reviews')),
      'review status',
    )
    expect(status.text).toContain('Sent to the national Panel')
    expect(verbsIn(status.card)).toContain('milestone.complete')
    const m = await h.app.db.milestone.findFirstOrThrow({ where: { reviewId, key: 'sent-to-panel' } })
    const sent = await h.teams.invoke('claire', 'milestone.complete', { milestoneId: m.id, reviewId })
    expect(cardText(sent.card)).toContain('Milestone done for NSCP-2026-0001')
    expect((await h.app.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).status).toBe('DONE')
  })

  it('sends a recommendation left for the old single approver to the partners when recorded again', async () => {
    const partnership = await h.app.db.partnership.findFirstOrThrow()
    const helenId = (await h.app.db.person.findFirstOrThrow({ where: { key: 'helen' } })).id
    // As the old code left it: awaiting the independent chair's approval, no sign-off round.
    const legacy = await h.app.db.review.create({
      data: {
        partnershipId: partnership.id,
        typeKey: 'rapid-review',
        reference: 'NSCP-2025-0042',
        status: 'AWAITING_APPROVAL',
        awarenessDate: new Date('2025-10-01T00:00:00Z'),
        startedAt: new Date('2025-10-02T09:00:00Z'),
        startedById: helenId,
        outcome: { tests: [], recommendation: 'learning-review', immediateLearning: 'x', rationale: 'y' },
        outcomeById: helenId,
      },
    })
    const before = h.connector.sentTo(chat('helen')).length
    await h.teams.message('helen', 'review status')
    const status = await eventually(
      () => sentTexts('helen', before).find((c) => c.text.startsWith('Live reviews')),
      'status',
    )
    expect(status.text).toContain("NSCP-2025-0042 (rapid review)\nWaiting for the safeguarding partners' sign-off")
    expect(verbsIn(status.card)).toContain('open:review.record-outcome')
    const beforeMark = h.connector.sentTo(chat('mark')).length
    const again = await h.teams.invoke('helen', 'review.record-outcome', {
      ...outcome,
      reviewId: legacy.id,
      recommendation: 'learning-review',
    })
    expect(cardText(again.card)).toContain('gone to the three safeguarding partners')
    const card = await eventually(
      () => sentTexts('mark', beforeMark).find((c) => c.text.includes('NSCP-2025-0042')),
      'card to Mark',
    )
    expect(card.text).toContain('Commission another kind of learning review')
    const agreed = await h.teams.invoke('mark', 'review.approve', { reviewId: legacy.id, round: '1' })
    expect(cardText(agreed.card)).toContain('You agreed.')
    const twice = await h.teams.invoke('helen', 'review.record-outcome', { ...outcome, reviewId: legacy.id })
    expect(cardText(twice.card)).toContain('has already been recorded')
  })
})
