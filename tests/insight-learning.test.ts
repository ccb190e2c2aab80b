/**
 * The dashboard's audit and training measures (issue 15, on the data of issues 12 and 13), through the tab on a
 * real PostgreSQL: a known history arranged in the database (the stories that create it are tested in the audit
 * and training tests), then read as the business manager. Survey figures from fewer than 5 answers are withheld.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.js'
import { tabToken } from './support/insight-data.js'

let h: Harness
const NOW = new Date('2026-11-24T10:00:00Z')

const words = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

beforeAll(async () => {
  h = await startHarness({ clock: { now: () => NOW } })
  const db = h.app.db
  const p = await db.partnership.findFirstOrThrow()
  const people = await db.person.findMany({ where: { partnershipId: p.id }, orderBy: { key: 'asc' } })
  const aisha = people.find((x) => x.key === 'aisha')!
  // A session in May 2026 with 6 attendees; 5 answered straight after (confidence 2 before, 4 after on one outcome).
  const course = await db.course.create({
    data: {
      partnershipId: p.id,
      reference: 'NSCP-TRN-2026-0001',
      title: 'Neglect: seeing it and naming it',
      outcomes: ['Recognise neglect'],
      theme: 'Neglect',
      trainerId: aisha.id,
      formKey: randomUUID(),
      createdAt: new Date('2026-04-01T09:00:00Z'),
    },
  })
  const session = await db.courseSession.create({
    data: {
      courseId: course.id,
      startsAt: new Date('2026-05-12T09:00:00Z'),
      endsAt: new Date('2026-05-12T12:00:00Z'),
      agencyKeys: [],
      capacity: 20,
      status: 'HELD',
      formKey: randomUUID(),
      createdAt: new Date('2026-04-01T09:00:00Z'),
    },
  })
  const attendees = people.slice(0, 6)
  for (const person of attendees)
    await db.booking.create({
      data: { sessionId: session.id, personId: person.id, status: 'ATTENDED', bookedById: aisha.id, bookedAt: NOW },
    })
  const survey = (kind: string) =>
    db.survey.create({
      data: {
        partnershipId: p.id,
        definitionId: randomUUID(),
        kind,
        courseId: course.id,
        sessionId: session.id,
        title: kind,
        anonymous: true,
        opensAt: session.endsAt,
        createdAt: NOW,
      },
    })
  const after = await survey('after')
  const follow = await survey('follow-up')
  for (const [i, person] of attendees.entries()) {
    const invitation = await db.surveyInvitation.create({
      data: { surveyId: after.id, personId: person.id, invitedAt: session.endsAt },
    })
    if (i < 5) await db.surveyResponded.create({ data: { invitationId: invitation.id } })
  }
  for (let i = 0; i < 5; i++)
    await db.surveyAnswer.create({
      data: {
        id: randomUUID(),
        surveyId: after.id,
        definitionVersion: 1,
        answers: { relevance: 4, quality: 4, confidence: { before: [2], after: [4] } },
      },
    })
  for (let i = 0; i < 2; i++)
    await db.surveyAnswer.create({
      data: { id: randomUUID(), surveyId: follow.id, definitionVersion: 1, answers: { applied: 'yes' } },
    })
  // An audit due in June 2026 with two returns: the police on time, health late.
  const tool = await db.auditTool.findFirstOrThrow()
  const audit = await db.audit.create({
    data: {
      partnershipId: p.id,
      reference: 'NSCP-AUD-2026-0101',
      type: tool.auditType,
      title: 'Section 11 2026',
      toolId: tool.id,
      participantKeys: ['police', 'health'],
      openingDate: new Date('2026-04-01'),
      deadline: new Date('2026-06-30'),
      status: 'OPEN',
      plannedById: aisha.id,
      plannedAt: new Date('2026-03-20T09:00:00Z'),
      openedAt: new Date('2026-04-01T09:00:00Z'),
    },
  })
  for (const [participantKey, submitted] of [
    ['police', '2026-06-20'],
    ['health', '2026-07-10'],
  ] as const)
    await db.auditReturn.create({
      data: {
        auditId: audit.id,
        participantKey,
        toolId: tool.id,
        status: 'SUBMITTED',
        submittedAt: new Date(`${submitted}T12:00:00Z`),
      },
    })
})
afterAll(() => h?.stop())

describe('audit and training measures on the dashboard', () => {
  it('counts, shares and the confidence uplift, with small groups withheld', async () => {
    const res = await fetch(`${h.app.url}/tab/view/dashboard?scope=partnership&from=2026-01-01&to=2026-11-24`, {
      headers: { authorization: `Bearer ${await tabToken(h.app.url, 'claire')}` },
    })
    const text = words(((await res.json()) as { html: string }).html)
    expect(text).toContain('Training sessions held 1')
    expect(text).toContain('People trained 6')
    expect(text).toContain('Audits opened 1')
    expect(text).toContain('Straight-after training surveys answered 83.3% of 6')
    expect(text).toContain('Audit returns submitted by their deadline 50% of 2')
    expect(text).toContain('Confidence uplift after training (points on a 1 to 5 scale) +2 points, from 5 answers')
    expect(text).toContain('People who applied the learning, weeks later Fewer than 5 answers: not shown')
  })

  it("narrows the QA sub-group's dashboard to audits and the learning sub-group's to training", async () => {
    const qa = await fetch(`${h.app.url}/tab/view/dashboard?scope=sub-group&key=qa-audit&from=2026-01-01`, {
      headers: { authorization: `Bearer ${await tabToken(h.app.url, 'gareth')}` },
    })
    const qaText = words(((await qa.json()) as { html: string }).html)
    expect(qaText).toContain('Audit returns submitted by their deadline 50% of 2')
    expect(qaText).not.toContain('People trained')
    const learning = await fetch(`${h.app.url}/tab/view/dashboard?scope=sub-group&key=learning&from=2026-01-01`, {
      headers: { authorization: `Bearer ${await tabToken(h.app.url, 'aisha')}` },
    })
    const learningText = words(((await learning.json()) as { html: string }).html)
    expect(learningText).toContain('People trained 6')
    expect(learningText).not.toContain('Audits opened')
  })
})

describe("a theme's loop", () => {
  it('starts chains at audit findings too, and shows the briefings and courses that followed', async () => {
    const db = h.app.db
    const p = await db.partnership.findFirstOrThrow()
    const claire = await db.person.findFirstOrThrow({ where: { key: 'claire' } })
    const audit = await db.audit.findFirstOrThrow()
    await db.auditFinding.create({
      data: {
        auditId: audit.id,
        sourceKey: 'recommendation:loop-test:1',
        source: 'recommendation',
        text: 'Offer early help sooner.',
        themes: ['Neglect'],
        createdAt: new Date('2026-06-01T09:00:00Z'),
      },
    })
    await db.learningProduct.create({
      data: {
        partnershipId: p.id,
        reference: 'NSCP-LP-2026-0101',
        kind: 'seven-minute-briefing',
        title: 'Neglect: what we learned',
        sections: {},
        themes: ['Neglect'],
        sourceType: 'audit',
        sourceId: audit.id,
        status: 'APPROVED',
        createdById: claire.id,
        createdAt: new Date('2026-06-10T09:00:00Z'),
      },
    })
    const res = await fetch(`${h.app.url}/tab/view/dashboard?scope=theme&key=Neglect&from=2026-01-01`, {
      headers: { authorization: `Bearer ${await tabToken(h.app.url, 'claire')}` },
    })
    const text = words(((await res.json()) as { html: string }).html)
    expect(text).toContain(`${audit.reference} (audit) Area for improvement`)
    expect(text).toContain('No action: the loop is broken here')
    expect(text).toContain('What followed')
    expect(text).toContain('NSCP-LP-2026-0101: Neglect: what we learned (not sent yet)')
    expect(text).toContain('NSCP-TRN-2026-0001: Neglect: seeing it and naming it (1 session, 6 attended)')
    expect(text).not.toContain('Offer early help sooner')
  })
})
