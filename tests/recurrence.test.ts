/**
 * The recurrence detector (issue 15) through Teams on a real PostgreSQL. An earlier review's finding on
 * "Information sharing" led to two actions, both verified (arranged in the database: their own stories are in
 * actions.test.ts). A new area-for-improvement finding on that theme in another review raises one flag, on the
 * finding's reply and 1:1 to the chair; a good-practice finding does not. The chair's "not the same issue"
 * needs a reason, then closes the flag once, and the tab lists it with the response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardOf, cardText } from './support/fake-connector.js'
import { NO_SUBMIT_LIMITS, startHarness, type Harness } from './support/harness.js'
import { tabToken } from './support/insight-data.js'

const clock = { now: () => new Date('2026-11-24T10:00:00Z') }
let h: Harness
let reviewId = ''

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '', ...NO_SUBMIT_LIMITS } })
  for (const key of ['helen', 'claire', 'mark'] as const) await h.teams.message(key, 'my referrals')
  const db = h.app.db
  const p = await db.partnership.findFirstOrThrow()
  const helen = (await db.person.findFirstOrThrow({ where: { key: 'helen' } })).id
  const sam = (await db.person.findFirstOrThrow({ where: { key: 'sam' } })).id
  const review = (reference: string, status: string) =>
    db.review.create({
      data: {
        partnershipId: p.id,
        typeKey: 'lcspr',
        reference,
        status,
        awarenessDate: new Date('2025-06-01'),
        startedAt: new Date('2025-07-01'),
        startedById: helen,
      },
    })
  const earlier = await review('NSCP-2025-0004', 'PUBLISHED')
  const point = await db.learningPoint.create({
    data: {
      reviewId: earlier.id,
      kind: 'improvement',
      text: 'Health did not share the missed appointments.',
      themes: ['Information sharing'],
      createdById: helen,
      createdAt: new Date('2025-10-01'),
    },
  })
  const rec = await db.recommendation.create({
    data: {
      reviewId: earlier.id,
      text: 'Share missed health appointments with the allocated social worker.',
      learningPointIds: [point.id],
      createdById: helen,
      createdAt: new Date('2025-10-01'),
    },
  })
  for (const [reference, verifiedOn] of [
    ['NSCP-A-2025-0012', '2026-03-03'],
    ['NSCP-A-2025-0015', '2026-04-09'],
  ] as const)
    await db.action.create({
      data: {
        partnershipId: p.id,
        reference,
        source: 'review',
        recommendationId: rec.id,
        reviewId: earlier.id,
        what: 'Share missed appointments',
        agencyKey: 'health',
        ownerId: sam,
        dueDate: new Date('2026-02-27'),
        measureOfSuccess: 'Audit shows sharing',
        verifyingSubGroupKey: 'case-review',
        status: 'VERIFIED',
        createdById: helen,
        createdAt: new Date('2025-10-02'),
        completedAt: new Date(`${verifiedOn}T09:00:00Z`),
        verifiedAt: new Date(`${verifiedOn}T10:00:00Z`),
        verifiedById: helen,
      },
    })
  reviewId = (await review('NSCP-2026-0021', 'IN_PROGRESS')).id
  // An audit's finding on "Escalation" became an action, verified in May.
  const tool = await db.auditTool.findFirstOrThrow()
  const audit = await db.audit.create({
    data: {
      partnershipId: p.id,
      reference: 'NSCP-AUD-2025-0003',
      type: tool.auditType,
      title: 'Escalation audit',
      toolId: tool.id,
      participantKeys: ['police'],
      openingDate: new Date('2025-09-01'),
      deadline: new Date('2025-10-31'),
      status: 'OPEN',
      plannedById: helen,
      plannedAt: new Date('2025-08-01T09:00:00Z'),
    },
  })
  const auditFinding = await db.auditFinding.create({
    data: {
      auditId: audit.id,
      sourceKey: 'moderation:test',
      source: 'moderation',
      text: 'Escalation policy not used.',
      themes: ['Escalation'],
      createdAt: new Date('2025-11-20T09:00:00Z'),
    },
  })
  const escalationAction = await db.action.create({
    data: {
      partnershipId: p.id,
      reference: 'NSCP-A-2025-0031',
      source: 'audit',
      what: 'Use the escalation policy',
      agencyKey: 'police',
      ownerId: sam,
      dueDate: new Date('2026-04-30'),
      measureOfSuccess: 'Escalations recorded',
      verifyingSubGroupKey: 'qa-audit',
      status: 'VERIFIED',
      createdById: helen,
      createdAt: new Date('2025-11-21'),
      completedAt: new Date('2026-05-04T09:00:00Z'),
      verifiedAt: new Date('2026-05-05T10:00:00Z'),
      verifiedById: helen,
    },
  })
  await db.auditFindingAction.create({ data: { findingId: auditFinding.id, actionId: escalationAction.id } })
})
afterAll(() => h?.stop())

const finding = (kind: string, text: string) =>
  h.teams.invoke('helen', 'review.add-learning-point', { reviewId, kind, text, themes: 'Information sharing' })

describe('a lesson that came back', () => {
  it('does not flag good practice on the theme', async () => {
    const reply = await finding('good-practice', 'The school shared its concerns the same day.')
    expect(cardText(reply.card)).not.toContain('Learning did not transfer')
    expect(await h.app.db.recurrenceFlag.count()).toBe(0)
  })

  it('flags a new area for improvement on the theme once, on the reply and to the chair', async () => {
    const before = h.connector.sentTo('a:personal-helen').length
    const reply = await finding('improvement', 'Police did not pass on the domestic abuse call-outs.')
    const sentence =
      'Learning did not transfer: Information sharing came back in NSCP-2026-0021 after actions NSCP-A-2025-0012 ' +
      'and NSCP-A-2025-0015 were verified on 3 Mar 2026 and 9 Apr 2026.'
    expect(cardText(reply.card)).toContain(sentence)
    const flags = await h.app.db.recurrenceFlag.findMany()
    expect(flags).toHaveLength(1)
    expect(flags[0]).toMatchObject({ theme: 'Information sharing', status: 'OPEN', findingReference: 'NSCP-2026-0021' })
    await h.app.outbox.drain()
    const notice = h.connector
      .sentTo('a:personal-helen')
      .slice(before)
      .map((a) => cardOf(a))
      .find((c) => cardText(c).includes('A lesson came back'))
    expect(cardText(notice)).toContain(sentence)
    const audit = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'RECURRENCE_FLAGGED' } })
    expect(JSON.stringify(audit.after)).not.toContain('Information sharing')
  })

  it('asks why when the chair says it is not the same issue, then closes the flag once', async () => {
    const flag = await h.app.db.recurrenceFlag.findFirstOrThrow()
    const noReason = await h.teams.invoke('helen', 'recurrence.respond', {
      flagId: flag.id,
      version: '0',
      response: 'not-same-issue',
    })
    expect(cardText(noReason.card)).toContain('Say why this is not the same issue.')
    expect((await h.app.db.recurrenceFlag.findFirstOrThrow()).status).toBe('OPEN')
    const answer = {
      flagId: flag.id,
      version: '0',
      response: 'not-same-issue',
      note: 'The new finding is about police call-outs, not health appointments.',
    }
    const ok = await h.teams.invoke('helen', 'recurrence.respond', answer)
    expect(cardText(ok.card)).toContain('Response recorded: Information sharing')
    const again = await h.teams.invoke('mark', 'recurrence.respond', answer)
    expect(cardText(again.card)).toContain('already been answered')
    expect(await h.app.db.recurrenceFlag.findFirstOrThrow()).toMatchObject({
      status: 'RESPONDED',
      response: 'not-same-issue',
    })
  })

  it("counts an audit's finding whose actions were verified as learning that should have transferred", async () => {
    const reply = await h.teams.invoke('helen', 'review.add-learning-point', {
      reviewId,
      kind: 'improvement',
      text: 'No one escalated when the plan drifted.',
      themes: 'Escalation',
    })
    expect(cardText(reply.card)).toContain(
      'Learning did not transfer: Escalation came back in NSCP-2026-0021 after action NSCP-A-2025-0031 was ' +
        'verified on 5 May 2026.',
    )
  })

  it('refuses the answer from someone who is not a chair', async () => {
    const flag = await h.app.db.recurrenceFlag.findFirstOrThrow()
    await h.teams.message('priya', 'my referrals')
    const refused = await h.teams.invoke('priya', 'recurrence.respond', {
      flagId: flag.id,
      version: '1',
      response: 'audit',
    })
    expect(cardText(refused.card)).toMatch(/not|only/i)
    expect(cardText(refused.card)).not.toContain('Response recorded')
  })

  it('shows the flag and its answer in the tab', async () => {
    const res = await fetch(`${h.app.url}/tab/view/dashboard?scope=theme&key=Information%20sharing`, {
      headers: { authorization: `Bearer ${await tabToken(h.app.url, 'claire')}` },
    })
    const html = ((await res.json()) as { html: string }).html
    expect(html).toContain('Learning did not transfer: Information sharing came back in NSCP-2026-0021')
    expect(html).toContain('Not the same issue')
    expect(html).toContain('Helen Marsh')
  })
})
