/**
 * The walking skeleton in Slack, through the real protocol: requests signed with the signing secret posted
 * to /slack/events, Web API calls recorded by a fake Slack API, a real PostgreSQL behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../lib/clock.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import {
  CASE_REVIEW_SLACK_CHANNEL,
  eventually,
  person,
  slackReferralValues,
  startHarness,
  type Harness,
} from './support/harness.js'

let h: Harness
const PRIYA = person('priya').slackUserId
const HELEN = person('helen').slackUserId

const good = {
  caseReference: 'CSC/2026/4410',
  ageBand: '5-9',
  incidentDate: '2026-11-20',
  awarenessDate: '2026-11-23',
  criteria: ['agencies-working-together'],
  agencies: ['education', 'police'],
  whatHappened: 'Repeated school absence was not shared with children\u2019s social care for six weeks.',
  whyReview: 'It may show how information moves between schools and the front door.',
}

/** Opens the referral modal by the global shortcut and returns its private metadata. */
async function openModal(): Promise<{
  private_metadata: string
  callback_id: string
  blocks: any[]
  title: { text: string }
}> {
  const before = h.slack.callsTo('views.open').length
  const res = await h.slackClient.shortcut('priya')
  expect(res.status).toBe(200)
  return (await eventually(() => h.slack.callsTo('views.open')[before], 'views.open')).args.view
}

beforeAll(async () => {
  h = await startHarness({ clock: fixedClock('2026-11-24T09:30:00Z'), env: { TEAMS_ENABLED: 'false' } })
})
afterAll(async () => h?.stop())

describe('Slack: authentication and strangers', () => {
  it('rejects a request with a bad signature or an old timestamp with 401', async () => {
    const bad = await h.slackClient.interaction(
      { type: 'shortcut', callback_id: 'referral.raise' },
      { secret: 'wrong-secret' },
    )
    expect(bad.status).toBe(401)
    const old = await h.slackClient.send('payload=%7B%7D', 'application/x-www-form-urlencoded', {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    })
    expect(old.status).toBe(401)
    expect(h.slack.callsTo('views.open')).toHaveLength(0)
  })

  it('tells someone who is not registered so, and nothing else', async () => {
    await h.slackClient.shortcut('U0STRANGER')
    const view = h.slack.callsTo('views.open').at(-1)!.args.view
    expect(blocksText(view)).toContain('you are not registered with this partnership')
    expect(view.callback_id).toBeUndefined()
    const cmd = await h.slackClient.send(
      new URLSearchParams({
        command: '/learning',
        text: 'my referrals',
        user_id: 'U0STRANGER',
        team_id: 'T0NORTHSH1',
        channel_id: 'D1',
        channel_name: 'directmessage',
        trigger_id: 't',
      }).toString(),
      'application/x-www-form-urlencoded',
    )
    expect(blocksText((cmd.body as any).blocks)).toContain('you are not registered with this partnership')
  })
})

describe('Slack: raising a referral', () => {
  it('opens the referral form from the shortcut and from /learning referral', async () => {
    const view = await openModal()
    expect(view.callback_id).toBe('referral.submit')
    expect(view.title.text.length).toBeLessThanOrEqual(24)
    const text = blocksText(view)
    expect(text).toContain("Case reference in your agency's system")
    expect(text).toContain('The child died')
    expect(JSON.parse(view.private_metadata).formToken).toMatch(/^[0-9a-f-]{36}$/)
    const before = h.slack.callsTo('views.open').length
    const cmd = await h.slackClient.command('priya', 'referral')
    expect(cmd.status).toBe(200)
    expect(h.slack.callsTo('views.open')[before]!.args.view.callback_id).toBe('referral.submit')
  })

  it('puts field messages next to the fields when input is invalid', async () => {
    const view = await openModal()
    const res = await h.slackClient.viewSubmission(
      'priya',
      view,
      slackReferralValues({ ...good, caseReference: undefined, awarenessDate: '2026-11-19' }),
    )
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: {
        caseReference: "Enter the case reference from your agency's system.",
        awarenessDate: 'Your agency cannot have become aware before the incident date.',
      },
    })
    const future = await h.slackClient.viewSubmission(
      'priya',
      view,
      slackReferralValues({ ...good, incidentDate: '2026-11-25', awarenessDate: '2026-11-25' }),
    )
    expect((future.body as any).errors.incidentDate).toBe('The incident date cannot be in the future.')
    expect(await h.app.db.referral.count()).toBe(0)
  })

  it('reports every problem in one response: field errors, the future date and identifying details (issue 11 item 7)', async () => {
    const view = await openModal()
    const twoProblems = { ...good, caseReference: undefined, incidentDate: '2026-11-25', awarenessDate: '2026-11-25' }
    const res = await h.slackClient.viewSubmission('priya', view, slackReferralValues(twoProblems))
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: {
        caseReference: "Enter the case reference from your agency's system.",
        incidentDate: 'The incident date cannot be in the future.',
        awarenessDate: 'The date your agency became aware cannot be in the future.',
      },
    })
    // With identifying details as well, the modal comes back with every message and the box to confirm.
    const withName = { ...twoProblems, whatHappened: 'Jack Smith missed school for six weeks and nobody was told.' }
    const all = await h.slackClient.viewSubmission('priya', view, slackReferralValues(withName))
    expect((all.body as any).response_action).toBe('update')
    const text = blocksText((all.body as any).view)
    expect(text).toContain("Enter the case reference from your agency's system.")
    expect(text).toContain('The incident date cannot be in the future.')
    expect(text).toContain(`what looks like a person's name (“Jack Smith”)`)
    expect((all.body as any).view.blocks.find((b: any) => b.block_id === 'confirmSensitive')).toBeTruthy()
    expect(await h.app.db.referral.count()).toBe(0)
  })

  it('warns about identifying details, keeps the answers, and saves once confirmed', async () => {
    const view = await openModal()
    const risky = { ...good, whatHappened: 'Kayden was absent; DOB 12/03/2018, lives near LS1 4AP.' }
    const res = await h.slackClient.viewSubmission('priya', view, slackReferralValues(risky))
    const updated = (res.body as any).view
    expect((res.body as any).response_action).toBe('update')
    expect(blocksText(updated)).toContain('may identify a child or family member')
    expect(blocksText(updated)).toContain('what looks like a date of birth')
    expect(updated.blocks.find((b: any) => b.block_id === 'confirmSensitive')).toBeTruthy()
    expect(updated.blocks.find((b: any) => b.block_id === 'caseReference').element.initial_value).toBe(
      good.caseReference,
    )
    expect(updated.private_metadata).toBe(view.private_metadata)
    expect(await h.app.db.referral.count()).toBe(0)

    const confirmed = await h.slackClient.viewSubmission(
      'priya',
      updated,
      slackReferralValues({ ...risky, confirmSensitive: true }),
    )
    expect(blocksText((confirmed.body as any).view)).toContain('Referral NSCP-2026-0001 received')
    const saved = await h.app.db.referral.findUniqueOrThrow({ where: { reference: 'NSCP-2026-0001' } })
    expect(saved.sensitiveTextAcknowledged).toBe(true)
  })

  it('creates one referral when Slack retries the same submission', async () => {
    const view = await openModal()
    const first = await h.slackClient.viewSubmission('priya', view, slackReferralValues(good))
    const retry = await h.slackClient.viewSubmission('priya', view, slackReferralValues(good), { retryNum: 1 })
    expect(blocksText((first.body as any).view)).toContain('Referral NSCP-2026-0002 received')
    expect(blocksText((retry.body as any).view)).toContain('your referral is NSCP-2026-0002')
    expect(await h.app.db.referral.count()).toBe(2)
  })
})

describe('Slack: screening', () => {
  let referralId = ''

  it('posts the screening card to the channel and the case and decision buttons to the chair only', async () => {
    referralId = (await h.app.db.referral.findUniqueOrThrow({ where: { reference: 'NSCP-2026-0002' } })).id
    const post = await eventually(
      () =>
        h.slack
          .callsTo('chat.postMessage')
          .find(
            (c) => c.args.channel === CASE_REVIEW_SLACK_CHANNEL && blocksText(c.args.blocks).includes('NSCP-2026-0002'),
          ),
      'channel post',
    )
    const text = blocksText(post.args.blocks)
    expect(text).toContain('Northshire Schools and Colleges, Northshire Police')
    // Not a serious incident: no notification, and no rapid review clock (none follows a case never notified).
    expect(text).not.toContain('Notify the national Panel by')
    expect(text).not.toContain('Rapid review')
    expect(buttonIds(post.args.blocks)).toEqual([])
    // The channel sees no case detail, not even the criteria.
    for (const detail of [good.whatHappened, good.caseReference, 'Concerns about how agencies worked together'])
      expect(text).not.toContain(detail)
    const dm = await eventually(
      () =>
        h.slack
          .callsTo('chat.postMessage')
          .find((c) => c.args.channel === HELEN && blocksText(c.args.blocks).includes('NSCP-2026-0002')),
      'chair copy',
    )
    expect(buttonIds(dm.args.blocks)).toEqual([
      'open:referral.ask',
      'open:referral.other-review',
      'open:referral.no-review',
    ])
    expect(blocksText(dm.args.blocks)).toContain(good.whatHappened)
    expect(blocksText(dm.args.blocks)).toContain('No review: criteria not met')
  })

  it('tells a non-chair who presses a decision button that only the chair can decide', async () => {
    const res = await h.slackClient.button('dana', 'referral.start-rapid-review', JSON.stringify({ referralId }))
    expect(res.status).toBe(200)
    const eph = await eventually(
      () => h.slack.callsTo('chat.postEphemeral').find((c) => c.args.user === person('dana').slackUserId),
      'ephemeral',
    )
    expect(blocksText(eph.args.blocks)).toContain('Only the chair of the Case Review Group can decide.')
    expect((await h.app.db.referral.findUniqueOrThrow({ where: { id: referralId } })).status).toBe('AWAITING_SCREENING')
  })

  it("asks the referrer 1:1 and brings the answer back to the chair's copy only", async () => {
    const opens = h.slack.callsTo('views.open').length
    const dm = h.slack
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === HELEN && blocksText(c.args.blocks).includes('NSCP-2026-0002'))!
    const askButton = dm.args.blocks
      .flatMap((b: any) => b.elements ?? [])
      .find((e: any) => e.action_id === 'open:referral.ask')
    await h.slackClient.button('helen', 'open:referral.ask', askButton.value)
    const askView = (await eventually(() => h.slack.callsTo('views.open')[opens], 'ask modal')).args.view
    expect(askView.callback_id).toBe('referral.ask')
    const res = await h.slackClient.viewSubmission('helen', askView, {
      question: { type: 'plain_text_input', value: 'Which school, and did they use the escalation policy?' },
    })
    expect(blocksText((res.body as any).view)).toContain('Question sent to the referrer of NSCP-2026-0002')

    const question = await eventually(
      () =>
        h.slack
          .callsTo('chat.postMessage')
          .find((c) => c.args.channel === PRIYA && blocksText(c.args.blocks).includes('escalation policy')),
      'question to Priya',
    )
    const answerButton = question.args.blocks
      .flatMap((b: any) => b.elements ?? [])
      .find((e: any) => e.action_id === 'open:referral.answer')
    const opens2 = h.slack.callsTo('views.open').length
    await h.slackClient.button('priya', 'open:referral.answer', answerButton.value, 'D0PRIYA001')
    const answerView = (await eventually(() => h.slack.callsTo('views.open')[opens2], 'answer modal')).args.view
    expect(answerView.callback_id).toBe('referral.answer')
    const answered = await h.slackClient.viewSubmission('priya', answerView, {
      answer: { type: 'plain_text_input', value: 'A primary school; no escalation was made.' },
    })
    expect(blocksText((answered.body as any).view)).toContain('Answer sent for NSCP-2026-0002')
    await eventually(
      () =>
        h.slack
          .callsTo('chat.update')
          .find(
            (c) =>
              c.args.channel !== CASE_REVIEW_SLACK_CHANNEL &&
              blocksText(c.args.blocks).includes('no escalation was made'),
          ),
      "answer on the chair's copy",
    )
    const channel = await eventually(
      () =>
        h.slack
          .callsTo('chat.update')
          .find(
            (c) =>
              c.args.channel === CASE_REVIEW_SLACK_CHANNEL && blocksText(c.args.blocks).includes('1 asked, 1 answered'),
          ),
      'count on the channel card',
    )
    expect(blocksText(channel.args.blocks)).not.toContain('escalation')
  })

  it('requires a rationale for no review, then updates the card and tells the referrer', async () => {
    const opens = h.slack.callsTo('views.open').length
    await h.slackClient.button(
      'helen',
      'open:referral.no-review',
      JSON.stringify({ form: 'referral.no-review', meta: { referralId } }),
    )
    const view = (await eventually(() => h.slack.callsTo('views.open')[opens], 'no-review modal')).args.view
    const empty = await h.slackClient.viewSubmission('helen', view, {
      rationale: { type: 'plain_text_input', value: null },
    })
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: { rationale: 'Give the rationale for no review.' },
    })
    const res = await h.slackClient.viewSubmission('helen', view, {
      rationale: { type: 'plain_text_input', value: 'Single-agency learning; the school will run its own review.' },
    })
    expect(blocksText((res.body as any).view)).toContain('Decision recorded for NSCP-2026-0002')

    const update = await eventually(
      () =>
        h.slack
          .callsTo('chat.update')
          .find(
            (c) =>
              c.args.channel === CASE_REVIEW_SLACK_CHANNEL &&
              blocksText(c.args.blocks).includes('Decided by Helen Marsh'),
          ),
      'decided card',
    )
    expect(blocksText(update.args.blocks)).toContain('No review')
    // The rationale goes to the referrer and the chair's copy, never to the channel.
    expect(blocksText(update.args.blocks)).not.toContain('the school will run its own review')
    // The chair's copy loses its buttons once decided.
    const chairCopy = await eventually(
      () =>
        h.slack
          .callsTo('chat.update')
          .find((c) => c.args.channel.startsWith('D') && blocksText(c.args.blocks).includes('Decided by Helen Marsh')),
      'chair copy updated',
    )
    expect(buttonIds(chairCopy.args.blocks)).toEqual([])
    const outcome = await eventually(
      () =>
        h.slack
          .callsTo('chat.postMessage')
          .find(
            (c) =>
              c.args.channel === PRIYA && blocksText(c.args.blocks).includes('Decision on referral NSCP-2026-0002'),
          ),
      'outcome to Priya',
    )
    expect(blocksText(outcome.args.blocks)).toContain('the school will run its own review')
  })
})

describe('Slack: status, App Home and messages', () => {
  it("shows my referrals and no one else's", async () => {
    const mine = await h.slackClient.command('priya', 'my referrals')
    const text = blocksText((mine.body as any).blocks)
    expect((mine.body as any).response_type).toBe('ephemeral')
    expect(text).toContain('NSCP-2026-0001')
    expect(text).toContain('No review')
    const tom = await h.slackClient.command('tom', 'my referrals')
    expect(blocksText((tom.body as any).blocks)).toContain('You have not raised any referrals yet.')
  })

  it('shows the chair what waits for a decision on App Home', async () => {
    await h.slackClient.event({ type: 'app_home_opened', user: HELEN, channel: 'D0HELENM05', tab: 'home' })
    const publish = await eventually(
      () => h.slack.callsTo('views.publish').find((c) => c.args.user_id === HELEN),
      'home',
    )
    const text = blocksText(publish.args.view.blocks)
    expect(text).toContain('Waiting for your decision')
    expect(text).toContain('NSCP-2026-0001')
  })

  it('answers a direct message once, even when Slack redelivers the event', async () => {
    const before = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D0PRIYA001').length
    const event = {
      type: 'message',
      channel_type: 'im',
      channel: 'D0PRIYA001',
      user: PRIYA,
      text: 'my referrals',
      ts: '1.2',
    }
    await h.slackClient.event(event, { eventId: 'Ev0SAME001' })
    await h.slackClient.event(event, { eventId: 'Ev0SAME001', retryNum: 1 })
    const replies = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'D0PRIYA001')
      .slice(before)
    expect(replies).toHaveLength(1)
    expect(blocksText(replies[0]!.args.blocks)).toContain('NSCP-2026-0002')
  })
})
