/**
 * Issue 5: the life of actions through the Teams protocol and a real PostgreSQL: created in bulk from a
 * recommendation, accepted, dated, handed back and reassigned, progressed, completed with evidence,
 * verified or sent back, measured for impact (met and not met); the daily digest, escalations at 10 and
 * 20 working days, exactly-once sending, and each role's refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNudges } from '../services/nudges/index.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import { startHarness, type Harness, type PersonKey } from './support/harness.js'

const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
const at = (iso: string) => {
  clock.at = new Date(iso)
}
let h: Harness
const chat = (key: PersonKey) => `a:personal-${key}`
const since = (key: PersonKey, from: number) =>
  h.connector
    .sentTo(chat(key))
    .slice(from)
    .map((c) => ({ card: cardOf(c), text: cardText(cardOf(c)) }))
const count = (key: PersonKey) => h.connector.sentTo(chat(key)).length
const ids: Record<string, string> = {}
const idOf = async (reference: string) =>
  (ids[reference] ??= (await h.app.db.action.findUniqueOrThrow({ where: { reference } })).id)
const person = async (key: string) => (await h.app.db.person.findFirstOrThrow({ where: { key } })).id
const nudge = async () => {
  const r = await runNudges({ db: h.app.db, clock })
  await h.app.outbox.drain()
  return r
}

/** The rows of the bulk form, as Teams sends them (field ids end in the row number). */
function rows(...list: { what: string; agency: string; owner: string; due: string }[]) {
  const data: Record<string, string> = {}
  list.forEach((r, i) => {
    const n = i + 1
    Object.assign(data, {
      [`what${n}`]: r.what,
      [`agencyKey${n}`]: r.agency,
      [`ownerId${n}`]: r.owner,
      [`dueDate${n}`]: r.due,
      [`measureOfSuccess${n}`]: 'An audit of 10 cases shows the child\u2019s views recorded in 8.',
      [`verifyingSubGroupKey${n}`]: 'case-review',
    })
  })
  return data
}

let recommendationId = ''

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '' } })
  for (const key of ['priya', 'tom', 'dana', 'sam', 'helen', 'robert', 'claire', 'mark'] as const)
    await h.teams.message(key, 'my referrals')
  // A published review's recommendation to turn into actions (its own story is in local-review.test.ts).
  const p = await h.app.db.partnership.findFirstOrThrow()
  const helen = await person('helen')
  const review = await h.app.db.review.create({
    data: {
      partnershipId: p.id,
      typeKey: 'lcspr',
      reference: 'NSCP-2026-0009',
      status: 'IN_PROGRESS',
      awarenessDate: new Date('2026-06-01'),
      startedAt: new Date('2026-07-01'),
      startedById: helen,
    },
  })
  const point = await h.app.db.learningPoint.create({
    data: {
      reviewId: review.id,
      kind: 'improvement',
      text: "The child's views were not recorded.",
      themes: ['Voice of the child'],
      createdById: helen,
      createdAt: new Date('2026-09-01'),
    },
  })
  recommendationId = (
    await h.app.db.recommendation.create({
      data: {
        reviewId: review.id,
        text: "Every agency records the child's views at each contact.",
        learningPointIds: [point.id],
        createdById: helen,
        createdAt: new Date('2026-09-01'),
      },
    })
  ).id
})
afterAll(async () => h?.stop())

describe('creating actions', () => {
  it('turns a recommendation into several actions from one card, once however often it is submitted', async () => {
    const priya = await h.teams.invoke('priya', 'open:action.create', { recommendationId })
    expect(cardText(priya.card)).toContain('Only a sub-group chair or the business manager can create actions.')
    const form = await h.teams.invoke('helen', 'open:action.create', { recommendationId })
    expect(cardText(form.card)).toContain(
      "From the recommendation: Every agency records the child's views at each contact.",
    )
    const formToken = JSON.stringify(form.card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const [sam, dana, tom] = [await person('sam'), await person('dana'), await person('tom')]
    const data = {
      formToken,
      recommendationId,
      ...rows(
        {
          what: "Health visitors record the child's views at every visit.",
          agency: 'health',
          owner: sam,
          due: '2026-11-30',
        },
        {
          what: 'Officers record what children say at domestic abuse call-outs.',
          agency: 'police',
          owner: dana,
          due: '2026-11-13',
        },
        { what: 'Social workers use the voice of the child template.', agency: 'csc', owner: tom, due: '2026-12-15' },
      ),
    }
    const missing = await h.teams.invoke('helen', 'action.create', { ...data, measureOfSuccess2: '' })
    expect(cardText(missing.card)).toContain('Enter what we would see if this worked')
    const first = await h.teams.invoke('helen', 'action.create', { ...data, impactMonths2: '6' })
    const again = await h.teams.invoke('helen', 'action.create', { ...data, impactMonths2: '6' })
    expect(cardText(first.card)).toContain(
      'NSCP-ACT-2026-0001, NSCP-ACT-2026-0002, NSCP-ACT-2026-0003. Each owner has been asked to accept.',
    )
    expect(cardText(again.card)).toContain('Actions already created')
    expect(await h.app.db.action.count({ where: { recommendationId } })).toBe(3)
    expect(
      (await h.app.db.action.findMany({ where: { recommendationId }, orderBy: { reference: 'asc' } })).map(
        (a) => a.impactMonths,
      ),
    ).toEqual([3, 6, 3])
    await h.app.outbox.drain()
    const assigned = since('sam', 0).find((c) => c.text.includes('New action for you: NSCP-ACT-2026-0001'))!
    expect(assigned.text).toContain('What we would see if it worked')
    expect(verbsIn(assigned.card)).toEqual(['action.accept', 'open:action.propose-date', 'open:action.hand-back'])
  })
})

describe('owners respond', () => {
  it('lets the owner accept; nobody else may', async () => {
    const a1 = await idOf('NSCP-ACT-2026-0001')
    const dana = await h.teams.invoke('dana', 'action.accept', { actionId: a1 })
    expect(cardText(dana.card)).toContain("Only the action's owner or their agency's safeguarding lead can update it.")
    const sam = await h.teams.invoke('sam', 'action.accept', { actionId: a1 })
    expect(cardText(sam.card)).toContain('NSCP-ACT-2026-0001 accepted')
  })

  it('sends a proposed date to the verifying chair, who decides', async () => {
    const a2 = await idOf('NSCP-ACT-2026-0002')
    const before = count('helen')
    const asked = await h.teams.invoke('dana', 'action.propose-date', {
      actionId: a2,
      proposedDueDate: '2027-01-29',
      reason: 'Training for all officers needs until January.',
    })
    expect(cardText(asked.card)).toContain('New date asked for NSCP-ACT-2026-0002')
    await h.app.outbox.drain()
    const request = since('helen', before).find((c) => c.text.includes('new date requested'))!
    expect(request.text).toContain('from Fri 13 Nov 2026 to Fri 29 Jan 2027')
    const sam = await h.teams.invoke('sam', 'action.reject-date', { actionId: a2 })
    expect(cardText(sam.card)).toContain('Only the chair of the verifying sub-group can decide this.')
    const kept = await h.teams.invoke('helen', 'action.reject-date', { actionId: a2 })
    expect(cardText(kept.card)).toContain('Still due Fri 13 Nov 2026')
    expect((await h.app.db.action.findUniqueOrThrow({ where: { id: a2 } })).status).toBe('OPEN')
  })

  it('hands an action back to the chair, and the business manager reassigns it', async () => {
    const a3 = await idOf('NSCP-ACT-2026-0003')
    const before = count('helen')
    await h.teams.invoke('tom', 'action.hand-back', {
      actionId: a3,
      reason: 'This sits with the principal social worker, not me.',
    })
    await h.app.outbox.drain()
    expect(since('helen', before).some((c) => c.text.includes('NSCP-ACT-2026-0003: handed back'))).toBe(true)
    const tom = await h.teams.invoke('tom', 'action.reassign', { actionId: a3, ownerId: await person('sam') })
    expect(cardText(tom.card)).toContain('Only the business manager or the verifying chair can reassign an action.')
    const samBefore = count('sam')
    const ok = await h.teams.invoke('claire', 'action.reassign', { actionId: a3, ownerId: await person('sam') })
    expect(cardText(ok.card)).toContain('Sam Patel has been asked to accept it.')
    await h.app.outbox.drain()
    expect(since('sam', samBefore).some((c) => c.text.includes('New action for you: NSCP-ACT-2026-0003'))).toBe(true)
    // Sam accepts from Slack: the same action, the same rules.
    await h.slackClient.button('sam', 'action.accept', JSON.stringify({ actionId: a3 }), 'D0SAMPAT04')
    const eph = h.slack.callsTo('chat.postEphemeral').at(-1)!
    expect(blocksText(eph.args.blocks)).toContain('NSCP-ACT-2026-0003 accepted')
    expect((await h.app.db.action.findUniqueOrThrow({ where: { id: a3 } })).status).toBe('OPEN')
    // Notices follow Sam to where he was last: back in Teams, they come to Teams again.
    await h.teams.message('sam', 'my actions')
  })
})

describe('completion, verification and impact', () => {
  it('needs evidence to complete, and only the verifying chair verifies or sends back', async () => {
    const a1 = await idOf('NSCP-ACT-2026-0001')
    expect(
      cardText(
        (await h.teams.invoke('sam', 'action.progress', { actionId: a1, note: 'Template agreed with team leaders.' }))
          .card,
      ),
    ).toContain('Progress saved')
    const noLinks = await h.teams.invoke('sam', 'action.complete', {
      actionId: a1,
      description: 'All health visitors briefed and template live.',
      links: '',
    })
    expect(cardText(noLinks.card)).toContain('Add at least one link or file reference.')
    const before = count('helen')
    const done = await h.teams.invoke('sam', 'action.complete', {
      actionId: a1,
      description: 'All health visitors briefed and template live.',
      links: 'https://nhs.example/briefing\nAudit/2026/views.xlsx',
    })
    expect(cardText(done.card)).toContain('sent for verification')
    await h.app.outbox.drain()
    const request = since('helen', before).find((c) => c.text.includes('please verify'))!
    // What was done under its own name, each piece of evidence on its own line, web links as buttons (issue 11).
    expect(request.text).toContain('What was done')
    expect(request.text).toContain(
      'Evidence (links or file references):\nhttps://nhs.example/briefing\nAudit/2026/views.xlsx',
    )
    expect(JSON.stringify(request.card)).toContain(
      '"type":"Action.OpenUrl","title":"Open evidence on nhs.example","url":"https://nhs.example/briefing"',
    )
    expect(cardText((await h.teams.invoke('dana', 'action.verify', { actionId: a1 })).card)).toContain(
      'Only the chair of the verifying sub-group can decide this.',
    )
    const noReason = await h.teams.invoke('helen', 'action.send-back', { actionId: a1, reason: '' })
    expect(cardText(noReason.card)).toContain('Say why it goes back')
    await h.teams.invoke('helen', 'action.send-back', {
      actionId: a1,
      reason: 'Please add the audit result, not just the briefing.',
    })
    expect((await h.app.db.action.findUniqueOrThrow({ where: { id: a1 } })).status).toBe('OPEN')
    await h.teams.invoke('sam', 'action.complete', {
      actionId: a1,
      description: 'Audit of 10 cases: views recorded in 9.',
      links: 'Audit/2026/views-audit.pdf',
    })
    at('2026-11-10T10:00:00Z')
    const verified = await h.teams.invoke('helen', 'action.verify', { actionId: a1 })
    expect(cardText(verified.card)).toContain(
      'You will be asked on Wed 10 Feb 2027 whether the measure of success was met.',
    )
    const a3 = await idOf('NSCP-ACT-2026-0003')
    await h.teams.invoke('sam', 'action.complete', {
      actionId: a3,
      description: 'Template in use across all teams.',
      links: 'https://council.example/template',
    })
    await h.teams.invoke('helen', 'action.verify', { actionId: a3 })
  })
})

describe('digests and escalations', () => {
  beforeAll(async () => {
    // Sam gets three more actions: overdue, due today and due soon by Mon 16 Nov 2026.
    at('2026-11-10T11:00:00Z')
    const sam = await person('sam')
    const form = await h.teams.invoke('helen', 'open:action.create', {})
    const formToken = JSON.stringify(form.card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const res = await h.teams.invoke('helen', 'action.create', {
      formToken,
      ...rows(
        { what: 'Named nurse audit of supervision records.', agency: 'health', owner: sam, due: '2026-11-12' },
        { what: 'Safeguarding supervision policy refreshed.', agency: 'health', owner: sam, due: '2026-11-16' },
        { what: 'Neglect toolkit training for school nurses.', agency: 'health', owner: sam, due: '2026-11-20' },
      ),
    })
    expect(cardText(res.card)).toContain('NSCP-ACT-2026-0004, NSCP-ACT-2026-0005, NSCP-ACT-2026-0006')
  })

  it('gives a lead one digest with their actions overdue, due today and due within 7 days, once', async () => {
    at('2026-11-16T09:30:00Z')
    const before = count('sam')
    const [a, b] = await Promise.all([runNudges({ db: h.app.db, clock }), runNudges({ db: h.app.db, clock })])
    expect(a.alreadySent + b.alreadySent).toBeGreaterThan(0)
    await h.app.outbox.drain()
    const digests = since('sam', before).filter((c) => c.text.includes('Reminders'))
    expect(digests).toHaveLength(1)
    const text = digests[0]!.text
    expect(text).toMatch(/Overdue \(1\)[\s\S]*NSCP-ACT-2026-0004[\s\S]*2 working days late/)
    expect(text).toMatch(/Due today \(1\)[\s\S]*NSCP-ACT-2026-0005/)
    expect(text).toMatch(/Due soon \(1\)[\s\S]*NSCP-ACT-2026-0006/)
    expect(verbsIn(digests[0]!.card)).toEqual(
      expect.arrayContaining(['open:action.progress', 'open:action.complete', 'open:action.propose-date']),
    )
    // The buttons open their forms.
    const complete = await h.teams.invoke('sam', 'open:action.complete', { actionId: await idOf('NSCP-ACT-2026-0005') })
    expect(cardText(complete.card)).toContain('Evidence: links or file references, one per line')
  })

  it('sends each digest exactly once when the sender crashed mid-run and the job ran again', async () => {
    at('2026-11-17T09:30:00Z')
    const before = count('sam')
    await runNudges({ db: h.app.db, clock })
    // The instance that claimed the day's digests dies mid-send: its outbox rows are left claimed, with a
    // lease that has run out, and nothing reached Teams.
    const queued = await h.app.db.outbox.updateMany({
      where: { status: 'PENDING' },
      data: { status: 'SENDING', lockedUntil: new Date(Date.now() - 1000), attempts: 1 },
    })
    expect(queued.count).toBeGreaterThan(0)
    expect(since('sam', before)).toHaveLength(0)
    // pg-boss runs the job again after the restart: nothing new is claimed for today...
    expect((await runNudges({ db: h.app.db, clock })).people).toBe(0)
    // ...and two instances draining at once deliver what the dead one left, once.
    await Promise.all([h.app.outbox.drain(), h.app.outbox.drain()])
    expect(since('sam', before).filter((c) => c.text.includes('Reminders'))).toHaveLength(1)
    expect(await h.app.db.outbox.count({ where: { status: { not: 'SENT' } } })).toBe(0)
  })

  it('tells the verifying chair at 10 working days overdue, and the partnership chair at 20, listed for scrutiny', async () => {
    at('2026-11-27T09:30:00Z') // NSCP-ACT-2026-0002 was due Fri 13 Nov: 10 working days late
    const helenBefore = count('helen')
    await nudge()
    const helen = since('helen', helenBefore).find((c) => c.text.includes('Reminders'))!
    expect(helen.text).toMatch(/Late: for your attention as chair[\s\S]*NSCP-ACT-2026-0002[\s\S]*with Dana Okafor/)
    at('2026-11-30T09:30:00Z') // 0004 (due 12 Nov) is now 12 working days late, 0005 (due 16 Nov) 10
    // Two instances run at the same moment: the chair's escalations are recorded by the one that claims them.
    const [first, second] = await Promise.all([runNudges({ db: h.app.db, clock }), runNudges({ db: h.app.db, clock })])
    expect(first.people + second.people).toBeGreaterThan(0)
    expect(first.alreadySent + second.alreadySent).toBe(first.people + second.people)
    await h.app.outbox.drain()
    const level10 = await h.app.db.actionEscalation.findMany({ where: { level: 10 }, include: { action: true } })
    expect(level10.map((e) => e.action.reference).sort()).toEqual([
      'NSCP-ACT-2026-0002',
      'NSCP-ACT-2026-0004',
      'NSCP-ACT-2026-0005',
    ])
    at('2026-12-11T09:30:00Z') // 20 working days late
    const markBefore = count('mark')
    await nudge()
    expect(since('mark', markBefore).some((c) => c.text.includes('NSCP-ACT-2026-0002'))).toBe(true)
    // The independent scrutineer reads the escalation list (scrutiny), without being asked to decide anything.
    await h.teams.message('robert', 'escalations')
    const list = cardText(cardOf(h.connector.sentTo(chat('robert')).at(-1)))
    expect(list).toContain('Northshire Police')
    expect(list).toContain('NSCP-ACT-2026-0002')
    expect(await h.app.db.actionEscalation.count({ where: { action: { reference: 'NSCP-ACT-2026-0002' } } })).toBe(2)
    // Escalations are recorded once each, however many runs there are.
    at('2026-12-14T09:30:00Z')
    await nudge()
    expect(await h.app.db.actionEscalation.count({ where: { action: { reference: 'NSCP-ACT-2026-0002' } } })).toBe(2)
  })

  it("shows a chair their sub-group's actions grouped by agency, and refuses a practitioner", async () => {
    await h.teams.message('helen', 'actions overdue')
    const text = cardText(cardOf(h.connector.sentTo(chat('helen')).at(-1)))
    expect(text).toMatch(/Overdue \(\d+\)[\s\S]*Northshire NHS Foundation Trust[\s\S]*Northshire Police/)
    await h.teams.message('priya', 'actions overdue')
    expect(cardText(cardOf(h.connector.sentTo(chat('priya')).at(-1)))).toContain(
      'The action overview is for chairs, the safeguarding partners, scrutiny and the business manager.',
    )
    await h.teams.message('sam', 'my actions')
    expect(cardText(cardOf(h.connector.sentTo(chat('sam')).at(-1)))).toContain('NSCP-ACT-2026-0004')
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})

describe('impact, months later', () => {
  it('asks about impact months later; "not met" proposes a new action, "met" closes it', async () => {
    const a3 = await idOf('NSCP-ACT-2026-0003')
    at('2027-02-22T10:00:00Z')
    const before = count('helen')
    await nudge()
    const digest = since('helen', before).find((c) => c.text.includes('Reminders'))!
    expect(digest.text).toContain('Was the measure of success met? (2)')
    expect(verbsIn(digest.card)).toContain('open:action.impact')
    const notMet = await h.teams.invoke('helen', 'action.impact', {
      actionId: await idOf('NSCP-ACT-2026-0001'),
      result: 'not-met',
      note: 'Re-audit found views recorded in 4 of 10.',
    })
    expect(cardText(notMet.card)).toContain('a new action NSCP-ACT-2027-0001 has been proposed')
    const met = await h.teams.invoke('helen', 'action.impact', {
      actionId: a3,
      result: 'met',
      note: 'Re-audit: 9 of 10.',
    })
    expect(cardText(met.card)).toContain('the action is closed')
    const [x1, x3, reopened] = await Promise.all([
      h.app.db.action.findUniqueOrThrow({ where: { id: await idOf('NSCP-ACT-2026-0001') } }),
      h.app.db.action.findUniqueOrThrow({ where: { id: a3 } }),
      h.app.db.action.findUniqueOrThrow({ where: { reference: 'NSCP-ACT-2027-0001' } }),
    ])
    expect([x1.status, x3.status, reopened.status]).toEqual(['CLOSED_NOT_MET', 'CLOSED_MET', 'PROPOSED'])
    expect(reopened.reopenedFromId).toBe(x1.id)
  })
})
