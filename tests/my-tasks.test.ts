/**
 * Issue 10, nothing dropped: `my tasks` lists what waits for a person across referrals, reviews and actions,
 * each with the button that takes the next step, and `hi` says how many. A practitioner with a question to
 * answer, a safeguarding lead with an information request, the notification lead, the partners with a pending
 * sign-off, an owner and a verifying chair with actions, and someone with nothing, through Teams and Slack
 * against a real PostgreSQL. Each press is checked by the form or card it brings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import { eventually, type Harness, type PersonKey, startHarness, NO_SUBMIT_LIMITS } from './support/harness.js'

const clock = {
  at: new Date('2026-11-03T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
let referralId = ''
const chat = (key: PersonKey) => `a:personal-${key}`

/**
 * Types a message in the person's 1:1 Teams chat and returns the card the bot answered with: the first new card
 * whose text starts with `title` (notices the outbox delivers meanwhile land in the same chat).
 */
async function teamsSays(key: PersonKey, text: string, title = 'My tasks'): Promise<any> {
  const before = h.connector.sentTo(chat(key)).length
  await h.teams.message(key, text)
  const answer = () =>
    h.connector
      .sentTo(chat(key))
      .slice(before)
      .map(cardOf)
      .find((card) => cardText(card).startsWith(title))
  return eventually(answer, `answer to "${text}" for ${key}`)
}

/** The data of a Teams button (Action.Execute) with this verb, from a card. */
function dataOf(card: any, verb: string): Record<string, string> {
  const found: any[] = []
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk)
    else if (n && typeof n === 'object') {
      if (n.type === 'Action.Execute' && n.verb === verb) found.push(n.data)
      Object.values(n).forEach(walk)
    }
  }
  walk(card)
  expect(found.length, `a ${verb} button`).toBeGreaterThan(0)
  const { verb: _verb, ...data } = found[0]
  return data
}

/** A slash command's ephemeral answer in Slack. */
async function slackSays(key: PersonKey, text: string): Promise<any[]> {
  const res = await h.slackClient.command(key, text)
  expect(res.status).toBe(200)
  return (res.body as any).blocks
}

/** The Slack button with this action id, from blocks. */
function slackButton(blocks: any[], actionId: string): any {
  const button = blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === actionId)
  expect(button, `button ${actionId}`).toBeTruthy()
  return button
}

/** Presses a Slack button that opens a form, and returns the modal it opened. */
async function slackModal(key: PersonKey, blocks: any[], actionId: string): Promise<any> {
  const opens = h.slack.callsTo('views.open').length
  await h.slackClient.button(key, actionId, slackButton(blocks, actionId).value, `D0${key.toUpperCase()}`)
  return (await eventually(() => h.slack.callsTo('views.open')[opens], `${actionId} modal`)).args.view
}

/** Presses a Slack button that acts at once, and returns the card it answered with. */
async function slackPress(key: PersonKey, blocks: any[], actionId: string): Promise<string> {
  const before = h.slack.callsTo('chat.postEphemeral').length
  await h.slackClient.button(key, actionId, slackButton(blocks, actionId).value, `D0${key.toUpperCase()}`)
  return blocksText(
    (await eventually(() => h.slack.callsTo('chat.postEphemeral')[before], `${actionId} answer`)).args.blocks,
  )
}

const personId = async (key: string) => (await h.app.db.person.findFirstOrThrow({ where: { key } })).id

beforeAll(async () => {
  h = await startHarness({ clock, env: { ...NO_SUBMIT_LIMITS } })
  for (const key of ['priya', 'dana', 'sam', 'helen', 'kate', 'mark', 'joanne', 'nadia', 'ruth', 'tom'] as const)
    await h.teams.message(key, 'my referrals')
  const form = await teamsSays('priya', 'referral', '')
  const formToken = JSON.stringify(form).match(/"formToken":"([0-9a-f-]{36})"/)![1]
  const res = await h.teams.invoke('priya', 'referral.submit', {
    formToken,
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
  referralId = (await h.app.db.referral.findFirstOrThrow()).id
})
afterAll(async () => h?.stop())

describe('my tasks', () => {
  it('tells someone with nothing waiting so, in Teams and Slack, and hi mentions nothing', async () => {
    expect(cardText(await teamsSays('ruth', 'my tasks'))).toContain('Nothing is waiting for you.')
    expect(blocksText(await slackSays('ruth', 'todo'))).toContain('Nothing is waiting for you.')
    const hi = cardText(await teamsSays('ruth', 'hi', 'Hello'))
    expect(hi).toContain('"my tasks": Everything waiting for you')
    expect(hi).not.toContain('waiting: type')
  })

  it("offers the Case Review Group chair the referral to screen, with the agency's case reference", async () => {
    const card = await teamsSays('helen', 'my tasks')
    expect(cardText(card)).toContain('Screen the referral and decide')
    expect(cardText(card)).toContain('(case HV-2026-2001)')
    const opened = await h.teams.invoke('helen', 'referral.refresh', dataOf(card, 'referral.refresh'))
    expect(verbsIn(opened.card)).toContain('referral.start-rapid-review')
  })

  it('lists the serious incident notification tasks for the notification lead, opening the notification', async () => {
    const card = await teamsSays('kate', 'what do I need to do')
    expect(cardText(card)).toContain('Notify the national Panel')
    expect(cardText(card)).toMatch(/Due \w{3} \d+ Nov 2026/)
    const opened = await h.teams.invoke('kate', 'notification.open', dataOf(card, 'notification.open'))
    expect(verbsIn(opened.card)).toContain('notification.notified')
  })

  it("gives the referrer the chair's question to answer, and hi counts it", async () => {
    const asked = await h.teams.invoke('helen', 'referral.ask', {
      referralId,
      question: 'Was the GP told about the missed visits?',
    })
    expect(cardText(asked.card)).toContain('Question sent')
    expect(cardText(await teamsSays('priya', 'hi', 'Hello'))).toContain('You have 1 thing waiting: type "my tasks"')
    const card = await teamsSays('priya', 'what do I need to do?')
    expect(cardText(card)).toContain("Answer the Case Review Group chair's question")
    expect(cardText(card)).toContain('(case HV-2026-2001)')
    // Slack: the same item; its button opens the answer form as a modal.
    const blocks = await slackSays('priya', 'my tasks')
    expect(buttonIds(blocks)).toEqual(['open:referral.answer'])
    const modal = await slackModal('priya', blocks, 'open:referral.answer')
    expect(blocksText(modal.blocks)).toContain('Was the GP told about the missed visits?')
    // Teams: the button opens the form as a card; answering it takes the item off the list.
    const form = await h.teams.invoke('priya', 'open:referral.answer', dataOf(card, 'open:referral.answer'))
    expect(verbsIn(form.card)).toEqual(['referral.answer'])
    const answered = await h.teams.invoke('priya', 'referral.answer', {
      ...dataOf(card, 'open:referral.answer'),
      answer: 'Yes, the GP surgery was told by letter.',
    })
    expect(cardText(answered.card)).toContain('Answer sent')
    expect(cardText(await teamsSays('priya', 'tasks'))).toContain('Nothing is waiting for you.')
  })

  it("asks an involved agency's safeguarding lead for information, without the case reference", async () => {
    const started = await h.teams.invoke('helen', 'referral.start-rapid-review', { referralId })
    expect(cardText(started.card)).toContain('Decision recorded')
    const card = await teamsSays('dana', 'my tasks')
    const text = cardText(card)
    expect(text).toContain("Send your agency's chronology summary and immediate learning")
    expect(text).toContain('Due Mon 16 Nov 2026')
    expect(text).not.toContain('HV-2026-2001')
    const form = await h.teams.invoke(
      'dana',
      'open:review.answer-information',
      dataOf(card, 'open:review.answer-information'),
    )
    expect(verbsIn(form.card)).toEqual(['review.answer-information'])
    expect(cardText(form.card)).toContain("Northshire Police's chronology summary")
    const blocks = await slackSays('dana', 'tasks')
    const modal = await slackModal('dana', blocks, 'open:review.answer-information')
    expect(modal.callback_id).toBe('review.answer-information')
  })

  it('gives each safeguarding partner their pending sign-off until they (or their body) sign', async () => {
    const reviewId = (await h.app.db.review.findFirstOrThrow({ where: { referralId } })).id
    const recorded = await h.teams.invoke('helen', 'review.record-outcome', {
      reviewId,
      tests: 'improvements-needed,agencies-working-together',
      recommendation: 'lcspr',
      immediateLearning: 'Health and police to share call-out information within 24 hours.',
      rationale: 'Two agencies held pieces of the picture; a local review can show why.',
    })
    expect(cardText(recorded.card)).toContain('three safeguarding partners')
    const card = await teamsSays('joanne', 'my tasks')
    expect(cardText(card)).toContain(
      "Sign off the rapid review's recommendation: Commission a local child safeguarding practice review",
    )
    expect(verbsIn(card)).toEqual(['review.approve', 'open:review.send-back'])
    const agreed = await h.teams.invoke('joanne', 'review.approve', dataOf(card, 'review.approve'))
    expect(cardText(agreed.card)).toContain('You agreed.')
    expect(cardText(await teamsSays('joanne', 'my tasks'))).toContain('Nothing is waiting for you.')
    // Slack: another partner's list still has it; Agree works from there too.
    const blocks = await slackSays('mark', 'my tasks')
    expect(buttonIds(blocks)).toEqual(['review.approve', 'open:review.send-back'])
    expect(await slackPress('mark', blocks, 'review.approve')).toContain('You agreed.')
    expect(blocksText(await slackSays('mark', 'my tasks'))).toContain('Nothing is waiting for you.')
    const nadia = await teamsSays('nadia', 'my tasks')
    expect(cardText(nadia)).toContain("Sign off the rapid review's recommendation")
    const form = await h.teams.invoke('nadia', 'open:review.send-back', dataOf(nadia, 'open:review.send-back'))
    expect(verbsIn(form.card)).toEqual(['review.send-back'])
  })

  it('gives an invited practitioner their perspective to add, and a lead reviewer their milestone', async () => {
    const p = await h.app.db.partnership.findFirstOrThrow()
    const [tom, helen, gareth] = await Promise.all(['tom', 'helen', 'gareth'].map(personId))
    const review = await h.app.db.review.create({
      data: {
        partnershipId: p.id,
        typeKey: 'learning-review',
        reference: 'NSCP-2026-0050',
        status: 'IN_PROGRESS',
        awarenessDate: new Date('2026-09-01'),
        startedAt: new Date('2026-09-10'),
        startedById: helen!,
        milestones: {
          create: [
            {
              key: 'practitioner-event',
              label: 'Practitioner learning event held',
              dueDate: new Date('2026-12-01'),
              responsibleRole: 'lead-reviewer',
              responsiblePersonId: gareth!,
            },
          ],
        },
        contributions: { create: [{ personId: tom!, invitedAt: new Date('2026-10-01') }] },
      },
    })
    const card = await teamsSays('tom', 'my tasks')
    expect(cardText(card)).toContain(
      'NSCP-2026-0050: Add your perspective before the learning event. Due Tue 1 Dec 2026.',
    )
    const form = await h.teams.invoke('tom', 'open:review.add-perspective', dataOf(card, 'open:review.add-perspective'))
    expect(verbsIn(form.card)).toEqual(['review.add-perspective'])
    expect(dataOf(card, 'open:review.add-perspective')).toEqual({ reviewId: review.id })
    const lead = await teamsSays('gareth', 'my tasks')
    expect(cardText(lead)).toContain('NSCP-2026-0050: Practitioner learning event held. Due Tue 1 Dec 2026.')
    const done = await h.teams.invoke('gareth', 'milestone.complete', dataOf(lead, 'milestone.complete'))
    expect(cardText(done.card)).toContain('Milestone done for NSCP-2026-0050')
    expect(cardText(await teamsSays('gareth', 'my tasks'))).toContain('Nothing is waiting for you.')
    // Tom's perspective, as if added, so the next test finds his list empty once his action is verified.
    await h.app.db.reviewContribution.updateMany({ where: { reviewId: review.id }, data: { submittedAt: new Date() } })
  })

  it('gives an owner their actions (to accept, overdue) and the verifying chair what to verify', async () => {
    const p = await h.app.db.partnership.findFirstOrThrow()
    const [sam, tom, helen] = await Promise.all(['sam', 'tom', 'helen'].map(personId))
    const action = (reference: string, ownerId: string, status: string, due: string, what: string) => ({
      partnershipId: p.id,
      reference,
      source: 'review',
      what,
      agencyKey: ownerId === sam ? 'health' : 'csc',
      ownerId,
      dueDate: new Date(`${due}T00:00:00Z`),
      measureOfSuccess: 'An audit of 10 cases shows the child\u2019s views recorded in 8.',
      verifyingSubGroupKey: 'case-review',
      status,
      createdById: helen!,
      createdAt: new Date('2026-10-01T09:00:00Z'),
    })
    await h.app.db.action.createMany({
      data: [
        action('NSCP-ACT-2026-0101', sam!, 'PROPOSED', '2026-12-15', "Health visitors record the child's views."),
        action('NSCP-ACT-2026-0102', sam!, 'OPEN', '2026-10-30', 'Audit the new-birth visit records.'),
        action(
          'NSCP-ACT-2026-0103',
          tom!,
          'AWAITING_VERIFICATION',
          '2026-11-20',
          'Use the voice of the child template.',
        ),
      ],
    })
    const card = await teamsSays('sam', 'my tasks')
    const text = cardText(card)
    expect(text).toContain("NSCP-ACT-2026-0101: Accept the action: Health visitors record the child's views.")
    expect(text).toContain('NSCP-ACT-2026-0102: Audit the new-birth visit records. Due Fri 30 Oct 2026: overdue.')
    // Overdue first.
    expect(text.indexOf('NSCP-ACT-2026-0102')).toBeLessThan(text.indexOf('NSCP-ACT-2026-0101'))
    expect(verbsIn(card)).toEqual(
      expect.arrayContaining(['action.accept', 'open:action.progress', 'open:action.complete']),
    )
    const accepted = await h.teams.invoke('sam', 'action.accept', dataOf(card, 'action.accept'))
    expect(cardText(accepted.card)).toContain('NSCP-ACT-2026-0101 accepted')
    const blocks = await slackSays('sam', 'to do')
    const modal = await slackModal('sam', blocks, 'open:action.complete')
    expect(modal.callback_id).toBe('action.complete')
    // The verifying chair: Tom's completed action, to accept as done or send back.
    const helenCard = await teamsSays('helen', 'my tasks')
    expect(cardText(helenCard)).toContain(
      'NSCP-ACT-2026-0103: Verify that it is done: Use the voice of the child template.',
    )
    const verified = await h.teams.invoke('helen', 'action.verify', dataOf(helenCard, 'action.verify'))
    expect(cardText(verified.card)).toContain('NSCP-ACT-2026-0103 verified')
    expect(cardText(await teamsSays('tom', 'my tasks'))).toContain('Nothing is waiting for you.')
  })
})
