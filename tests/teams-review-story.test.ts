/**
 * Issue 9, done when: "serious incident → notification → rapid review → the partners agree on a local review →
 * published → kept online for a year", through the Teams protocol as people would press it: every button is
 * taken from the card the bot sent (Action.Execute verbs and data), against a real PostgreSQL. The Slack
 * side of the same story is tests/slack-reviews.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { cardOf, cardText, actionData } from './support/fake-connector.js'
import {
  CASE_REVIEW_TEAMS_CHANNEL,
  eventually,
  startHarness,
  type Harness,
  type PersonKey,
  NO_SUBMIT_LIMITS,
  newestCardTo,
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

const cardTo = (key: PersonKey, needle: string) => newestCardTo(h, key, needle)

const press = actionData

/** Presses a button of a card as `key`, with the answers a form asks for; returns the card that comes back. */
async function act(key: PersonKey, card: any, verb: string, answers: Record<string, string> = {}, title?: string) {
  const res = await h.teams.invoke(key, verb, { ...press(card, verb, title), ...answers })
  expect(res.status).toBe(200)
  return res.card
}

/** What a command's answer is titled: notices may arrive in the same chat at the same time. */
const ANSWER_TITLES: Record<string, string> = {
  referral: 'Raise a review referral',
  'review status': 'Live reviews',
  'review NSCP-2026-0001': 'Local child safeguarding practice review NSCP-2026-0001',
}

/** A command's answer, as the person reads it. */
async function say(key: PersonKey, text: string) {
  const before = h.connector.sentTo(chat(key)).length
  await h.teams.message(key, text)
  const title = ANSWER_TITLES[text] ?? ''
  return eventually(
    () =>
      h.connector
        .sentTo(chat(key))
        .slice(before)
        .map(cardOf)
        .find((c) => cardText(c).split('\n')[0] === title),
    `answer to ${text}`,
  )
}

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '', ...NO_SUBMIT_LIMITS } })
  await h.teams.channelMessage('claire', 'set channel case-review')
  const everyone = [
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
  ] as const
  for (const key of everyone) await h.teams.message(key, 'my referrals')
})
afterAll(async () => h?.stop())

describe('Teams: a serious incident, from referral to a review kept online for a year', () => {
  let lcspr: any

  it('is referred, notified by the local authority and reviewed rapidly', async () => {
    const form = await say('priya', 'referral')
    const formToken = JSON.stringify(form).match(/"formToken":"([0-9a-f-]{36})"/)![1]
    const submitted = await h.teams.invoke('priya', 'referral.submit', {
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
    expect(cardText(submitted.card)).toContain('NSCP-2026-0001')
    // The local authority's notification lead records the dates from her card.
    const notice = await cardTo('kate', 'notification due')
    const notification = await act('kate', notice, 'notification.open')
    await act('kate', notification, 'notification.la-awareness', { laAwareOn: '2026-11-03' })
    const notified = await act('kate', notification, 'notification.notified', { notifiedOn: '2026-11-03' })
    expect(cardText(notified)).toContain('Recorded as notified on Tue 3 Nov 2026')
    // The Case Review Group chair starts the rapid review from her view of the channel card (per-person refresh).
    const channelCard = cardOf(
      h.connector.sentTo(CASE_REVIEW_TEAMS_CHANNEL).find((c) => cardText(cardOf(c)).includes('NSCP-2026-0001')),
    )
    const helenView = (await h.teams.invoke('helen', 'referral.refresh', channelCard.refresh.action.data)).card
    const started = await act('helen', helenView, 'referral.start-rapid-review')
    expect(cardText(started)).toContain('Decision recorded')
    const request = await cardTo('dana', 'information needed')
    const answered = await act('dana', request, 'review.answer-information', {
      chronology: 'Two call-outs in October; no referral to social care was made.',
      immediateLearning: 'Officers reminded of the referral pathway.',
    })
    expect(cardText(answered)).toContain('Information sent for NSCP-2026-0001')
  })

  it('goes to the three safeguarding partners, who agree on a local review', async () => {
    setNow('2026-11-17T10:00:00Z')
    const status = await say('helen', 'review status')
    const outcomeForm = await act('helen', status, 'open:review.record-outcome')
    const recorded = await act('helen', outcomeForm, 'review.record-outcome', {
      tests: 'improvements-needed,agencies-working-together',
      recommendation: 'lcspr',
      immediateLearning: 'Health and police share call-out information within 24 hours.',
      rationale: 'Two agencies held pieces of the picture; a local review can show why.',
    })
    expect(cardText(recorded)).toContain('three safeguarding partners')
    const replies = []
    for (const key of ['mark', 'joanne', 'nadia'] as const) {
      const card = await cardTo(key, 'your sign-off')
      replies.push(cardText(await act(key, card, 'review.approve')))
    }
    expect(replies.at(-1)).toContain('All three safeguarding partners have agreed.')
    await cardTo('helen', 'The safeguarding partners agreed the recommendation')
    await cardTo('robert', 'The safeguarding partners agreed the recommendation')
  })

  it('is conducted, sent to the Panel and the Secretary of State, and published by the partnership chair', async () => {
    setNow('2026-11-20T10:00:00Z')
    lcspr = await say('helen', 'review NSCP-2026-0001')
    await act('helen', lcspr, 'review.set-terms', {
      termsOfReference: 'How did agencies share what they saw of the injuries?',
    })
    await act('helen', lcspr, 'review.voice-of-child', {
      voiceOfChild: 'At nursery the toddler flinched when adults reached over; nobody asked why.',
    })
    await act('helen', lcspr, 'review.add-learning-point', {
      kind: 'improvement',
      text: 'Injuries were explained but not questioned.',
      themes: 'Professional curiosity',
    })
    for (let i = 0; i < 8; i++) {
      const card = await say('helen', 'review NSCP-2026-0001')
      if (cardText(card).includes('Next milestone: Full report sent to the Panel')) break
      expect(cardText(await act('helen', card, 'milestone.complete'))).toContain('Milestone done')
    }
    const sent = await act('claire', await say('claire', 'review NSCP-2026-0001'), 'milestone.complete')
    expect(cardText(sent)).toContain(
      'It was sent on Fri 20 Nov 2026, so the earliest publication date is Tue 1 Dec 2026.',
    )
    const mark = await say('mark', 'review NSCP-2026-0001')
    await act('mark', await act('mark', mark, 'open:review.partnership-response'), 'review.partnership-response', {
      response: 'The partners will audit how injury explanations are checked, across agencies, by March.',
    })
    setNow('2026-12-02T10:00:00Z')
    const publishForm = await act('mark', await say('mark', 'review NSCP-2026-0001'), 'open:review.publish')
    const published = await act('mark', publishForm, 'review.publish', {
      form: 'full',
      publishedOn: '2026-12-01',
      publicationUrl: 'https://northshire.example/reviews/nscp-2026-0001',
    })
    expect(cardText(published)).toContain(
      'Published in full on Tue 1 Dec 2026: https://northshire.example/reviews/nscp-2026-0001',
    )
    expect(cardText(published)).toContain('Can be marked done from Wed 1 Dec 2027, a year after publication.')
  })

  it('is kept online for a year after publication', async () => {
    const early = await act('claire', await say('claire', 'review NSCP-2026-0001'), 'milestone.complete')
    expect(cardText(early)).toContain('this can be marked done from Wed 1 Dec 2027')
    setNow('2027-12-01T10:00:00Z')
    const kept = await act('claire', await say('claire', 'review NSCP-2026-0001'), 'milestone.complete')
    expect(cardText(kept)).toContain('Milestone done for NSCP-2026-0001')
    const review = await h.app.db.review.findFirstOrThrow({
      where: { typeKey: 'lcspr' },
      include: { milestones: true },
    })
    expect(review.status).toBe('PUBLISHED')
    expect(review.milestones.every((m) => m.status === 'DONE')).toBe(true)
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})
