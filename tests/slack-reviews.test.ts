/**
 * Issue 9, Slack parity: the whole story of a serious incident as Slack users live it, through signed requests
 * to /slack/events (shortcut, slash commands, buttons, modals) and a fake Slack Web API, against a real
 * PostgreSQL: referral → the local authority's notification → rapid review → agency information → outcome →
 * the three safeguarding partners agree (independent scrutiny refused, then told) → LCSPR commissioned → lead
 * reviewer, terms, a practitioner's perspective, the voice of the child, a finding, a recommendation → the
 * advance copy to the Panel and the Secretary of State → the partnership's response → a summary published →
 * kept online once a year has passed. Case text typed along the way never reaches the channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import {
  CASE_REVIEW_SLACK_CHANNEL,
  eventually,
  person,
  slackReferralValues,
  startHarness,
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
/** Typed into every free-text answer of the story: no channel message may ever contain it. */
const MARKER = 'typed-zzq'
let h: Harness
let reviewId = ''
let lcsprId = ''

type Blocks = any[]
type View = { callback_id: string; private_metadata?: string; blocks: Blocks }
const slackId = (key: PersonKey) => person(key).slackUserId as string
const dmChannel = (key: PersonKey) => `D${slackId(key).slice(1)}`

/** 1:1 messages the bot posted to a person: to their user id, or to the DM conversations.open gave it. */
const dms = (key: PersonKey) =>
  h.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === slackId(key) || c.args.channel === dmChannel(key))
/** Waits for a 1:1 message to the person whose text includes `needle`, sent after the first `from`. */
const dmWith = (key: PersonKey, needle: string, from = 0) =>
  eventually(
    () =>
      dms(key)
        .slice(from)
        .find((c) => blocksText(c.args.blocks).includes(needle))?.args.blocks as Blocks,
    `${needle} to ${key}`,
  )
/** Ephemeral replies to a person's button presses. */
const ephemerals = (key: PersonKey) => h.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === slackId(key))

function elementOf(blocks: Blocks, actionId: string): { action_id: string; value: string; text: { text: string } } {
  const found = blocks.flatMap((b) => b.elements ?? []).filter((e: any) => e.action_id === actionId)
  expect(found.length, `a button ${actionId}`).toBeGreaterThan(0)
  return found[0]
}

/** Presses a button that runs at once, and returns the ephemeral reply's blocks. */
async function press(
  key: PersonKey,
  blocks: Blocks,
  actionId: string,
  pick?: (label: string) => boolean,
): Promise<Blocks> {
  const candidates = blocks.flatMap((b) => b.elements ?? []).filter((e: any) => e.action_id === actionId)
  const button = pick ? candidates.find((e: any) => pick(e.text.text)) : candidates[0]
  expect(button, `a button ${actionId}`).toBeTruthy()
  const before = ephemerals(key).length
  const res = await h.slackClient.button(key, actionId, button.value, dmChannel(key))
  expect(res.status).toBe(200)
  return (await eventually(() => ephemerals(key)[before], `reply to ${key}`)).args.blocks
}

/** Presses a button that opens a form, and returns the modal Slack was asked to open. */
async function open(key: PersonKey, blocks: Blocks, actionId: string): Promise<View> {
  const before = h.slack.callsTo('views.open').length
  const res = await h.slackClient.button(key, actionId, elementOf(blocks, actionId).value, dmChannel(key))
  expect(res.status).toBe(200)
  return (await eventually(() => h.slack.callsTo('views.open')[before], `modal for ${actionId}`)).args.view
}

/** A modal's answers as Slack's view_submission state, read from the input elements the modal has. */
function answers(view: View, values: Record<string, string | string[]>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const block of view.blocks) {
    if (block.type !== 'input') continue
    const id = block.block_id as string
    const type = block.element.type as string
    const v = values[id]
    if (type === 'plain_text_input') out[id] = { type, value: typeof v === 'string' ? v : null }
    else if (type === 'datepicker') out[id] = { type, selected_date: typeof v === 'string' ? v : null }
    else if (type === 'static_select')
      out[id] = { type, selected_option: typeof v === 'string' && v ? { value: v } : null }
    else out[id] = { type, selected_options: (Array.isArray(v) ? v : v ? [v] : []).map((value) => ({ value })) }
  }
  return out
}

/** Submits a modal; returns Slack's answer (errors, or the view it updates to). */
async function submit(key: PersonKey, view: View, values: Record<string, string | string[]>) {
  const res = await h.slackClient.viewSubmission(key, view, answers(view, values))
  expect(res.status).toBe(200)
  return res.body as { response_action: string; errors?: Record<string, string>; view?: View }
}

/** A slash command's ephemeral answer. */
async function command(key: PersonKey, text: string): Promise<Blocks> {
  const res = await h.slackClient.command(key, text)
  expect(res.status).toBe(200)
  return (res.body as any).blocks
}

/** Every message posted or updated in the Case Review Group's channel, as text. */
const channelText = () =>
  [...h.slack.callsTo('chat.postMessage'), ...h.slack.callsTo('chat.update')]
    .filter((c) => c.args.channel === CASE_REVIEW_SLACK_CHANNEL)
    .map((c) => blocksText(c.args.blocks))
    .join('\n')

beforeAll(async () => {
  h = await startHarness({ clock, env: { TEAMS_ENABLED: 'false', ...NO_SUBMIT_LIMITS } })
})
afterAll(async () => h?.stop())

describe('Slack: a serious incident, notified and rapidly reviewed', () => {
  it('is raised by a practitioner from the shortcut', async () => {
    const before = h.slack.callsTo('views.open').length
    await h.slackClient.shortcut('priya')
    const view = (await eventually(() => h.slack.callsTo('views.open')[before], 'referral modal')).args.view
    const res = await h.slackClient.viewSubmission(
      'priya',
      view,
      slackReferralValues({
        caseReference: 'HV-2026-7001',
        ageBand: '1-4',
        incidentDate: '2026-11-01',
        awarenessDate: '2026-11-02',
        criteria: ['abuse-or-neglect', 'seriously-harmed'],
        agencies: ['police', 'csc'],
        whatHappened: `Toddler admitted with a head injury; carers' accounts differed (${MARKER} what happened).`,
        whyReview: `Police and health each saw part of the picture (${MARKER} why).`,
      }),
    )
    expect(blocksText((res.body as any).view)).toContain('Referral NSCP-2026-0001 received')
  })

  it("is notified by the local authority's notification lead, who records the dates from her card", async () => {
    const notice = await dmWith('kate', 'notification due')
    const card = await press('kate', notice, 'notification.open')
    const aware = await open('kate', card, 'open:notification.la-awareness')
    const recorded = await submit('kate', aware, { laAwareOn: '2026-11-03' })
    expect(blocksText(recorded.view)).toContain('the local authority became aware on Tue 3 Nov 2026')
    const notified = await submit('kate', await open('kate', card, 'open:notification.notified'), {
      notifiedOn: '2026-11-03',
    })
    expect(blocksText(notified.view)).toContain('Recorded as notified on Tue 3 Nov 2026')
    const notification = await h.app.db.incidentNotification.findFirstOrThrow()
    expect(notification.status).toBe('NOTIFIED')
  })

  it('is started as a rapid review by the Case Review Group chair, from her copy of the screening card', async () => {
    const copy = await dmWith('helen', 'NSCP-2026-0001')
    const reply = await press('helen', copy, 'referral.start-rapid-review')
    expect(blocksText(reply)).toContain('Decision recorded')
    reviewId = (await h.app.db.review.findFirstOrThrow({ where: { typeKey: 'rapid-review' } })).id
  })

  it("gathers each agency's chronology from a modal behind the lead's notice", async () => {
    const request = await dmWith('dana', 'information needed')
    const modal = await open('dana', request, 'open:review.answer-information')
    expect(modal.callback_id).toBe('review.answer-information')
    const short = await submit('dana', modal, { chronology: 'Too short', immediateLearning: '' })
    expect(short).toMatchObject({
      response_action: 'errors',
      errors: { immediateLearning: 'Say what your agency has learnt so far.' },
    })
    const sent = await submit('dana', modal, {
      chronology: `Two call-outs in October; no referral to children's social care (${MARKER} chronology).`,
      immediateLearning: `Officers reminded of the referral pathway (${MARKER} learning).`,
    })
    expect(blocksText(sent.view)).toContain('Information sent for NSCP-2026-0001')
  })

  it('records the outcome from review status, and sends it to the three partners only', async () => {
    setNow('2026-11-17T10:00:00Z')
    const status = await command('helen', 'review status')
    const modal = await open('helen', status, 'open:review.record-outcome')
    const missing = await submit('helen', modal, {
      tests: [],
      recommendation: '',
      immediateLearning: '',
      rationale: '',
    })
    expect(missing.errors).toMatchObject({ recommendation: 'Choose a recommendation.' })
    const before = {
      mark: dms('mark').length,
      joanne: dms('joanne').length,
      nadia: dms('nadia').length,
      robert: dms('robert').length,
    }
    const done = await submit('helen', modal, {
      tests: ['improvements-needed', 'agencies-working-together'],
      recommendation: 'lcspr',
      immediateLearning: `Health and police to share call-out information within 24 hours (${MARKER} immediate).`,
      rationale: `Two agencies held pieces of the picture; a local review can show why (${MARKER} rationale).`,
    })
    expect(blocksText(done.view)).toContain('gone to the three safeguarding partners')
    for (const key of ['mark', 'joanne', 'nadia'] as const) {
      const card = await dmWith(key, 'your sign-off', before[key])
      expect(blocksText(card)).toContain('\u2611 The case may show improvements are needed')
      expect(buttonIds(card)).toEqual(['review.approve', 'open:review.send-back'])
    }
    expect(dms('robert').length).toBe(before.robert)
  })

  it('lets the partners agree from their messages; scrutiny is refused, then told and may challenge', async () => {
    const robertCard = await dmWith('mark', 'your sign-off')
    const refused = await press('robert', robertCard, 'review.approve')
    expect(blocksText(refused)).toContain('Only the three safeguarding partners sign off this decision.')
    // Sending back needs a reason: the modal says so next to the field.
    const nadiaCard = await dmWith('nadia', 'your sign-off')
    const sendBack = await open('nadia', nadiaCard, 'open:review.send-back')
    const noReason = await submit('nadia', sendBack, { note: '' })
    expect(noReason).toMatchObject({
      response_action: 'errors',
      errors: { note: 'Say why it goes back to the Case Review Group.' },
    })
    const joanne = await press('joanne', await dmWith('joanne', 'your sign-off'), 'review.approve')
    expect(blocksText(joanne)).toContain('You agreed. Waiting for the local authority and the integrated care board.')
    await press('mark', await dmWith('mark', 'your sign-off'), 'review.approve')
    const before = dms('robert').length
    const last = await press('nadia', nadiaCard, 'review.approve')
    expect(blocksText(last)).toContain('All three safeguarding partners have agreed.')
    lcsprId = (await h.app.db.review.findFirstOrThrow({ where: { typeKey: 'lcspr', parentReviewId: reviewId } })).id
    const told = await dmWith('robert', 'agreed the recommendation', before)
    expect(buttonIds(told)).toEqual(['open:review.challenge'])
    expect(blocksText(told)).not.toContain(MARKER)
  })
})

describe('Slack: the local child safeguarding practice review, to publication', () => {
  /** The review card as a person gets it from `/learning review NSCP-2026-0001`. */
  const reviewCard = (key: PersonKey) => command(key, 'review NSCP-2026-0001')

  it('names an independent lead reviewer and agrees the terms of reference', async () => {
    setNow('2026-11-20T10:00:00Z')
    const card = await reviewCard('helen')
    expect(blocksText(card)).toContain('Local child safeguarding practice review (formerly serious case review)')
    const lead = await open('helen', card, 'open:review.set-lead-reviewer')
    const conflict = await submit('helen', lead, {
      name: 'Pat Jones',
      organisation: 'Independent Reviews Ltd',
      agencies: ['police'],
    })
    expect(conflict.errors?.agencies).toContain('Pat Jones belongs to or has worked for Northshire Police')
    const ok = await submit('helen', lead, {
      name: 'Pat Jones',
      organisation: 'Independent Reviews Ltd',
      agencies: ['probation'],
    })
    expect(blocksText(ok.view)).toContain('Pat Jones, Independent Reviews Ltd')
    const terms = await submit('helen', await open('helen', card, 'open:review.set-terms'), {
      termsOfReference: `How did agencies share what they saw of the toddler's injuries? (${MARKER} terms)`,
    })
    expect(blocksText(terms.view)).toContain('Terms of reference agreed')
  })

  it("invites a practitioner, who adds a blame-free perspective from the invitation's modal", async () => {
    const tom = await h.app.db.person.findFirstOrThrow({ where: { key: 'tom' } })
    const before = dms('tom').length
    const invited = await submit('helen', await open('helen', await reviewCard('helen'), 'open:review.invite'), {
      people: [tom.id],
    })
    expect(blocksText(invited.view)).toContain('1 invited, 0 perspectives added')
    const invitation = await dmWith('tom', 'your perspective', before)
    const added = await submit('tom', await open('tom', invitation, 'open:review.add-perspective'), {
      wentWell: `Joint visit with health (${MARKER} went well).`,
      wasHard: `Caseload meant the visit slipped (${MARKER} hard).`,
      wouldHelp: `A shared chronology (${MARKER} help).`,
    })
    expect(blocksText(added.view)).toContain('Perspective added to NSCP-2026-0001')
  })

  it("records the child's lived experience, a finding with its themes and a recommendation drawn from it", async () => {
    const card = await reviewCard('helen')
    const voice = await submit('helen', await open('helen', card, 'open:review.voice-of-child'), {
      voiceOfChild: `At nursery the toddler flinched when adults reached over; nobody asked why (${MARKER} voice).`,
    })
    expect(blocksText(voice.view)).toContain("Child's lived experience")
    const finding = await submit('helen', await open('helen', card, 'open:review.add-learning-point'), {
      kind: 'improvement',
      text: `Injuries were explained but not questioned (${MARKER} finding).`,
      themes: ['Professional curiosity'],
    })
    expect(blocksText(finding.view)).toContain('Findings (1)')
    const point = await h.app.db.learningPoint.findFirstOrThrow({ where: { reviewId: lcsprId } })
    const rec = await submit('helen', await open('helen', finding.view!.blocks, 'open:review.add-recommendation'), {
      recommendation: `Every agency records who explained an injury and how it was checked (${MARKER} recommendation).`,
      learningPoints: [point.id],
    })
    expect(blocksText(rec.view)).toContain('Recommendations (1)')
  })

  it('sends the full report to the Panel and the Secretary of State once it is final', async () => {
    // Mark each milestone done from the card's button, as the chair would, up to the advance copy.
    for (let i = 0; i < 8; i++) {
      const card = await reviewCard('helen')
      const next = elementOf(card, 'milestone.complete').text.text
      if (next.includes('Full report sent to the Panel')) break
      const reply = await press('helen', card, 'milestone.complete')
      expect(blocksText(reply)).toContain('Milestone done for NSCP-2026-0001')
    }
    const card = await reviewCard('claire')
    expect(blocksText(card)).toContain(
      '7 working days before publication (a setting, to be confirmed against Working Together 2023, chapter 5)',
    )
    const sent = await press('claire', card, 'milestone.complete')
    expect(blocksText(sent)).toContain('Milestone done for NSCP-2026-0001')
    expect(blocksText(sent)).toContain(
      'It was sent on Fri 20 Nov 2026, so the earliest publication date is Tue 1 Dec 2026.',
    )
  })

  it("is published as a summary by the partnership chair, with the partnership's response, in time", async () => {
    setNow('2026-12-02T10:00:00Z')
    const card = await reviewCard('mark')
    const response = await submit('mark', await open('mark', card, 'open:review.partnership-response'), {
      response: `The partners will audit injury explanations across agencies by March (${MARKER} response).`,
    })
    expect(blocksText(response.view)).toContain("The partnership's response is recorded")
    const claire = await open('claire', await reviewCard('claire'), 'open:review.publish')
    const notChair = await submit('claire', claire, {
      form: 'full',
      publishedOn: '2026-12-01',
      publicationUrl: 'https://northshire.example/r/1',
    })
    expect(blocksText(notChair.view)).toContain('Only the partnership chair publishes a review.')
    const publish = await open('mark', await reviewCard('mark'), 'open:review.publish')
    const summary = {
      form: 'summary',
      publicationUrl: 'https://northshire.example/reviews/nscp-2026-0001-summary',
      reasons: `The full report would identify the family in a small village (${MARKER} reasons).`,
    }
    const early = await submit('mark', publish, { ...summary, publishedOn: '2026-11-27' })
    expect(early.errors?.publishedOn).toContain('publish on or after Tue 1 Dec 2026')
    const beforeTom = dms('tom').length
    const published = await submit('mark', publish, { ...summary, publishedOn: '2026-12-01' })
    expect(blocksText(published.view)).toContain('NSCP-2026-0001 is published.')
    expect(blocksText(published.view)).toContain('A summary was published on Tue 1 Dec 2026')
    const told = await dmWith('tom', 'A summary of the review is published', beforeTom)
    expect(JSON.stringify(told)).toContain('nscp-2026-0001-summary')
    expect((await h.app.db.review.findUniqueOrThrow({ where: { id: lcsprId } })).publicationForm).toBe('summary')
  })

  it('is kept online for a year from publication, and can be marked so only then', async () => {
    const now = await press('claire', await reviewCard('claire'), 'milestone.complete')
    expect(blocksText(now)).toContain('this can be marked done from Wed 1 Dec 2027')
    setNow('2027-12-02T10:00:00Z')
    const kept = await press('claire', await reviewCard('claire'), 'milestone.complete')
    expect(blocksText(kept)).toContain('Milestone done for NSCP-2026-0001')
    const milestones = await h.app.db.milestone.findMany({ where: { reviewId: lcsprId } })
    expect(milestones.every((m) => m.status === 'DONE')).toBe(true)
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })

  it('never put the case text typed along the way in the channel', () => {
    expect(channelText()).toContain('NSCP-2026-0001')
    expect(channelText()).not.toContain(MARKER)
  })
})
