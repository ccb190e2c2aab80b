/**
 * Issue 10, data protection: `npm run subject-access -- --person <id>` (scripts/subject-access.ts), run as a
 * process against a real PostgreSQL: a practitioner's record, roles, identities, referrals, questions answered,
 * actions and audit events as JSON, to a file or stdout, with no case narrative and no one else's details.
 */
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startHarness, type Harness } from './support/harness.js'

const run = promisify(execFile)
const MARKER = 'zqxnarrative'
let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(() => h?.stop())

const subjectAccess = (args: string[]) =>
  run(path.resolve('node_modules/.bin/tsx'), ['scripts/subject-access.ts', ...args], {
    env: { ...process.env, DATABASE_URL: h.app.databaseUrl },
  })

it("exports a member of staff's data without case narratives or other people's details", async () => {
  const db = h.app.db
  // Priya says hello in Teams (her address is recorded and audited with her as the actor).
  await h.teams.message('priya', 'hi')
  const partnership = await db.partnership.findFirstOrThrow()
  const priya = await db.person.findFirstOrThrow({ where: { key: 'priya' } })
  const helen = await db.person.findFirstOrThrow({ where: { key: 'helen' } })
  const referral = await db.referral.create({
    data: {
      partnershipId: partnership.id,
      reference: 'NSCP-2026-9801',
      submissionKey: randomUUID(),
      referrerId: priya.id,
      caseReference: 'CASE-SAR',
      ageBand: '5-9',
      incidentDate: new Date('2026-11-01'),
      awarenessDate: new Date('2026-11-02'),
      criteria: ['agencies-working-together'],
      agencyKeys: ['health'],
      whatHappened: `${MARKER} what happened`,
      whyReview: `${MARKER} why`,
      status: 'INFO_REQUESTED',
      questions: {
        create: [
          {
            askedById: helen.id,
            question: `${MARKER} question`,
            answer: `${MARKER} answer`,
            answeredById: priya.id,
            answeredAt: new Date('2026-11-03'),
          },
        ],
      },
    },
  })

  const dir = mkdtempSync(path.join(tmpdir(), 'sar-'))
  const file = path.join(dir, 'priya.json')
  await subjectAccess(['--person', priya.id, '--out', file])
  expect(statSync(file).mode & 0o777).toBe(0o600)
  const text = readFileSync(file, 'utf8')
  const data = JSON.parse(text)
  expect(data.about.kind).toBe('staff subject access')
  expect(data.person).toMatchObject({ id: priya.id, name: priya.name, email: priya.email, roles: priya.roles })
  expect(data.platformIdentities.teamsAadObjectId).toBe(priya.teamsAadObjectId)
  expect(data.platformIdentities.addresses.map((a: { platform: string }) => a.platform)).toContain('teams')
  expect(data.referralsRaised).toEqual([expect.objectContaining({ reference: referral.reference })])
  expect(data.questionsAnswered).toEqual([expect.objectContaining({ referral: referral.reference })])
  expect(data.questionsAsked).toEqual([])
  const audited = await db.auditEvent.count({ where: { actorId: priya.id } })
  expect(audited).toBeGreaterThan(0)
  expect(data.auditEventsAsActor).toHaveLength(audited)
  // No case narrative, and nobody else's contact details or identities.
  expect(text).not.toContain(MARKER)
  expect(text).not.toContain(helen.email)
  expect(text).not.toContain(helen.teamsAadObjectId!)

  // By key, to stdout; an unknown person exits 1.
  const { stdout } = await subjectAccess(['--person', 'priya'])
  expect(JSON.parse(stdout).person.id).toBe(priya.id)
  await expect(subjectAccess(['--person', 'nobody'])).rejects.toMatchObject({ code: 1 })
}, 60_000)

it('includes their training, named survey answers and audit work, and never an anonymous answer', async () => {
  const db = h.app.db
  const partnership = await db.partnership.findFirstOrThrow()
  const priya = await db.person.findFirstOrThrow({ where: { key: 'priya' } })
  const helen = await db.person.findFirstOrThrow({ where: { key: 'helen' } })
  const now = new Date('2026-11-20T10:00:00Z')
  const course = await db.course.create({
    data: {
      partnershipId: partnership.id,
      reference: 'NSCP-TRN-2026-0901',
      title: 'Neglect: seeing the child',
      outcomes: ['Recognise neglect'],
      theme: 'Neglect',
      trainerId: helen.id,
      formKey: randomUUID(),
      createdAt: now,
      sessions: {
        create: {
          startsAt: now,
          endsAt: new Date(now.getTime() + 3_600_000),
          agencyKeys: ['health'],
          capacity: 20,
          formKey: randomUUID(),
          createdAt: now,
          bookings: { create: { personId: priya.id, status: 'ATTENDED', bookedById: priya.id, bookedAt: now } },
        },
      },
    },
    include: { sessions: true },
  })
  const definition = await db.surveyDefinition.create({
    data: {
      partnershipId: partnership.id,
      key: 'sar-survey',
      version: 1,
      title: 'Straight after',
      definition: {},
      createdAt: now,
    },
  })
  const survey = await db.survey.create({
    data: {
      partnershipId: partnership.id,
      definitionId: definition.id,
      kind: 'after',
      courseId: course.id,
      sessionId: course.sessions[0]!.id,
      title: 'Neglect: straight after the session',
      anonymous: false,
      opensAt: now,
      createdAt: now,
    },
  })
  await db.surveyInvitation.create({ data: { surveyId: survey.id, personId: priya.id, invitedAt: now } })
  await db.surveyAnswer.createMany({
    data: [
      { id: randomUUID(), surveyId: survey.id, personId: priya.id, definitionVersion: 1, answers: { confidence: 4 } },
      {
        id: randomUUID(),
        surveyId: survey.id,
        personId: helen.id,
        aboutPersonId: priya.id,
        definitionVersion: 1,
        answers: { changed: 'yes' },
      },
      { id: randomUUID(), surveyId: survey.id, definitionVersion: 1, answers: { note: 'zqxanonymous' } },
    ],
  })
  const tool = await db.auditTool.findFirstOrThrow({ where: { key: 'case-audit' } })
  const audit = await db.audit.create({
    data: {
      partnershipId: partnership.id,
      reference: 'NSCP-AUD-2026-0901',
      type: 'case-audit',
      title: 'Neglect case audit',
      toolId: tool.id,
      participantKeys: ['health'],
      openingDate: now,
      deadline: now,
      status: 'OPEN',
      plannedById: helen.id,
      plannedAt: now,
    },
  })
  await db.auditReturn.create({
    data: {
      auditId: audit.id,
      participantKey: 'case:x:health',
      leadId: priya.id,
      submittedById: priya.id,
      submittedAt: now,
      status: 'SUBMITTED',
      sections: {
        create: { sectionKey: 'early-help', answers: { note: `${MARKER} about the child` }, updatedAt: now },
      },
    },
  })

  const { stdout } = await subjectAccess(['--person', priya.id])
  const data = JSON.parse(stdout)
  expect(data.trainingBookings).toEqual([
    expect.objectContaining({ course: 'NSCP-TRN-2026-0901', title: 'Neglect: seeing the child', status: 'ATTENDED' }),
  ])
  expect(data.surveyInvitations).toEqual([expect.objectContaining({ survey: 'Neglect: straight after the session' })])
  expect(data.surveyAnswersNamed).toEqual([
    { survey: 'Neglect: straight after the session', answers: { confidence: 4 } },
  ])
  expect(data.surveyAnswersAboutThem).toEqual([
    { survey: 'Neglect: straight after the session', byTheirLineManager: true, answers: { changed: 'yes' } },
  ])
  expect(data.auditReturns).toEqual([
    expect.objectContaining({
      audit: 'NSCP-AUD-2026-0901',
      roles: ['lead', 'submitted'],
      answers: expect.stringContaining('withheld'),
    }),
  ])
  expect(stdout).not.toContain('zqxanonymous')
  expect(stdout).not.toContain(MARKER)
  expect(stdout).not.toContain(helen.id)
}, 60_000)
