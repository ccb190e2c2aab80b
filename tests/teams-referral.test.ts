/**
 * The walking skeleton in Teams, through the real protocol: activities posted to /api/messages, replies and
 * proactive messages recorded by a fake Bot Connector, a real PostgreSQL behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../lib/clock.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { CASE_REVIEW_TEAMS_CHANNEL, eventually, person, startHarness, type Harness } from './support/harness.js'

let h: Harness
const PRIYA_CHAT = 'a:personal-priya'

const goodReferral = {
  caseReference: 'HV-2026-1182',
  ageBand: 'under-1',
  incidentDate: '2026-11-26',
  awarenessDate: '2026-11-27',
  criteria: 'abuse-or-neglect,seriously-harmed',
  agencies: 'police,csc',
  whatHappened: 'Infant admitted to hospital with unexplained bruising after several missed health visits.',
  whyReview: 'Health and police held different information and it was not shared in time.',
}

/** The form token a form card carries in its submit action. */
const formTokenOf = (card: any): string => JSON.stringify(card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!

async function openForm(): Promise<string> {
  const before = h.connector.sentTo(PRIYA_CHAT).length
  await h.teams.message('priya', 'referral')
  const sent = h.connector.sentTo(PRIYA_CHAT).slice(before)
  return formTokenOf(cardOf(sent.at(-1)))
}

beforeAll(async () => {
  h = await startHarness({ clock: fixedClock('2026-12-01T10:00:00Z') })
  // The business manager chooses the Case Review Group's Teams channel from inside it.
  const res = await h.teams.channelMessage('claire', 'set channel case-review')
  expect(res.status).toBe(200)
  expect(cardText(cardOf(h.connector.sentTo(CASE_REVIEW_TEAMS_CHANNEL).at(-1)))).toContain(
    'This channel will now receive the Case Review Group cards',
  )
})
afterAll(async () => h?.stop())

describe('Teams: raising a referral', () => {
  it('answers "hi" with the help card, whose button opens the referral form, without asking for a name', async () => {
    const res = await h.teams.message('priya', 'hi')
    expect(res.status).toBe(200)
    const help = cardOf(h.connector.sentTo(PRIYA_CHAT).at(-1))
    expect(cardText(help)).toContain('Hello Priya')
    expect(verbsIn(help)).toEqual(['open:referral.submit'])
    const form = (await h.teams.invoke('priya', 'open:referral.submit', {})).card
    const text = cardText(form)
    expect(text).toContain("Case reference in your agency's system")
    expect(text).toContain("Child's age band")
    expect(text).toContain('Date your agency became aware')
    expect(text).toContain('Good practice worth sharing')
    expect(text).toContain('Northshire Police')
    // Priya's own agency is not offered as an "other" agency.
    expect(text).not.toContain('Northshire NHS Foundation Trust')
    // No field asks for a name.
    const labels = JSON.stringify(form).match(/"label":"[^"]*"/g) ?? []
    expect(labels.filter((l) => /name/i.test(l))).toEqual([])
    expect(verbsIn(form)).toEqual(['referral.submit'])
    // Universal Actions with an Action.Submit fallback for older clients.
    expect(JSON.stringify(form)).toContain('"fallback":{"type":"Action.Submit"')
  })

  it('returns the same form with field messages and the answers kept when input is invalid', async () => {
    const formToken = await openForm()
    const missing = await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      ...goodReferral,
      caseReference: '',
      criteria: '',
    })
    expect(missing.status).toBe(200)
    let text = cardText(missing.card)
    expect(text).toContain("Enter the case reference from your agency's system.")
    expect(text).toContain('Choose at least one criterion.')
    expect(JSON.stringify(missing.card)).toContain(goodReferral.whatHappened) // answers kept

    const future = await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      ...goodReferral,
      incidentDate: '2026-12-02',
      awarenessDate: '2026-12-03',
    })
    text = cardText(future.card)
    expect(text).toContain('The incident date cannot be in the future.')
    expect(text).toContain('The date your agency became aware cannot be in the future.')

    const backwards = await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      ...goodReferral,
      incidentDate: '2026-11-27',
      awarenessDate: '2026-11-20',
    })
    expect(cardText(backwards.card)).toContain('Your agency cannot have become aware before the incident date.')
    expect(await h.app.db.referral.count()).toBe(0)
  })

  it('refuses a day that does not exist, next to the field, and logs no narrative', async () => {
    const formToken = await openForm()
    for (const impossible of ['2026-02-30', '0000-00-00', '2026-13-01']) {
      const res = await h.teams.invoke('priya', 'referral.submit', {
        formToken,
        ...goodReferral,
        incidentDate: impossible,
      })
      expect(res.status).toBe(200)
      expect(cardText(res.card)).toContain('That date does not exist: check the day and month.')
      expect(JSON.stringify(res.card)).toContain(goodReferral.whatHappened) // answers kept
    }
    expect(await h.app.db.referral.count()).toBe(0)
    expect(h.logs.join('\n')).not.toContain(goodReferral.whatHappened)
  })

  it('warns about identifying details and saves only after the referrer confirms', async () => {
    const formToken = await openForm()
    const withName = {
      ...goodReferral,
      whatHappened: 'Jack Smith was seen at SW1A 1AA with bruising; NHS number 943 476 5919.',
    }
    const warned = await h.teams.invoke('priya', 'referral.submit', { formToken, ...withName })
    const text = cardText(warned.card)
    expect(text).toContain('may identify a child or family member')
    expect(text).toContain("what looks like a person's name")
    expect(text).toContain('what looks like a postcode')
    expect(text).toContain('what looks like an NHS number')
    expect(JSON.stringify(warned.card)).toContain('"id":"confirmSensitive"')
    expect(await h.app.db.referral.count()).toBe(0)
    // The log never carries the free text.
    expect(h.logs.join('\n')).not.toContain('Jack Smith')

    const edited = await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      ...goodReferral,
      confirmSensitive: 'false',
    })
    expect(cardText(edited.card)).toMatch(/Referral NSCP-2026-\d{4} received/)
  })

  it('reports every problem in one reply, quoting the flagged words without markdown (issue 11 item 7)', async () => {
    const formToken = await openForm()
    const saved = await h.app.db.referral.count()
    const threeProblems = {
      ...goodReferral,
      criteria: '',
      incidentDate: '2026-12-02',
      whatHappened: 'Jack Smith was taken to hospital with unexplained bruising after missed health visits.',
    }
    const once = await h.teams.invoke('priya', 'referral.submit', { formToken, ...threeProblems })
    const text = cardText(once.card)
    // The schema's message, the future-date rule and the identifying details, all from one submit.
    expect(text).toContain('Choose at least one criterion.')
    expect(text).toContain('The incident date cannot be in the future.')
    expect(text).toContain(`what looks like a person's name (“Jack Smith”)`)
    expect(text).not.toContain('*')
    expect(JSON.stringify(once.card)).toContain('"id":"confirmSensitive"')
    expect(JSON.stringify(once.card)).toContain(threeProblems.whatHappened) // answers kept
    // Confirming the words is not enough: the other answers still need fixing, and they say so.
    const confirmed = await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      ...threeProblems,
      confirmSensitive: 'true',
    })
    expect(cardText(confirmed.card)).toContain('Choose at least one criterion.')
    expect(cardText(confirmed.card)).not.toContain("what looks like a person's name")
    expect(await h.app.db.referral.count()).toBe(saved)
    expect(h.logs.join('\n')).not.toContain('Jack Smith')
  })

  it('confirms with a sequential reference, once, however often the form is submitted', async () => {
    const formToken = await openForm()
    const first = await h.teams.invoke('priya', 'referral.submit', { formToken, ...goodReferral })
    const second = await h.teams.invoke('priya', 'referral.submit', { formToken, ...goodReferral })
    expect(cardText(first.card)).toContain('Referral NSCP-2026-0002 received')
    expect(cardText(first.card)).toContain('What happens next')
    expect(cardText(second.card)).toContain('This form was already submitted: your referral is NSCP-2026-0002')
    expect(await h.app.db.referral.count({ where: { submissionKey: formToken } })).toBe(1)

    // Two copies at the same moment still make one referral.
    const raceToken = await openForm()
    const results = await Promise.all(
      [1, 2, 3].map(() => h.teams.invoke('priya', 'referral.submit', { formToken: raceToken, ...goodReferral })),
    )
    const refs = new Set(results.map((r) => /NSCP-2026-\d{4}/.exec(cardText(r.card))?.[0]))
    expect(refs).toEqual(new Set(['NSCP-2026-0003']))
    expect(await h.app.db.referral.count({ where: { submissionKey: raceToken } })).toBe(1)
  })

  it('accepts the Action.Submit fallback from clients without Universal Actions', async () => {
    const formToken = await openForm()
    const before = h.connector.sentTo(PRIYA_CHAT).length
    const res = await h.teams.submitFallback('priya', { verb: 'referral.submit', formToken, ...goodReferral })
    expect(res.status).toBe(200)
    expect(cardText(cardOf(h.connector.sentTo(PRIYA_CHAT).slice(before).at(-1)))).toContain(
      'Referral NSCP-2026-0004 received',
    )
  })
})

describe('Teams: screening by the Case Review Group', () => {
  let referralId = ''
  let channelActivityId = ''

  it('posts a screening card with the statutory clocks, and no case detail, to the Case Review Group channel', async () => {
    const referral = await h.app.db.referral.findUniqueOrThrow({ where: { reference: 'NSCP-2026-0002' } })
    referralId = referral.id
    const post = await eventually(
      () => h.connector.sentTo(CASE_REVIEW_TEAMS_CHANNEL).find((c) => cardText(cardOf(c)).includes('NSCP-2026-0002')),
      'screening card in the channel',
    )
    channelActivityId = `activity-${h.connector.calls.indexOf(post) >= 0 ? '' : ''}`
    const card = cardOf(post)
    const text = cardText(card)
    expect(text).toContain('Review referral NSCP-2026-0002')
    expect(text).toContain('Under 1')
    expect(text).toContain("Northshire Police, Northshire Council Children's Social Care")
    // The notification clock started at submission, counted from the agency's awareness until the local
    // authority records its own: aware Fri 27 Nov 2026, so 5 working days is Fri 4 Dec; 15 is Fri 18 Dec.
    expect(text).toContain('Notify the national Panel by\nFri 4 Dec 2026 (provisional)')
    expect(text).toContain('Tell the safeguarding partners by\nFri 4 Dec 2026 (provisional)')
    expect(text).toContain('Rapid review to the Panel by\nFri 18 Dec 2026 (provisional)')
    // Everyone in the channel sees no buttons and no case detail (not even the criteria); the chair's client
    // refreshes it into her own view.
    expect(verbsIn(card)).toEqual([])
    for (const detail of [
      goodReferral.whatHappened,
      goodReferral.whyReview,
      goodReferral.caseReference,
      'Abuse or neglect',
    ])
      expect(text).not.toContain(detail)
    expect(card.refresh.action.verb).toBe('referral.refresh')
    expect(card.refresh.userIds).toContain(`8:orgid:${person('helen').teamsAadObjectId}`)
  })

  it('shows the decision buttons and the case to the chair only; a serious incident offers no "no review"', async () => {
    const helen = await h.teams.invoke('helen', 'referral.refresh', { referralId })
    expect(verbsIn(helen.card)).toEqual(['referral.start-rapid-review', 'referral.ask'])
    expect(cardText(helen.card)).toContain(goodReferral.whatHappened)
    expect(cardText(helen.card)).toContain('Abuse or neglect is known or suspected; The child was seriously harmed')
    // A member of the Case Review Group who is not deciding sees what the channel sees.
    const dana = await h.teams.invoke('dana', 'referral.refresh', { referralId })
    expect(verbsIn(dana.card)).toEqual([])
    expect(cardText(dana.card)).toContain('Waiting for the chair of the Case Review Group to decide.')
    expect(cardText(dana.card)).not.toContain(goodReferral.whatHappened)
  })

  it('tells anyone else who presses a decision button that only the chair can decide, and changes nothing', async () => {
    const dana = await h.teams.invoke('dana', 'referral.start-rapid-review', { referralId })
    expect(cardText(dana.card)).toContain('Only the chair of the Case Review Group can decide.')
    const priya = await h.teams.invoke('priya', 'referral.start-rapid-review', { referralId })
    expect(cardText(priya.card)).toContain('Only the chair of the Case Review Group can decide.')
    expect((await h.app.db.referral.findUniqueOrThrow({ where: { id: referralId } })).status).toBe('AWAITING_SCREENING')
  })

  it("sends the chair's question to the referrer 1:1 and brings the answer back to the chair's view only", async () => {
    const before = h.connector.sentTo(PRIYA_CHAT).length
    const noQuestion = await h.teams.invoke('helen', 'referral.ask', { referralId, question: '' })
    expect(cardText(noQuestion.card)).toContain('Write the question for the referrer.')
    const asked = await h.teams.invoke('helen', 'referral.ask', {
      referralId,
      question: 'Was the GP told about the missed visits?',
    })
    expect(cardText(asked.card)).toContain('Question sent to the referrer of NSCP-2026-0002')
    const questionCard = cardOf(
      await eventually(
        () =>
          h.connector
            .sentTo(PRIYA_CHAT)
            .slice(before)
            .find((c) => cardText(cardOf(c)).includes('Was the GP told')),
        'question to Priya',
      ),
    )
    expect(verbsIn(questionCard)).toEqual(['referral.answer'])
    const questionId = JSON.stringify(questionCard).match(/"questionId":"([0-9a-f-]{36})"/)![1]

    const dana = await h.teams.invoke('dana', 'referral.answer', { questionId, answer: 'Not me.' })
    expect(cardText(dana.card)).toContain('Only the person who raised the referral can answer.')
    const answered = await h.teams.invoke('priya', 'referral.answer', {
      questionId,
      answer: 'Yes, by letter on 20 November.',
    })
    expect(cardText(answered.card)).toContain('Answer sent for NSCP-2026-0002')
    // The channel card says a question was answered, never what was asked or answered.
    const update = await eventually(
      () =>
        h.connector
          .updatesTo(CASE_REVIEW_TEAMS_CHANNEL)
          .find((c) => cardText(cardOf(c)).includes('1 asked, 1 answered')),
      'answered count on the channel card',
    )
    expect(cardText(cardOf(update))).not.toContain('Was the GP told')
    expect(cardText(cardOf(update))).not.toContain('Yes, by letter on 20 November.')
    const helen = cardText((await h.teams.invoke('helen', 'referral.refresh', { referralId })).card)
    expect(helen).toContain('Was the GP told about the missed visits?')
    expect(helen).toContain('Yes, by letter on 20 November.')
  })

  it('records the decision, updates the card for everyone and tells the referrer', async () => {
    const before = h.connector.sentTo(PRIYA_CHAT).length
    const res = await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId })
    expect(cardText(res.card)).toContain('Decision recorded for NSCP-2026-0002')
    expect(verbsIn(res.card)).toEqual([])
    const update = await eventually(
      () =>
        h.connector
          .updatesTo(CASE_REVIEW_TEAMS_CHANNEL)
          .find((c) => cardText(cardOf(c)).includes('Decided by Helen Marsh')),
      'decided card in the channel',
    )
    expect(cardText(cardOf(update))).toContain('Rapid review started')
    expect(update.activityId).toMatch(/^activity-/)
    const notice = await eventually(
      () =>
        h.connector
          .sentTo(PRIYA_CHAT)
          .slice(before)
          .find((c) => cardText(cardOf(c)).includes('Decision on referral NSCP-2026-0002')),
      'outcome to Priya',
    )
    expect(cardText(cardOf(notice))).toContain('Helen Marsh decided: Rapid review started.')
    void channelActivityId

    const again = await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId })
    expect(cardText(again.card)).toContain('NSCP-2026-0002 was already decided by Helen Marsh: Rapid review started.')
  })

  it('gives one decision when two are pressed at the same moment', async () => {
    const r = await h.app.db.referral.findUniqueOrThrow({ where: { reference: 'NSCP-2026-0003' } })
    const [a, b] = await Promise.all([
      h.teams.invoke('helen', 'referral.start-rapid-review', { referralId: r.id }),
      h.teams.invoke('helen', 'referral.start-rapid-review', { referralId: r.id }),
    ])
    const texts = [cardText(a.card), cardText(b.card)]
    expect(texts.filter((t) => t.includes('Decision recorded')).length).toBe(1)
    expect(texts.filter((t) => t.includes('was already decided by Helen Marsh')).length).toBe(1)
    const events = await h.app.db.auditEvent.count({
      where: { subjectId: r.id, action: { in: ['REFERRAL_RAPID_REVIEW_STARTED', 'REFERRAL_NO_REVIEW'] } },
    })
    expect(events).toBe(1)
    expect(await h.app.db.review.count({ where: { referralId: r.id } })).toBe(1)
  })
})

describe('Teams: status and strangers', () => {
  it("lists my referrals and no one else's", async () => {
    const before = h.connector.sentTo(PRIYA_CHAT).length
    await h.teams.message('priya', 'my referrals')
    const text = cardText(cardOf(h.connector.sentTo(PRIYA_CHAT).slice(before).at(-1)))
    expect(text).toContain('NSCP-2026-0002')
    expect(text).toContain('Rapid review started')
    await h.teams.message('tom', 'my referrals')
    expect(cardText(cardOf(h.connector.sentTo('a:personal-tom').at(-1)))).toContain(
      'You have not raised any referrals yet.',
    )
  })

  it('keeps personal lists and forms out of a channel, where everyone would see them', async () => {
    const before = h.connector.sentTo(CASE_REVIEW_TEAMS_CHANNEL).length
    await h.teams.channelMessage('priya', 'my referrals')
    await h.teams.channelMessage('priya', 'referral')
    const replies = h.connector
      .sentTo(CASE_REVIEW_TEAMS_CHANNEL)
      .slice(before)
      .map((c) => cardText(cardOf(c)))
    expect(replies).toHaveLength(2)
    for (const text of replies) {
      expect(text).toContain('I answer them in a 1:1 chat')
      expect(text).not.toContain('NSCP-2026')
    }
  })

  it('politely turns away someone who is not registered, and saves nothing', async () => {
    const stranger = { id: '29:stranger', name: 'Stranger', aadObjectId: 'ffffffff-0000-4000-8000-000000000000' }
    const res = await h.teams.message(stranger, 'hi')
    expect(res.status).toBe(200)
    const text = cardText(cardOf(h.connector.sentTo('a:personal-29:stranger').at(-1)))
    expect(text).toContain('you are not registered with this partnership')
    expect(verbsIn(cardOf(h.connector.sentTo('a:personal-29:stranger').at(-1)))).toEqual([])
    const invoke = await h.teams.post({
      ...{
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: h.connector.url,
        from: stranger,
        recipient: { id: '28:bot' },
        conversation: { id: 'a:x', conversationType: 'personal' },
      },
      value: {
        action: {
          type: 'Action.Execute',
          verb: 'referral.submit',
          data: { formToken: crypto.randomUUID(), ...goodReferral },
        },
      },
    })
    expect(cardText((invoke.body as any).value)).toContain('you are not registered with this partnership')
  })

  it('writes every change to a hash chain that verifies', async () => {
    const actions = (await h.app.db.auditEvent.findMany({ select: { action: true } })).map((e) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'PARTNERSHIP_SEEDED',
        'CHANNEL_SET',
        'REFERRAL_SUBMITTED',
        'REFERRAL_INFO_REQUESTED',
        'REFERRAL_INFO_PROVIDED',
        'REFERRAL_RAPID_REVIEW_STARTED',
        'PERSON_ADDRESS_CHANGED',
      ]),
    )
    // The audit log records ids, statuses, dates and the names of the free-text fields, never their text.
    const audit = JSON.stringify(await h.app.db.auditEvent.findMany({ select: { before: true, after: true } }))
    for (const secret of [
      goodReferral.whatHappened,
      goodReferral.whyReview,
      goodReferral.caseReference,
      'Was the GP told',
      'by letter on 20 November',
    ]) {
      expect(audit).not.toContain(secret)
    }
    const submitted = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'REFERRAL_SUBMITTED' } })
    expect(submitted.after).toMatchObject({
      status: 'AWAITING_SCREENING',
      fields: ['caseReference', 'whatHappened', 'whyReview'],
    })
    // The logs say what happened by id and code, never with the referral's free text.
    const logs = h.logs.join('\n')
    expect(logs).toContain('"verb":"referral.submit"')
    for (const secret of [
      goodReferral.whatHappened,
      goodReferral.whyReview,
      'Was the GP told',
      'by letter on 20 November',
    ])
      expect(logs).not.toContain(secret)
    const report = await verifyAuditChain(h.app.db)
    expect(report.problems).toEqual([])
    expect(report.events).toBeGreaterThan(8)
  })
})
