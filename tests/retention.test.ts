/**
 * Issue 10, data protection: the nightly retention job with a fixed clock, against a real PostgreSQL. A case
 * closed 6 years and a day ago loses its narratives and keeps its ids, references and dates; one closed
 * yesterday, or still open in part, keeps them; the job runs once a day however often it is called; the audit
 * chain still verifies; and the chair's card, through the Teams protocol, shows "[removed after the retention
 * period]".
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { REDACTED, runRetention } from '../services/retention/index.js'
import { cardText } from './support/fake-connector.js'
import { startHarness, type Harness } from './support/harness.js'

const NOW = new Date('2026-11-29T12:00:00Z')
const clock = { now: () => new Date(NOW) }
const daysBefore = (d: Date, days: number) => new Date(d.getTime() - days * 86_400_000)
/** 6 years and a day before NOW. */
const SIX_YEARS_AND_A_DAY = daysBefore(new Date('2020-11-29T12:00:00Z'), 1)
const YESTERDAY = daysBefore(NOW, 1)
const MARKER = 'Narrative-marker-7f3a'

let h: Harness
let partnershipId = ''
let helenId = ''
let priyaId = ''
let counter = 0

async function referral(status: string, decidedAt: Date | null) {
  const n = ++counter
  const r = await h.app.db.referral.create({
    data: {
      partnershipId,
      reference: `NSCP-2020-9${String(n).padStart(3, '0')}`,
      submissionKey: randomUUID(),
      referrerId: priyaId,
      caseReference: `CASE-${n}`,
      ageBand: '5-9',
      incidentDate: new Date('2020-01-10'),
      awarenessDate: new Date('2020-01-12'),
      criteria: ['abuse-or-neglect'],
      agencyKeys: ['health'],
      whatHappened: `${MARKER} what happened ${n}`,
      whyReview: `${MARKER} why a review ${n}`,
      status,
      decidedAt,
      decidedById: decidedAt ? helenId : null,
      decisionRationale: decidedAt ? `${MARKER} rationale ${n}` : null,
      questions: {
        create: [
          {
            askedById: helenId,
            question: `${MARKER} question ${n}`,
            answer: `${MARKER} answer`,
            answeredById: priyaId,
            answeredAt: new Date('2020-02-01'),
          },
        ],
      },
    },
  })
  return r
}

async function review(
  referralId: string | null,
  data: { typeKey: string; status: string; parentReviewId?: string } & Record<string, unknown>,
) {
  return h.app.db.review.create({
    data: {
      partnershipId,
      reference: `NSCP-2020-R${++counter}`,
      referralId,
      awarenessDate: new Date('2020-01-12'),
      startedAt: new Date('2020-01-20'),
      startedById: helenId,
      ...data,
    },
  })
}

beforeAll(async () => {
  h = await startHarness({ clock })
  const p = await h.app.db.partnership.findFirstOrThrow()
  partnershipId = p.id
  helenId = (await h.app.db.person.findFirstOrThrow({ where: { key: 'helen' } })).id
  priyaId = (await h.app.db.person.findFirstOrThrow({ where: { key: 'priya' } })).id
}, 60_000)
afterAll(() => h?.stop())

describe('retention', () => {
  it('redacts what closed 6 years and a day ago, keeps what closed yesterday or is open, once a day', async () => {
    const old = await referral('NO_REVIEW', SIX_YEARS_AND_A_DAY)
    const recent = await referral('NO_REVIEW', YESTERDAY)
    const undecided = await referral('AWAITING_SCREENING', null)
    // A rapid review agreed 7 years ago whose commissioned local review was published 6 years and a day ago.
    const tree = await referral('RAPID_REVIEW', daysBefore(NOW, 2600))
    const rapid = await review(tree.id, {
      typeKey: 'rapid-review',
      status: 'APPROVED',
      approvedAt: daysBefore(NOW, 2557),
      approvalRationale: `${MARKER} approval`,
      outcome: {
        tests: [],
        recommendation: 'lcspr',
        immediateLearning: `${MARKER} learning`,
        rationale: `${MARKER} r`,
      },
    })
    const local = await review(null, {
      typeKey: 'lcspr',
      status: 'PUBLISHED',
      parentReviewId: rapid.id,
      publishedOn: SIX_YEARS_AND_A_DAY,
      termsOfReference: `${MARKER} terms`,
      voiceOfChild: `${MARKER} voice`,
      partnershipResponse: 'The partnership response, kept as published learning.',
    })
    await h.app.db.milestone.create({
      data: {
        reviewId: rapid.id,
        key: 'agency-info-health',
        label: 'Agency information',
        dueDate: new Date('2020-02-01'),
        responsibleRole: 'safeguarding-lead',
        status: 'DONE',
        response: { chronology: `${MARKER} chronology`, immediateLearning: `${MARKER} agency learning` },
      },
    })
    await h.app.db.reviewContribution.create({
      data: {
        reviewId: local.id,
        personId: priyaId,
        invitedAt: new Date('2020-03-01'),
        perspective: { wentWell: `${MARKER} a`, wasHard: `${MARKER} b`, wouldHelp: `${MARKER} c` },
      },
    })
    await h.app.db.learningPoint.create({
      data: {
        reviewId: local.id,
        kind: 'improvement',
        text: 'Finding kept',
        themes: [],
        createdById: helenId,
        createdAt: NOW,
      },
    })
    // Same age, but its local review is still in progress: the case is open.
    const open = await referral('RAPID_REVIEW', daysBefore(NOW, 2600))
    const openRapid = await review(open.id, {
      typeKey: 'rapid-review',
      status: 'APPROVED',
      approvedAt: daysBefore(NOW, 2557),
      approvalRationale: `${MARKER} open approval`,
    })
    await review(null, { typeKey: 'lcspr', status: 'IN_PROGRESS', parentReviewId: openRapid.id, voiceOfChild: MARKER })

    const report = await runRetention({ db: h.app.db, clock })
    expect(report).toMatchObject({ partnerships: 1, cases: 2 })
    // The same day again (a second instance, a retry): the day is claimed, nothing happens.
    expect(await runRetention({ db: h.app.db, clock })).toEqual({ partnerships: 0, cases: 0, caseAudits: 0, texts: 0 })

    const db = h.app.db
    const oldNow = await db.referral.findUniqueOrThrow({ where: { id: old.id }, include: { questions: true } })
    expect(oldNow).toMatchObject({
      whatHappened: REDACTED,
      whyReview: REDACTED,
      decisionRationale: REDACTED,
      reference: old.reference,
      caseReference: old.caseReference,
      decidedAt: old.decidedAt,
      incidentDate: old.incidentDate,
      status: 'NO_REVIEW',
    })
    expect(oldNow.redactedAt).toEqual(NOW)
    expect(oldNow.questions[0]).toMatchObject({ question: REDACTED, answer: REDACTED })
    for (const kept of [recent, undecided, open]) {
      const r = await db.referral.findUniqueOrThrow({ where: { id: kept.id } })
      expect(r.whatHappened).toContain(MARKER)
      expect(r.redactedAt).toBeNull()
    }
    expect(await db.review.findUniqueOrThrow({ where: { id: openRapid.id } })).toMatchObject({
      approvalRationale: `${MARKER} open approval`,
      redactedAt: null,
    })

    const rapidNow = await db.review.findUniqueOrThrow({ where: { id: rapid.id }, include: { milestones: true } })
    expect(rapidNow.approvalRationale).toBe(REDACTED)
    expect(rapidNow.outcome).toMatchObject({
      recommendation: 'lcspr',
      immediateLearning: REDACTED,
      rationale: REDACTED,
    })
    expect(rapidNow.milestones[0]!.response).toEqual({ chronology: REDACTED, immediateLearning: REDACTED })
    const localNow = await db.review.findUniqueOrThrow({
      where: { id: local.id },
      include: { contributions: true, learningPoints: true },
    })
    expect(localNow).toMatchObject({
      termsOfReference: REDACTED,
      voiceOfChild: REDACTED,
      publishedOn: local.publishedOn,
    })
    expect(localNow.partnershipResponse).toContain('kept as published')
    expect(localNow.learningPoints[0]!.text).toBe('Finding kept')
    expect(localNow.contributions[0]!.perspective).toEqual({
      wentWell: REDACTED,
      wasHard: REDACTED,
      wouldHelp: REDACTED,
    })

    // Nothing of the narratives anywhere but in the cases kept.
    const redactedIds = [old.id, tree.id]
    for (const id of redactedIds) {
      const row = JSON.stringify(await db.referral.findUniqueOrThrow({ where: { id }, include: { questions: true } }))
      expect(row).not.toContain(MARKER)
    }

    // Audited with counts and ids only, and the chain still verifies.
    const events = await db.auditEvent.findMany({ where: { action: { in: ['CASE_REDACTED', 'RETENTION_RUN'] } } })
    expect(events.map((e) => e.action).sort()).toEqual(['CASE_REDACTED', 'CASE_REDACTED', 'RETENTION_RUN'])
    const treeEvent = events.find((e) => e.subjectId === tree.id)!
    expect(treeEvent.after).toMatchObject({
      closedOn: '2020-11-28',
      reviews: expect.arrayContaining([rapid.id, local.id]),
    })
    expect(JSON.stringify(events.map((e) => [e.before, e.after]))).not.toContain(MARKER)
    expect((await verifyAuditChain(db)).problems).toEqual([])

    // The next night: nothing new is due, and what was redacted is not redacted (or audited) again.
    const tomorrow = { now: () => daysBefore(NOW, -1) }
    expect(await runRetention({ db, clock: tomorrow })).toMatchObject({ partnerships: 1, cases: 0, texts: 0 })
  })

  it("the chair's card says the narratives were removed", async () => {
    const old = await h.app.db.referral.findFirstOrThrow({ where: { redactedAt: { not: null }, status: 'NO_REVIEW' } })
    const res = await h.teams.invoke('helen', 'referral.refresh', { referralId: old.id })
    expect(res.status).toBe(200)
    // What Teams shows: the card's markdown escapes brackets in user text (\[ reads as [).
    const text = cardText(res.card).replace(/\\([[\]])/g, '$1')
    expect(text).toContain(old.reference)
    expect(text).toContain(`What happened: ${REDACTED}`)
    expect(text).toContain(`Why a review could help: ${REDACTED}`)
    expect(text).not.toContain(MARKER)
  })

  it('removes a case audit\u2019s recommendations and findings too when the partnership sets redactFindings', async () => {
    const db = h.app.db
    const partnership = await db.partnership.findUniqueOrThrow({ where: { id: partnershipId } })
    const settings = (partnership.settings ?? {}) as Record<string, unknown>
    await db.partnership.update({
      where: { id: partnershipId },
      data: { settings: { ...settings, retention: { yearsAfterClose: 6, redactFindings: true } } },
    })
    const tool = await db.auditTool.findFirstOrThrow({ where: { partnershipId, key: 'case-audit' } })
    const questions = (tool.definition as { sections: { key: string; questions: { id: string; kind: string }[] }[] })
      .sections
    const section = questions.find((sec) => sec.questions.some((q) => q.kind === 'text'))!
    const textQuestion = section.questions.find((q) => q.kind === 'text')!
    const audit = await db.audit.create({
      data: {
        partnershipId,
        reference: 'NSCP-AUD-2020-0001',
        type: 'case-audit',
        title: 'Case audit, 2020',
        toolId: tool.id,
        participantKeys: ['police'],
        openingDate: new Date('2020-10-01'),
        deadline: new Date('2020-10-30'),
        status: 'OPEN',
        plannedById: helenId,
        plannedAt: new Date('2020-09-01'),
      },
    })
    const kase = await db.auditCase.create({
      data: {
        auditId: audit.id,
        label: 'Case 1',
        agencyRefs: { police: 'NP-20-0001' },
        selectedById: helenId,
        selectedAt: new Date('2020-10-01'),
        goodPractice: `${MARKER} good practice`,
        areasForDevelopment: `${MARKER} to develop`,
        recommendations: [`${MARKER} recommendation`],
        discussedAt: SIX_YEARS_AND_A_DAY,
        discussedById: helenId,
      },
    })
    await db.auditFinding.create({
      data: {
        auditId: audit.id,
        sourceKey: `recommendation:${kase.id}:1`,
        source: 'recommendation',
        caseId: kase.id,
        text: `Case 1: ${MARKER} recommendation`,
        themes: ['Neglect'],
        createdAt: SIX_YEARS_AND_A_DAY,
      },
    })
    await db.auditReturn.create({
      data: {
        auditId: audit.id,
        participantKey: `case:${kase.id}:police`,
        caseId: kase.id,
        toolId: tool.id,
        status: 'SUBMITTED',
        sections: {
          create: {
            sectionKey: section.key,
            answers: { [textQuestion.id]: `${MARKER} answer`, other: 'good' },
            updatedAt: SIX_YEARS_AND_A_DAY,
          },
        },
      },
    })

    const report = await runRetention({ db, clock: { now: () => daysBefore(NOW, -2) } })
    expect(report).toMatchObject({ caseAudits: 1 })
    const after = await db.auditCase.findUniqueOrThrow({ where: { id: kase.id } })
    expect([after.goodPractice, after.areasForDevelopment, ...after.recommendations]).toEqual([
      REDACTED,
      REDACTED,
      REDACTED,
    ])
    expect((await db.auditFinding.findFirstOrThrow({ where: { caseId: kase.id } })).text).toBe(REDACTED)
    const answers = (await db.auditSectionAnswer.findFirstOrThrow({ where: { return: { caseId: kase.id } } }))
      .answers as Record<string, string>
    expect(answers).toEqual({ [textQuestion.id]: REDACTED, other: 'good' })
    expect(after.agencyRefs).toEqual({ police: 'NP-20-0001' })
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'CASE_AUDIT_REDACTED', subjectId: kase.id } })
    expect(JSON.stringify([event.before, event.after])).not.toContain(MARKER)
    expect((event.after as { fields: string[] }).fields).toContain('auditFinding.text')
  })
})
