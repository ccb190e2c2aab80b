/**
 * Issue 9 through the Teams protocol, one test (at least) per numbered problem, each failing on the old code:
 * a serious incident is notified first (the local authority's notification lead, from submission, re-based on
 * the local authority's awareness; a CDOP notification counts from its own date), screening fits the case, case
 * detail never reaches the channel, the statutory timescales come from one place, the CDOP form covers 0 to 17,
 * and the wording says what is meant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNudges } from '../services/nudges/index.js'
import { findReferralReview } from '../services/referrals/referral.repo.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import {
  CASE_REVIEW_SLACK_CHANNEL,
  CASE_REVIEW_TEAMS_CHANNEL,
  eventually,
  type Harness,
  type PersonKey,
  startHarness,
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
const chat = (key: PersonKey) => `a:personal-${key}`
const sentTexts = (key: PersonKey, from = 0) =>
  h.connector
    .sentTo(chat(key))
    .slice(from)
    .map((c) => ({ card: cardOf(c), text: cardText(cardOf(c)) }))
const count = (key: PersonKey) => h.connector.sentTo(chat(key)).length
/** Everything posted to, or updated in, the Case Review Group's channels: Teams and Slack. */
const channelTexts = () => [
  ...h.connector.sentTo(CASE_REVIEW_TEAMS_CHANNEL).map((c) => cardText(cardOf(c))),
  ...h.connector.updatesTo(CASE_REVIEW_TEAMS_CHANNEL).map((c) => cardText(cardOf(c))),
  ...[...h.slack.callsTo('chat.postMessage'), ...h.slack.callsTo('chat.update')]
    .filter((c) => c.args.channel === CASE_REVIEW_SLACK_CHANNEL)
    .map((c) => blocksText(c.args.blocks)),
]
const fact = (label: string, value: string) => `${label}\n${value}`

const serious = {
  caseReference: 'HV-2026-3001',
  ageBand: '1-4',
  incidentDate: '2026-11-01',
  awarenessDate: '2026-11-02',
  criteria: 'abuse-or-neglect,seriously-harmed',
  agencies: 'police,csc',
  location: 'in-area',
  whatHappened: 'Toddler admitted with a head injury; explanations from carers were inconsistent.',
  whyReview: 'Police and health saw different parts of the picture.',
}
const notSerious = {
  ...serious,
  caseReference: 'HV-2026-3002',
  criteria: 'agencies-working-together',
  whatHappened: 'School absence was not shared with social care for six weeks.',
}

/** Submits a referral as Priya from a fresh form; returns its reference and id. */
async function submit(values: Record<string, string>) {
  await h.teams.message('priya', 'referral')
  const formToken = JSON.stringify(cardOf(h.connector.sentTo(chat('priya')).at(-1))).match(
    /"formToken":"([0-9a-f-]{36})"/,
  )![1]
  const res = await h.teams.invoke('priya', 'referral.submit', { formToken, ...values })
  const reference = /NSCP-\d{4}-\d{4}/.exec(cardText(res.card))![0]
  const referral = await h.app.db.referral.findUniqueOrThrow({ where: { reference } })
  return { reference, referralId: referral.id, card: res.card }
}

const notificationOf = (referralId: string) =>
  h.app.db.incidentNotification.findUniqueOrThrow({
    where: { referralId },
    include: { tasks: { orderBy: { key: 'asc' } } },
  })
const dueOf = async (referralId: string) =>
  Object.fromEntries((await notificationOf(referralId)).tasks.map((t) => [t.key, t.dueDate.toISOString().slice(0, 10)]))

beforeAll(async () => {
  h = await startHarness({ clock })
  await h.teams.channelMessage('claire', 'set channel case-review')
  for (const key of ['priya', 'helen', 'kate', 'mark', 'joanne', 'nadia', 'claire', 'dana', 'sam', 'robert'] as const)
    await h.teams.message(key, 'my referrals')
})
afterAll(async () => h?.stop())

describe('problem 1: a serious incident is notified first, and never closed as "no review"', () => {
  let a = { reference: '', referralId: '', card: null as any }

  it("opens the local authority's notification at submission, owned by the notification lead", async () => {
    a = await submit(serious)
    expect(cardText(a.card)).toContain(
      "the local authority's notification lead has been asked to notify the national Panel within 5 working days",
    )
    const n = await notificationOf(a.referralId)
    expect(n.status).toBe('PENDING')
    const kate = await h.app.db.person.findFirstOrThrow({ where: { key: 'kate' } })
    // Aware Mon 2 Nov 2026, counted provisionally from the agency's awareness: 5 working days is Mon 9 Nov.
    expect(n.tasks.map((t) => [t.key, t.dueDate.toISOString().slice(0, 10), t.responsiblePersonId])).toEqual([
      ['panel', '2026-11-09', kate.id],
      ['partners', '2026-11-09', kate.id],
    ])
    const notice = await eventually(() => sentTexts('kate').find((c) => c.text.includes(a.reference)), 'task to Kate')
    expect(notice.text).toContain('must notify the national Panel by Mon 9 Nov 2026 (provisional')
    // Her card has the case and her buttons; it is 1:1, for the people deciding.
    const card = await h.teams.invoke('kate', 'notification.open', { notificationId: n.id })
    expect(cardText(card.card)).toContain(serious.whatHappened)
    expect(verbsIn(card.card)).toEqual([
      'notification.notified',
      'notification.not-notifiable',
      'notification.la-awareness',
      'open:notification.task-done',
    ])
    const dana = await h.teams.invoke('dana', 'notification.open', { notificationId: n.id })
    expect(cardText(dana.card)).toContain(
      "Only the local authority's notification lead, the safeguarding partners and the Case Review Group's chair",
    )
    const audit = await h.app.db.auditEvent.findFirstOrThrow({
      where: { action: 'INCIDENT_NOTIFICATION_OPENED', subjectId: n.id },
    })
    expect(audit.after).toMatchObject({ status: 'PENDING', provisional: true, 'due.panel': '2026-11-09' })
  })

  it('offers the chair only the rapid review, and refuses "no review" or any other review', async () => {
    const helen = await h.teams.invoke('helen', 'referral.refresh', { referralId: a.referralId })
    expect(verbsIn(helen.card)).toEqual(['referral.start-rapid-review', 'referral.ask'])
    expect(cardText(helen.card)).not.toContain('No review')
    const noReview = await h.teams.invoke('helen', 'referral.no-review', {
      referralId: a.referralId,
      rationale: 'Single-agency matter, handled internally.',
    })
    expect(cardText(noReview.card)).toContain('a rapid review is mandatory')
    const learning = await h.teams.invoke('helen', 'referral.other-review', {
      referralId: a.referralId,
      decision: 'learning-review',
    })
    expect(cardText(learning.card)).toContain('a rapid review is mandatory')
    expect((await h.app.db.referral.findUniqueOrThrow({ where: { id: a.referralId } })).status).toBe(
      'AWAITING_SCREENING',
    )
    expect(
      await h.app.db.auditEvent.count({
        where: { subjectId: a.referralId, action: { in: ['REFERRAL_NO_REVIEW', 'REFERRAL_REVIEW_STARTED'] } },
      }),
    ).toBe(0)
  })
})

describe("problem 2: the clock runs from the local authority's awareness", () => {
  let referralId = ''
  let notificationId = ''

  it('is re-based when the notification lead records when the local authority became aware, by her only', async () => {
    ;({ referralId } = await submit({ ...serious, caseReference: 'HV-2026-3003' }))
    notificationId = (await notificationOf(referralId)).id
    expect(await dueOf(referralId)).toEqual({ panel: '2026-11-09', partners: '2026-11-09' })
    const claire = await h.teams.invoke('claire', 'notification.la-awareness', {
      notificationId,
      laAwareOn: '2026-11-03',
    })
    expect(cardText(claire.card)).toContain(
      "Only the local authority's notification lead records serious incident notifications.",
    )
    const future = await h.teams.invoke('kate', 'notification.la-awareness', {
      notificationId,
      laAwareOn: '2026-11-04',
    })
    expect(cardText(future.card)).toContain('The date cannot be in the future.')
    const early = await h.teams.invoke('kate', 'notification.la-awareness', { notificationId, laAwareOn: '2026-10-30' })
    expect(cardText(early.card)).toContain('The date cannot be before the incident.')
    const ok = await h.teams.invoke('kate', 'notification.la-awareness', { notificationId, laAwareOn: '2026-11-03' })
    expect(cardText(ok.card)).toContain('Recorded: the local authority became aware on Tue 3 Nov 2026')
    expect(cardText(ok.card)).not.toContain('(provisional)')
    // Tue 3 Nov + 5 working days = Tue 10 Nov: no longer provisional, on the channel card too.
    expect(await dueOf(referralId)).toEqual({ panel: '2026-11-10', partners: '2026-11-10' })
    await eventually(
      () =>
        h.connector
          .updatesTo(CASE_REVIEW_TEAMS_CHANNEL)
          .find((c) => cardText(cardOf(c)).includes(fact('Notify the national Panel by', 'Tue 10 Nov 2026\n'))),
      're-based channel card',
    )
    const audit = await h.app.db.auditEvent.findFirstOrThrow({
      where: { action: 'INCIDENT_LA_AWARENESS_RECORDED', subjectId: notificationId },
    })
    expect(audit.before).toMatchObject({ laAwareOn: null, 'due.panel': '2026-11-09' })
    expect(audit.after).toMatchObject({ laAwareOn: '2026-11-03', 'due.panel': '2026-11-10' })
    // Recording the same date again changes nothing.
    const again = await h.teams.invoke('kate', 'notification.la-awareness', { notificationId, laAwareOn: '2026-11-03' })
    expect(cardText(again.card)).toContain('already recorded')
    expect(
      await h.app.db.auditEvent.count({
        where: { action: 'INCIDENT_LA_AWARENESS_RECORDED', subjectId: notificationId },
      }),
    ).toBe(1)
  })

  it('tells the safeguarding partners as a task of its own, once, 1:1', async () => {
    const before = { mark: count('mark'), joanne: count('joanne'), nadia: count('nadia') }
    const ok = await h.teams.invoke('kate', 'notification.task-done', {
      notificationId,
      task: 'partners',
      doneOn: '2026-11-03',
    })
    expect(cardText(ok.card)).toContain('Tell the safeguarding partners: recorded as done on Tue 3 Nov 2026')
    for (const key of ['mark', 'joanne', 'nadia'] as const)
      await eventually(
        () =>
          sentTexts(key, before[key]).find((c) =>
            c.text.includes('the local authority tells the safeguarding partners'),
          ),
        `notice to ${key}`,
      )
    const again = await h.teams.invoke('kate', 'notification.task-done', {
      notificationId,
      task: 'partners',
      doneOn: '2026-11-03',
    })
    expect(cardText(again.card)).toContain('already recorded')
    await h.app.outbox.drain()
    expect(
      sentTexts('mark', before.mark).filter((c) => c.text.includes('tells the safeguarding partners')),
    ).toHaveLength(1)
  })

  it('starts the rapid review from the same anchor, so the screening card and the review agree', async () => {
    await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId })
    const review = await h.app.db.review.findFirstOrThrow({ where: { referralId }, include: { milestones: true } })
    const due = Object.fromEntries(review.milestones.map((m) => [m.key, m.dueDate.toISOString().slice(0, 10)]))
    // Tue 3 Nov + 15 working days = Tue 24 Nov (statutory); the meeting +12 = Thu 19 Nov.
    expect(due['sent-to-panel']).toBe('2026-11-24')
    expect(due['rapid-review-meeting']).toBe('2026-11-19')
    expect(due['panel-notification']).toBeUndefined()
    const helen = cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId })).card)
    expect(helen).toContain(fact('Rapid review to the Panel by', 'Tue 24 Nov 2026'))
    expect(helen).toContain(fact('Rapid review meeting by', 'Thu 19 Nov 2026'))
  })

  it('records the notification: the partners are told, and the rapid review carries the date', async () => {
    const before = count('nadia')
    const ok = await h.teams.invoke('kate', 'notification.notified', { notificationId, notifiedOn: '2026-11-03' })
    expect(cardText(ok.card)).toContain('Recorded as notified on Tue 3 Nov 2026')
    await eventually(
      () => sentTexts('nadia', before).find((c) => c.text.includes('notified to the national Panel')),
      'decision to Nadia',
    )
    expect(
      (await h.app.db.review.findFirstOrThrow({ where: { referralId } })).panelNotifiedOn?.toISOString().slice(0, 10),
    ).toBe('2026-11-03')
    const twice = await h.teams.invoke('kate', 'notification.notified', { notificationId, notifiedOn: '2026-11-03' })
    expect(cardText(twice.card)).toContain('already recorded')
    expect(await h.app.db.auditEvent.count({ where: { action: 'INCIDENT_NOTIFIED', subjectId: notificationId } })).toBe(
      1,
    )
  })

  it('counts a CDOP notification from the date the CDOP notified the partnership, not provisionally', async () => {
    const form = await h.teams.invoke('claire', 'open:review.cdop', {})
    const formToken = JSON.stringify(form.card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const res = await h.teams.invoke('claire', 'review.cdop', {
      formToken,
      cdopReference: 'CDOP-2026-031',
      ageBand: 'under-1',
      dateOfDeath: '2026-10-20',
      notifiedOn: '2026-10-29',
      abuseOrNeglectSuspected: 'true',
      agencies: 'health,police',
      summary: 'Unexplained infant death; neglect concerns noted by the panel.',
    })
    const reference = /NSCP-\d{4}-\d{4}/.exec(cardText(res.card))![0]
    const referral = await h.app.db.referral.findUniqueOrThrow({ where: { reference } })
    const n = await notificationOf(referral.id)
    expect([n.laAwareOn?.toISOString().slice(0, 10), n.laAwareSource]).toEqual(['2026-10-29', 'cdop'])
    // Thu 29 Oct + 5 working days = Thu 5 Nov.
    expect(await dueOf(referral.id)).toEqual({ panel: '2026-11-05', partners: '2026-11-05' })
    const card = cardText((await h.teams.invoke('kate', 'notification.open', { notificationId: n.id })).card)
    expect(card).toContain('the CDOP notification')
    expect(card).not.toContain('(provisional)')
  })
})

describe('problem 3: no rapid review clock, and no rapid review, for a case that was never notified', () => {
  it('shows no rapid review clock, refuses a rapid review, and offers the other reviews and no review', async () => {
    const { reference, referralId } = await submit(notSerious)
    expect(await h.app.db.incidentNotification.count({ where: { referralId } })).toBe(0)
    const post = await eventually(
      () => h.connector.sentTo(CASE_REVIEW_TEAMS_CHANNEL).find((c) => cardText(cardOf(c)).includes(reference)),
      'channel card',
    )
    expect(cardText(cardOf(post))).not.toContain('Rapid review')
    expect(cardText(cardOf(post))).not.toContain('Notify the national Panel')
    const helen = await h.teams.invoke('helen', 'referral.refresh', { referralId })
    expect(verbsIn(helen.card)).toEqual(['referral.ask', 'open:referral.other-review', 'referral.no-review'])
    const rapid = await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId })
    expect(cardText(rapid.card)).toContain('a rapid review only follows a notification')
    // A multi-agency learning review instead: it has no Panel milestones.
    const noAgency = await h.teams.invoke('helen', 'referral.other-review', { referralId, decision: 'single-agency' })
    expect(cardText(noAgency.card)).toContain('Choose the agency that will review its practice.')
    const ok = await h.teams.invoke('helen', 'referral.other-review', {
      referralId,
      decision: 'learning-review',
      rationale: 'Learning about information sharing with schools.',
    })
    expect(cardText(ok.card)).toContain(`Decision recorded for ${reference}`)
    const review = await h.app.db.review.findFirstOrThrow({ where: { referralId }, include: { milestones: true } })
    expect(review.typeKey).toBe('learning-review')
    expect(review.milestones.map((m) => m.key)).not.toContain('sent-to-panel')
    expect((await h.app.db.referral.findUniqueOrThrow({ where: { id: referralId } })).status).toBe('LEARNING_REVIEW')
  })

  it('opens the other choices once the local authority finds a serious incident not notifiable', async () => {
    const { referralId } = await submit({ ...serious, caseReference: 'HV-2026-3004' })
    const { id: notificationId } = await notificationOf(referralId)
    const named = await h.teams.invoke('kate', 'notification.not-notifiable', {
      notificationId,
      reasons: 'Jack Smith was harmed at home in SW1A 1AA.',
    })
    expect(cardText(named.card)).toContain('may identify a child or family member')
    const before = count('joanne')
    const ok = await h.teams.invoke('kate', 'notification.not-notifiable', {
      notificationId,
      reasons: 'The harm was accidental: no abuse or neglect is now suspected.',
    })
    expect(cardText(ok.card)).toContain('Recorded as not notifiable')
    const joanne = await eventually(
      () => sentTexts('joanne', before).find((c) => c.text.includes('not notifiable')),
      'decision to Joanne',
    )
    expect(joanne.text).toContain('no abuse or neglect is now suspected')
    const helen = await h.teams.invoke('helen', 'referral.refresh', { referralId })
    expect(verbsIn(helen.card)).toEqual(['referral.ask', 'open:referral.other-review', 'referral.no-review'])
    const rapid = await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId })
    expect(cardText(rapid.card)).toContain('has not been notified to the national Panel')
    // Problem 9: the criteria are met here, so "no review" is not "criteria not met".
    expect(cardText(helen.card)).not.toContain('criteria not met')
  })

  it("adds the Secretary of State and Ofsted for a looked-after child's death, whatever the criteria", async () => {
    const { referralId } = await submit({
      ...notSerious,
      caseReference: 'HV-2026-3005',
      criteria: 'died',
      lookedAfter: 'true',
    })
    const n = await notificationOf(referralId)
    expect(n.status).toBe('NOT_REQUIRED')
    // Tue 3 Nov... aware Mon 2 Nov + 5 working days (a setting, to be confirmed) = Mon 9 Nov.
    expect(await dueOf(referralId)).toEqual({ ofsted: '2026-11-09', 'secretary-of-state': '2026-11-09' })
    const card = await h.teams.invoke('kate', 'notification.open', { notificationId: n.id })
    expect(cardText(card.card)).toContain('to be confirmed against Working Together 2023, chapter 5')
    const ok = await h.teams.invoke('kate', 'notification.task-done', {
      notificationId: n.id,
      task: 'ofsted',
      doneOn: '2026-11-03',
    })
    expect(cardText(ok.card)).toContain('Notify Ofsted (looked-after child): recorded as done on Tue 3 Nov 2026')
  })
})

describe('problem 5: case detail never reaches the channel, and every free text is checked', () => {
  it('keeps a marker in every free-text field out of every channel post and update, Teams and Slack', async () => {
    const M = {
      caseReference: 'MARKCASE01',
      whatHappened: 'MARKWHAT01',
      whyReview: 'MARKWHY01',
      question: 'MARKASK01',
      answer: 'MARKANSWER01',
      rationale: 'MARKRATIONALE01',
      reasons: 'MARKREASONS01',
      other: 'MARKOTHER01',
    }
    const with_ = (marker: string, text: string) => `${text} ${marker}`
    const a = await submit({
      ...serious,
      caseReference: `CR ${M.caseReference}`,
      whatHappened: with_(M.whatHappened, serious.whatHappened),
      whyReview: with_(M.whyReview, serious.whyReview),
    })
    const { id: notificationId } = await notificationOf(a.referralId)
    await h.teams.invoke('helen', 'referral.ask', {
      referralId: a.referralId,
      question: with_(M.question, 'Was the GP told about the visits?'),
    })
    const question = await eventually(
      () => sentTexts('priya').find((c) => c.text.includes(M.question)),
      'question to Priya',
    )
    const questionId = JSON.stringify(question.card).match(/"questionId":"([0-9a-f-]{36})"/)![1]
    await h.teams.invoke('priya', 'referral.answer', {
      questionId,
      answer: with_(M.answer, 'Yes, by letter in October.'),
    })
    await h.teams.invoke('kate', 'notification.not-notifiable', {
      notificationId,
      reasons: with_(M.reasons, 'No abuse or neglect is now suspected.'),
    })
    await h.teams.invoke('helen', 'referral.no-review', {
      referralId: a.referralId,
      rationale: with_(M.rationale, 'Already reviewed by the hospital trust.'),
    })
    const b = await submit({ ...notSerious, caseReference: 'HV-2026-3010' })
    await h.teams.invoke('helen', 'referral.other-review', {
      referralId: b.referralId,
      decision: 'good-practice',
      rationale: with_(M.other, 'Good joint work worth sharing.'),
    })
    await h.app.outbox.drain()
    // The people who may see them did.
    const helen = cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId: a.referralId })).card)
    for (const m of [M.whatHappened, M.question, M.answer, M.rationale, M.reasons]) expect(helen).toContain(m)
    await eventually(() => sentTexts('priya').find((c) => c.text.includes(M.rationale)), 'rationale to the referrer')
    // The channels never did, on either platform, in any post or update.
    await eventually(
      () => channelTexts().some((t) => t.includes(b.reference) && t.includes('Good practice review started')),
      'last update',
    )
    const everything = channelTexts().join('\n')
    expect(everything).toContain(a.reference)
    for (const m of Object.values(M)) expect(everything).not.toContain(m)
  })

  it("checks the chair's question and rationale for identifying details, like the referral itself", async () => {
    const { referralId } = await submit({ ...notSerious, caseReference: 'HV-2026-3011' })
    const ask = await h.teams.invoke('helen', 'referral.ask', {
      referralId,
      question: 'Did Jack Smith of SW1A 1AA attend school?',
    })
    expect(cardText(ask.card)).toContain('may identify a child or family member')
    const rationale = await h.teams.invoke('helen', 'referral.no-review', {
      referralId,
      rationale: 'NHS number 943 476 5919 already reviewed.',
    })
    expect(cardText(rationale.card)).toContain('may identify a child or family member')
    expect(await h.app.db.referralQuestion.count({ where: { referralId } })).toBe(0)
    expect((await h.app.db.referral.findUniqueOrThrow({ where: { id: referralId } })).status).toBe('AWAITING_SCREENING')
  })
})

describe('problem 6: one source of truth for the timescales', () => {
  it('refuses a change to a statutory timescale; a local one needs a reason and applies to new reviews', async () => {
    const statutory = await h.teams.invoke('claire', 'review.edit-type', {
      milestoneKey: 'rapid-review/sent-to-panel',
      amount: '30',
      unit: 'working-days',
      reason: 'The Panel gives us longer now.',
    })
    expect(cardText(statutory.card)).toContain('This timescale is statutory (15 working days')
    const noReason = await h.teams.invoke('claire', 'review.edit-type', {
      milestoneKey: 'rapid-review/rapid-review-meeting',
      amount: '13',
      unit: 'working-days',
    })
    expect(cardText(noReason.card)).toContain('Give the reason for the change.')
    const running = await h.app.db.review.findFirstOrThrow({
      where: { typeKey: 'rapid-review' },
      include: { milestones: { where: { key: 'rapid-review-meeting' } } },
    })
    const ok = await h.teams.invoke('claire', 'review.edit-type', {
      milestoneKey: 'rapid-review/rapid-review-meeting',
      amount: '13',
      unit: 'working-days',
      reason: 'The group now meets on Fridays only.',
    })
    expect(cardText(ok.card)).toContain('now falls due 13 working days')
    const change = await h.app.db.settingChange.findFirstOrThrow({
      where: { subject: 'review-type:rapid-review:rapid-review-meeting' },
    })
    expect(change.reason).toBe('The group now meets on Fridays only.')
    const audit = await h.app.db.auditEvent.findFirstOrThrow({
      where: { action: 'REVIEW_TYPE_CHANGED' },
      orderBy: { seq: 'desc' },
    })
    expect(audit.after).toMatchObject({
      milestoneKey: 'rapid-review-meeting',
      amount: 13,
      settingChangeId: change.id,
      fields: ['reason'],
    })
    // A new serious incident: the screening card and the rapid review give the same dates.
    const { referralId } = await submit({ ...serious, caseReference: 'HV-2026-3020' })
    const before = cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId })).card)
    // Aware Mon 2 Nov: meeting +13 working days = Thu 19 Nov; sent to the Panel +15 = Mon 23 Nov (statutory).
    expect(before).toContain(fact('Rapid review meeting by', 'Thu 19 Nov 2026 (provisional)'))
    expect(before).toContain(fact('Rapid review to the Panel by', 'Mon 23 Nov 2026 (provisional)'))
    await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId })
    const review = await h.app.db.review.findFirstOrThrow({ where: { referralId }, include: { milestones: true } })
    const due = Object.fromEntries(review.milestones.map((m) => [m.key, m.dueDate.toISOString().slice(0, 10)]))
    expect([due['rapid-review-meeting'], due['sent-to-panel']]).toEqual(['2026-11-19', '2026-11-23'])
    const after = cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId })).card)
    expect(after).toContain(fact('Rapid review meeting by', 'Thu 19 Nov 2026'))
    expect(after).toContain(fact('Rapid review to the Panel by', 'Mon 23 Nov 2026'))
    // The review already running keeps its date.
    const kept = await h.app.db.milestone.findUniqueOrThrow({ where: { id: running.milestones[0]!.id } })
    expect(kept.dueDate).toEqual(running.milestones[0]!.dueDate)
    // The warning's numbers come from the same values.
    expect(before).toContain('within 5 working days of becoming aware')
    // The card's one read of the review sees its clock milestones and whether each is done.
    await h.app.db.milestone.updateMany({
      where: { reviewId: review.id, key: 'rapid-review-meeting' },
      data: { status: 'DONE' },
    })
    const read = await findReferralReview(h.app.db, referralId)
    expect(read).toMatchObject({ typeKey: 'rapid-review', child: null, shownTypeName: 'Rapid review' })
    expect(read!.clockMilestones).toEqual(
      expect.arrayContaining([
        { key: 'rapid-review-meeting', dueDate: '2026-11-19', isDone: true },
        { key: 'sent-to-panel', dueDate: '2026-11-23', isDone: false },
      ]),
    )
  })
})

describe('problem 8: the child death review covers 0 to 17 and no stillbirth', () => {
  it('offers neither "Unborn" nor "Care leaver" on the CDOP form, and refuses them', async () => {
    const form = await h.teams.invoke('claire', 'open:review.cdop', {})
    const text = JSON.stringify(form.card)
    expect(text).not.toContain('Unborn')
    expect(text).not.toContain('Care leaver')
    expect(text).toContain('16 to 17')
    const formToken = text.match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    for (const ageBand of ['unborn', 'care-leaver-18-25']) {
      const res = await h.teams.invoke('claire', 'review.cdop', {
        formToken,
        cdopReference: 'CDOP-2026-040',
        ageBand,
        dateOfDeath: '2026-10-20',
        notifiedOn: '2026-10-29',
        agencies: 'health',
        summary: 'Expected death after a long illness; no concerns noted.',
      })
      expect(cardText(res.card)).toContain('the child death review covers 0 to 17')
    }
    expect(await h.app.db.review.count({ where: { reference: 'CDOP CDOP-2026-040' } })).toBe(0)
  })
})

describe('problem 9: the wording says what is meant', () => {
  it('offers "No review: criteria not met" only when the criteria are not met', async () => {
    const { referralId } = await submit({ ...notSerious, caseReference: 'HV-2026-3030' })
    expect(cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId })).card)).toContain(
      'No review: criteria not met',
    )
  })

  it('lists the practice learning review as a current type, not a former name', async () => {
    await h.teams.message('claire', 'review types')
    const text = sentTexts('claire').at(-1)!.text
    expect(text).not.toContain('formerly practice learning review')
    expect(text).toContain('Practice learning review')
  })
})

describe('nudges for the notification', () => {
  it('nudges the notification lead like any milestone, and the chair when it is 5 working days late', async () => {
    const { referralId } = await submit({ ...serious, caseReference: 'HV-2026-3040' })
    const { id: notificationId } = await notificationOf(referralId)
    const tasks = await h.app.db.notificationTask.findMany({ where: { notificationId } })
    setNow('2026-11-09T10:00:00Z') // Mon 9 Nov: due today
    const before = count('kate')
    await runNudges({ db: h.app.db, clock })
    await h.app.outbox.drain()
    const digest = sentTexts('kate', before).find((c) => c.text.includes('Reminders'))!
    expect(digest.text).toMatch(/Due today[\s\S]*Notify the national Panel/)
    // She snoozes it; the chair still hears at 5 working days late (Mon 16 Nov).
    const panel = tasks.find((t) => t.key === 'panel')!
    const snoozed = await h.teams.invoke('kate', 'milestone.snooze', { milestoneId: panel.id })
    expect(cardText(snoozed.card)).toContain('No reminders about "Notify the national Panel" until Wed 11 Nov 2026')
    setNow('2026-11-16T10:00:00Z')
    const helenBefore = count('helen')
    await runNudges({ db: h.app.db, clock })
    await h.app.outbox.drain()
    const escalation = sentTexts('helen', helenBefore).find((c) => c.text.includes('Late: for your attention as chair'))
    expect(escalation?.text).toContain('with Kate Morgan')
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})
