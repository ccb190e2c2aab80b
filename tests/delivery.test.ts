/** Outbound delivery: retries honour Retry-After, and the outbox finishes what a crash left. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import {
  CASE_REVIEW_SLACK_CHANNEL,
  CASE_REVIEW_TEAMS_CHANNEL,
  eventually,
  slackReferralValues,
  startHarness,
  type Harness,
} from './support/harness.js'

let h: Harness
let referralId = ''

beforeAll(async () => {
  h = await startHarness()
  await h.teams.channelMessage('claire', 'set channel case-review')
  // A referral to talk about, written through the real use case.
  const token = crypto.randomUUID()
  const today = new Date().toISOString().slice(0, 10)
  const res = await h.teams.invoke('tom', 'referral.submit', {
    formToken: token,
    caseReference: 'CSC-1',
    ageBand: '10-15',
    incidentDate: today,
    awarenessDate: today,
    criteria: 'agencies-working-together',
    agencies: '',
    whatHappened: 'Twenty characters or more of facts about the case.',
    whyReview: 'Learning for all agencies.',
  })
  expect(cardText(res.card)).toContain('received')
  referralId = (await h.app.db.referral.findUniqueOrThrow({ where: { submissionKey: token } })).id
  await eventually(
    () => h.connector.sentTo(CASE_REVIEW_TEAMS_CHANNEL).find((c) => cardText(cardOf(c)).includes('Review referral')),
    'first post',
  )
  await eventually(
    () => h.slack.callsTo('chat.postMessage').find((c) => c.args.channel === CASE_REVIEW_SLACK_CHANNEL),
    'first slack post',
  )
})
afterAll(async () => h?.stop())

async function requeue() {
  await h.app.db.outbox.create({
    data: {
      kind: 'channel.sync',
      payload: {
        kind: 'channel.sync',
        partnershipId: (await h.app.db.partnership.findFirstOrThrow()).id,
        purpose: 'case-review',
        subjectType: 'referral',
        subjectId: referralId,
      },
    },
  })
}

describe('outbound delivery', () => {
  it('retries a Teams update after 429, honouring Retry-After, and sends it once', async () => {
    const updatesBefore = h.connector.updatesTo(CASE_REVIEW_TEAMS_CHANNEL).length
    h.connector.throttle = { remaining: 2, retryAfter: 1 }
    const started = Date.now()
    await requeue()
    await h.app.outbox.drain()
    const elapsed = Date.now() - started
    expect(h.connector.throttle.remaining).toBe(0)
    expect(h.connector.updatesTo(CASE_REVIEW_TEAMS_CHANNEL).length - updatesBefore).toBe(1)
    // Two refusals with "Retry-After: 1" mean at least two seconds of waiting.
    expect(elapsed).toBeGreaterThanOrEqual(1900)
  })

  it('retries a Slack update after 429 and sends it once', async () => {
    const before = h.slack.callsTo('chat.update').filter((c) => c.args.channel === CASE_REVIEW_SLACK_CHANNEL).length
    h.slack.throttle = { remaining: 1, retryAfter: 1 }
    await requeue()
    await h.app.outbox.drain()
    const after = h.slack.callsTo('chat.update').filter((c) => c.args.channel === CASE_REVIEW_SLACK_CHANNEL)
    expect(after.length - before).toBe(1)
    expect(blocksText(after.at(-1)!.args.blocks)).toContain('Review referral')
  })

  it('delivers a row whose sender crashed mid-send, exactly once', async () => {
    const before = h.connector.updatesTo(CASE_REVIEW_TEAMS_CHANNEL).length
    // A row claimed by an instance that died: its lease ran out a minute ago.
    const row = await h.app.db.outbox.create({
      data: {
        kind: 'channel.sync',
        status: 'SENDING',
        attempts: 1,
        lockedUntil: new Date(Date.now() - 60_000),
        payload: {
          kind: 'channel.sync',
          partnershipId: (await h.app.db.partnership.findFirstOrThrow()).id,
          purpose: 'case-review',
          subjectType: 'referral',
          subjectId: referralId,
        },
      },
    })
    await Promise.all([h.app.outbox.drain(), h.app.outbox.drain()])
    expect((await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('SENT')
    expect(h.connector.updatesTo(CASE_REVIEW_TEAMS_CHANNEL).length - before).toBe(1)
  })

  it('gives up on a message the platform refuses outright, and says so in the row', async () => {
    const row = await h.app.db.outbox.create({
      data: {
        kind: 'person.notice',
        payload: {
          kind: 'person.notice',
          personId: '00000000-0000-4000-8000-000000000000',
          notice: {
            template: 'referral.outcome',
            referralId,
            reference: 'X',
            status: 'NO_REVIEW',
            decidedBy: 'Helen Marsh',
          },
        },
      },
    })
    await h.app.outbox.drain()
    const after = await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })
    expect(after.status).toBe('FAILED')
    expect(after.lastError).toContain('person not found')
  })
})

describe('no channel set yet', () => {
  let bare: Harness
  beforeAll(async () => {
    bare = await startHarness({ env: { SLACK_CASE_REVIEW_CHANNEL: '' } })
  })
  afterAll(async () => bare?.stop())

  it('sends the screening card to the chair 1:1, with the decision buttons, instead of holding it back', async () => {
    await bare.teams.message('helen', 'hi') // Helen has a 1:1 chat with the bot
    const today = new Date().toISOString().slice(0, 10)
    const res = await bare.teams.invoke('priya', 'referral.submit', {
      formToken: crypto.randomUUID(),
      caseReference: 'HV-9',
      ageBand: '1-4',
      incidentDate: today,
      awarenessDate: today,
      criteria: 'agencies-working-together',
      agencies: '',
      whatHappened: 'Twenty characters or more of facts about the case.',
      whyReview: 'Learning for all agencies.',
    })
    expect(cardText(res.card)).toContain('received')
    const card = cardOf(
      await eventually(
        () => bare.connector.sentTo('a:personal-helen').find((c) => cardText(cardOf(c)).includes('Review referral')),
        'card to Helen',
      ),
    )
    // Helen's Teams client refreshes it into her view, with the buttons.
    expect(card.refresh.userIds).toContain('29:helen')
    const referral = await bare.app.db.referral.findFirstOrThrow()
    const refreshed = await bare.teams.invoke('helen', 'referral.refresh', { referralId: referral.id })
    // The decision buttons (which ones depends on the criteria; asking the referrer and no review are always there).
    expect(verbsIn(refreshed.card)).toEqual(expect.arrayContaining(['referral.ask', 'referral.no-review']))
  })
})

describe('no channel set yet, Slack only', () => {
  let bare: Harness
  beforeAll(async () => {
    bare = await startHarness({ env: { SLACK_CASE_REVIEW_CHANNEL: '', TEAMS_ENABLED: 'false' } })
  })
  afterAll(async () => bare?.stop())

  it('sends one copy to the chair 1:1, carrying the decision buttons', async () => {
    const opened = await bare.slackClient.shortcut('priya')
    expect(opened.status).toBe(200)
    const view = (await eventually(() => bare.slack.callsTo('views.open')[0], 'modal')).args.view
    const today = new Date().toISOString().slice(0, 10)
    await bare.slackClient.viewSubmission(
      'priya',
      view,
      slackReferralValues({
        caseReference: 'HV-10',
        ageBand: '1-4',
        incidentDate: today,
        awarenessDate: today,
        criteria: ['agencies-working-together'],
        whatHappened: 'Twenty characters or more of facts about the case.',
        whyReview: 'Learning for all agencies.',
      }),
    )
    const dm = await eventually(
      () => bare.slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'U0HELENM05'),
      'card to Helen',
    )
    expect(buttonIds(dm.args.blocks)).toEqual(expect.arrayContaining(['open:referral.ask', 'open:referral.no-review']))
    await bare.app.outbox.drain()
    expect(bare.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'U0HELENM05')).toHaveLength(1)
  })
})
