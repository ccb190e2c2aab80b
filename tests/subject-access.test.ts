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
