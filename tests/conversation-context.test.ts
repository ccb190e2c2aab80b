/**
 * Issue 11 items 3, 4, 5, 6 and 8 through the Teams protocol and a real PostgreSQL: people asked for information
 * see which case it is (and a stand-in why it came to them); the chair records the outcome seeing the agencies'
 * replies; the channel card follows the review; notices offer the next step; a verify card keeps "Accept as done"
 * while sending back; a list answers a change with the list again; an action's owner belongs to its agency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardOf, cardText, verbsIn, actionData } from './support/fake-connector.js'
import {
  CASE_REVIEW_TEAMS_CHANNEL,
  eventually,
  startHarness,
  type Harness,
  type PersonKey,
  NO_SUBMIT_LIMITS,
  newestCardTo,
} from './support/harness.js'
import { collect } from './support/walk.js'

const clock = {
  at: new Date('2026-11-03T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
const chat = (key: PersonKey) => `a:personal-${key}`
const cardTo = (key: PersonKey, needle: string) => newestCardTo(h, key, needle)
/** The newest version of the channel card about `reference` (posted, or updated in place since). */
const channelCard = (reference = 'NSCP-2026-0001') =>
  h.connector.calls
    .filter((c) => ['POST', 'PUT'].includes(c.method) && c.conversationId.split(';')[0] === CASE_REVIEW_TEAMS_CHANNEL)
    .map(cardOf)
    .filter((c) => cardText(c).includes(reference))
    .at(-1)
const press = actionData
async function act(key: PersonKey, card: any, verb: string, answers: Record<string, string> = {}, title?: string) {
  const res = await h.teams.invoke(key, verb, { ...press(card, verb, title), ...answers })
  expect(res.status).toBe(200)
  return res.card
}
/** The titles of a card's ShowCard buttons (inline forms). */
const showCards = (card: any) =>
  (
    collect(card, (n: any) => (n.type === 'Action.ShowCard' ? [n] : []), ['refresh']) as unknown as { title: string }[]
  ).map((a) => a.title)
const person = async (key: string) => (await h.app.db.person.findFirstOrThrow({ where: { key } })).id

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '', ...NO_SUBMIT_LIMITS } })
  await h.teams.channelMessage('claire', 'set channel case-review')
  for (const key of [
    'priya',
    'dana',
    'sam',
    'helen',
    'robert',
    'claire',
    'tom',
    'mark',
    'joanne',
    'nadia',
    'kate',
  ] as const)
    await h.teams.message(key, 'my referrals')
})
afterAll(async () => h?.stop())

describe('Teams: a rapid review asks and decides with context', () => {
  it('asks each agency with the case it is about, and tells a stand-in why it came to her (item 3)', async () => {
    await h.teams.message('priya', 'referral')
    const form = await cardTo('priya', 'Raise a review referral')
    const formToken = JSON.stringify(form).match(/"formToken":"([0-9a-f-]{36})"/)![1]
    await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      caseReference: 'HV-2026-9001',
      ageBand: '1-4',
      incidentDate: '2026-11-01',
      awarenessDate: '2026-11-02',
      criteria: 'abuse-or-neglect,seriously-harmed',
      agencies: 'police,csc',
      whatHappened: 'Toddler admitted with a head injury; carers gave differing accounts.',
      whyReview: 'Police and health each saw part of it.',
    })
    const notification = await act('kate', await cardTo('kate', 'notification due'), 'notification.open')
    await act('kate', notification, 'notification.la-awareness', { laAwareOn: '2026-11-03' })
    await act('kate', notification, 'notification.notified', { notifiedOn: '2026-11-03' })
    const helenView = (await h.teams.invoke('helen', 'referral.refresh', channelCard().refresh.action.data)).card
    await act('helen', helenView, 'referral.start-rapid-review')

    // The referring agency's own lead sees its case reference; every lead sees age band, incident date, criteria.
    const sam = cardText(await cardTo('sam', 'information needed'))
    expect(sam).toContain('HV-2026-9001')
    expect(sam).toContain('Sun 1 Nov 2026')
    expect(sam).toContain('The child was seriously harmed')
    const dana = cardText(await cardTo('dana', 'information needed'))
    expect(dana).toContain('Sun 1 Nov 2026')
    expect(dana).not.toContain('HV-2026-9001')
    expect(dana).not.toContain('came to you because')
    // Children's social care has no safeguarding lead registered: the business manager is told why it is hers.
    const claire = cardText(await cardTo('claire', 'information needed'))
    expect(claire).toMatch(/came to you because .* has no safeguarding lead registered/)
    expect(claire).not.toContain('HV-2026-9001')
  })

  it('lets the stand-in pass the request on to someone of that agency, once (item 3)', async () => {
    const request = await cardTo('claire', 'information needed')
    const form = await act('claire', request, 'open:review.pass-on')
    expect(cardText(form)).toContain('Tom')
    expect(cardText(form)).not.toContain('Dana')
    // Someone from another agency is refused next to the field, with nothing moved.
    const refused = await act('claire', form, 'review.pass-on', { personId: await person('dana') })
    expect(cardText(refused)).toContain("Choose someone from Northshire Council Children's Social Care.")
    // Dana may not pass on a request that is not hers.
    const dana = await h.teams.invoke('dana', 'open:review.pass-on', press(request, 'open:review.pass-on'))
    expect(cardText(dana.card)).not.toContain('Who should answer?')
    const passed = await act('claire', form, 'review.pass-on', { personId: await person('tom') })
    expect(cardText(passed)).toContain('Tom')
    const tom = await cardTo('tom', 'information needed')
    expect(cardText(tom)).toContain('Sun 1 Nov 2026')
    expect(cardText(tom)).not.toContain('came to you because')
    expect(cardText(tom)).not.toContain('HV-2026-9001')
    const again = await act('claire', form, 'review.pass-on', { personId: await person('tom') })
    expect(cardText(again)).not.toContain('Passed on')
  })

  it('shows the chair what the agencies sent, and the status moves on once all replied (item 4)', async () => {
    const answers = {
      sam: 'Health visitor saw bruising in September; advice given.',
      dana: 'Two call-outs in October; no referral to social care was made.',
    } as const
    for (const [key, chronology] of Object.entries(answers) as [PersonKey, string][])
      await act(key, await cardTo(key, 'information needed'), 'review.answer-information', {
        chronology,
        immediateLearning: 'Reminded staff of the referral pathway.',
      })
    const status = await eventually(async () => {
      await h.teams.message('helen', 'review status')
      return h.connector
        .sentTo(chat('helen'))
        .map(cardOf)
        .reverse()
        .find((c) => cardText(c).startsWith('Live reviews'))
    }, 'review status')
    expect(cardText(status)).toContain('Gathering agency information')
    const partial = await act('helen', status, 'open:review.record-outcome')
    expect(cardText(partial)).toContain('2 of 3 agencies replied.')
    expect(cardText(partial)).toContain(answers.dana)

    await act('tom', await cardTo('tom', 'information needed'), 'review.answer-information', {
      chronology: 'Allocated social worker visited twice in October.',
      immediateLearning: 'Check injury explanations with the other agencies.',
    })
    const full = await act('helen', status, 'open:review.record-outcome')
    expect(cardText(full)).toContain('3 of 3 agencies replied.')
    expect(cardText(full)).toContain('Allocated social worker visited twice in October.')
    // Only the chair records the outcome, and so only she is shown the replies.
    const dana = await h.teams.invoke('dana', 'open:review.record-outcome', press(status, 'open:review.record-outcome'))
    expect(cardText(dana.card)).not.toContain(answers.sam)
    await eventually(
      () => cardText(channelCard()).includes('All agency information received'),
      'the channel card moves on',
    )
    expect(cardText(channelCard())).not.toContain(answers.sam)
  })

  it("tells the chair of the referrer's answer with a way back to the referral (item 6)", async () => {
    const card = (await h.teams.invoke('helen', 'referral.refresh', channelCard().refresh.action.data)).card
    expect(cardText(card)).toContain('NSCP-2026-0001')
    // The question is asked of a referral still being screened: a second referral.
    const before = h.connector.sentTo(chat('priya')).length
    await h.teams.message('priya', 'referral')
    const form = await eventually(
      () =>
        h.connector
          .sentTo(chat('priya'))
          .slice(before)
          .map(cardOf)
          .find((c) => cardText(c).includes('Raise a review referral')),
      'a new referral form',
    )
    const formToken = JSON.stringify(form).match(/"formToken":"([0-9a-f-]{36})"/)![1]
    const submitted = await h.teams.invoke('priya', 'referral.submit', {
      formToken,
      caseReference: 'HV-2026-9002',
      ageBand: '5-9',
      incidentDate: '2026-11-01',
      awarenessDate: '2026-11-02',
      criteria: 'agencies-working-together',
      agencies: 'education',
      whatHappened: 'School and health each knew of missed appointments.',
      whyReview: 'Information was not shared.',
    })
    expect(cardText(submitted.card)).toContain('NSCP-2026-0002')
    const second = await eventually(() => channelCard('NSCP-2026-0002'), 'the second referral in the channel')
    const view = (await h.teams.invoke('helen', 'referral.refresh', second.refresh.action.data)).card
    await act('helen', view, 'referral.ask', { question: 'Which appointments were missed?' })
    const question = await cardTo('priya', 'Question about referral NSCP-2026-0002')
    await act('priya', question, 'referral.answer', { answer: 'Two health reviews and a school nurse check.' })
    const told = await cardTo('helen', 'the referrer answered')
    expect(cardText(told)).toContain('Two health reviews and a school nurse check.')
    expect(verbsIn(told)).toContain('referral.refresh')
    const opened = await act('helen', told, 'referral.refresh')
    expect(cardText(opened)).toContain('NSCP-2026-0002')
  })

  it('after the partners agree, offers the chair "Open the review" and tells the referrer (item 6)', async () => {
    const status = await eventually(async () => {
      await h.teams.message('helen', 'review status')
      return h.connector
        .sentTo(chat('helen'))
        .map(cardOf)
        .reverse()
        .find((c) => cardText(c).startsWith('Live reviews'))
    }, 'review status')
    const outcome = await act('helen', status, 'open:review.record-outcome')
    await act('helen', outcome, 'review.record-outcome', {
      tests: 'improvements-needed',
      recommendation: 'lcspr',
      immediateLearning: 'Health and police share call-out information within 24 hours.',
      rationale: 'Two agencies held pieces of the picture; a local review can show why.',
    })
    await eventually(() => cardText(channelCard()).includes('sign-off'), 'the channel card says it awaits sign-off')
    for (const key of ['mark', 'joanne', 'nadia'] as const)
      await act(key, await cardTo(key, 'your sign-off'), 'review.approve')
    const agreed = await cardTo('helen', 'The safeguarding partners agreed the recommendation')
    expect(verbsIn(agreed)).toContain('review.open')
    const review = await act('helen', agreed, 'review.open')
    expect(cardText(review)).toContain('Local child safeguarding practice review NSCP-2026-0001')
    const referrer = await cardTo('priya', 'a local review is commissioned')
    expect(cardText(referrer)).toContain('commission a local child safeguarding practice review')
    expect(cardText(referrer)).not.toContain('Health and police share')
    await eventually(
      () => cardText(channelCard()).includes('Local child safeguarding practice review: In progress'),
      'the channel card follows the local review',
    )
  })
})

describe('Teams: actions keep people in place (items 5 and 8)', () => {
  it('refuses an owner from another agency, next to the field, and tells the owner whose action it is', async () => {
    const form = (await h.teams.invoke('helen', 'open:action.create', {})).card
    const formToken = JSON.stringify(form).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const row = {
      formToken,
      what1: 'Officers record what children say at domestic abuse call-outs.',
      agencyKey1: 'police',
      ownerId1: await person('sam'),
      dueDate1: '2026-12-15',
      measureOfSuccess1: 'An audit of 10 call-outs shows the child\u2019s words recorded in 8.',
      verifyingSubGroupKey1: 'case-review',
    }
    const refused = await h.teams.invoke('helen', 'action.create', row)
    expect(cardText(refused.card)).toContain('Choose someone from Northshire Police: the owner must belong to it.')
    expect(await h.app.db.action.count()).toBe(0)
    await h.teams.invoke('helen', 'action.create', { ...row, ownerId1: await person('dana') })
    const assigned = await cardTo('dana', 'New action for you')
    expect(cardText(assigned)).toContain('Northshire Police')
    expect(cardText(assigned)).toContain('Verified by')
    expect(cardText(assigned)).toContain('Case Review Group')
  })

  it("opens an action's forms from the list, and answers a change with the list again", async () => {
    await h.teams.message('dana', 'my actions')
    const list = await cardTo('dana', 'Your actions')
    expect(verbsIn(list)).toEqual(['action.accept', 'open:action.propose-date'])
    const accepted = await act('dana', list, 'action.accept')
    expect(cardText(accepted)).toContain('accepted')
    expect(cardText(accepted)).toContain('Your actions')
    expect(verbsIn(accepted)).toEqual(['open:action.progress', 'open:action.complete', 'open:action.propose-date'])
    // The form remembers the list it came from, and its answer shows the list again.
    const form = await act('dana', accepted, 'open:action.complete')
    expect(JSON.stringify(form)).toContain('"list":"mine"')
    // Cancelling the form goes back to the list it came from, not to a bare "Cancelled" card.
    const cancelled = await act('dana', form, 'form.cancel')
    expect(cardText(cancelled)).toContain('Cancelled. Nothing was saved.')
    expect(cardText(cancelled)).toContain('Your actions')
    expect(verbsIn(cancelled)).toContain('open:action.complete')
    const completed = await h.teams.invoke('dana', 'action.complete', {
      ...press(form, 'action.complete'),
      description: 'Briefing given to all response officers.',
      links: 'https://northshire.example/briefing',
    })
    expect(cardText(completed.card)).toContain('sent for verification')
    expect(cardText(completed.card)).toContain('Your actions')
  })

  it('keeps "Accept as done" on the verify card while sending back, and the owner can act on the notice', async () => {
    const verify = await cardTo('helen', 'please verify')
    expect(verbsIn(verify)).toContain('action.verify')
    expect(showCards(verify)).toContain('Send back')
    // The chair's overview offers the verify buttons too.
    await h.teams.message('helen', 'actions overdue')
    const overview = await cardTo('helen', 'Awaiting verification')
    expect(verbsIn(overview)).toEqual(['action.verify', 'open:action.send-back'])
    const sendBack = await act('helen', overview, 'open:action.send-back')
    const sentBack = await h.teams.invoke('helen', 'action.send-back', {
      ...press(sendBack, 'action.send-back'),
      reason: 'Please attach the attendance list for the briefing.',
    })
    expect(cardText(sentBack.card)).toContain('sent back')
    expect(cardText(sentBack.card)).toMatch(/^Actions/)
    const notice = await cardTo('dana', 'sent it back')
    expect(verbsIn(notice)).toEqual(['open:action.progress', 'open:action.complete', 'open:action.propose-date'])
  })
})
