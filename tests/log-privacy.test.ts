/**
 * Issue 10, data protection: Prisma errors reach the logs as name, code and model only. A real Prisma
 * validation error (it quotes the query's whole input) is forced inside a use case, the chair's "ask the
 * referrer" through the bot core, with a marker in the question; the marker must appear in no log line, whether
 * the error is logged by the bot's own path or, by mistake, whole (`{ err }`, `{ error }`, `log.error(error)`).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { handle } from '../bot/core/interact.js'
import { fixedClock } from '../lib/clock.js'
import type { DbClient } from '../lib/db.js'
import { errorSummary } from '../lib/db-errors.js'
import { createLogger } from '../lib/logger.js'
import { createServices } from '../services/index.js'
import { person, startHarness, TENANT, type Harness } from './support/harness.js'

const MARKER = 'zqxmarker'
let h: Harness

beforeAll(async () => {
  h = await startHarness()
}, 60_000)
afterAll(() => h?.stop())

it('a Prisma validation error quoting the input never reaches a log line', async () => {
  const db = h.app.db
  const partnership = await db.partnership.findFirstOrThrow()
  const priya = await db.person.findFirstOrThrow({ where: { key: 'priya' } })
  const referral = await db.referral.create({
    data: {
      partnershipId: partnership.id,
      reference: 'NSCP-2026-9901',
      submissionKey: randomUUID(),
      referrerId: priya.id,
      caseReference: 'CASE-LOG',
      ageBand: '5-9',
      incidentDate: new Date('2026-11-01'),
      awarenessDate: new Date('2026-11-02'),
      criteria: ['agencies-working-together'],
      agencyKeys: ['health'],
      whatHappened: `The agencies did not share the plan ${MARKER} in time.`,
      whyReview: `To learn how the plan ${MARKER} was shared.`,
      status: 'AWAITING_SCREENING',
    },
  })
  // The same database, but every new question is written with a field the model does not have: Prisma refuses
  // it before the query, with a message quoting the whole input (the question included).
  const failing = db.$extends({
    query: {
      referralQuestion: {
        create: ({ args, query }) => query({ ...args, data: { ...args.data, notAField: true } } as never),
      },
    },
  }) as unknown as DbClient
  const lines: string[] = []
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) })
  const services = createServices({ db: failing, clock: fixedClock(new Date()) })
  const replies = await handle(
    { services, log },
    {
      platform: 'teams',
      identity: { platform: 'teams', aadObjectId: person('helen').teamsAadObjectId, tenantId: TENANT },
      kind: 'action',
      verb: 'referral.ask',
      meta: { referralId: referral.id },
      readValues: () => ({ question: `Was the plan ${MARKER} shared with the school?`, confirmSensitive: false }),
    },
  )
  expect(JSON.stringify(replies)).toContain('nothing was saved')
  const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'interaction failed')
  expect(failed?.err).toEqual({ name: 'PrismaClientValidationError' })

  // The real error, logged whole by mistake in every way pino allows: still name, code and model only.
  const error = await failing.referralQuestion
    .create({ data: { referralId: referral.id, askedById: priya.id, question: `A question ${MARKER}` } })
    .then(
      () => null,
      (e: unknown) => e,
    )
  expect(error).toBeInstanceOf(Error)
  expect(String((error as Error).message)).toContain(MARKER)
  log.error({ err: error }, 'by mistake 1')
  log.warn({ error }, 'by mistake 2')
  log.error(error as Error)
  log.error(error as Error, 'by mistake 4')
  expect(lines.filter((l) => l.includes('by mistake') || l.includes('"msg":"error"'))).toHaveLength(4)
  expect(errorSummary(error)).toEqual({ name: 'PrismaClientValidationError' })

  // A known request error names its model: a unique key broken by a repeated reference.
  const duplicate = await db.referral
    .create({ data: { ...referral, id: randomUUID(), submissionKey: randomUUID(), criteria: [], agencyKeys: [] } })
    .then(
      () => null,
      (e: unknown) => e,
    )
  log.error({ err: duplicate }, 'duplicate reference')
  expect(JSON.parse(lines.at(-1)!).err).toMatchObject({ code: 'P2002', model: 'Referral' })

  expect(lines.join('\n')).not.toContain(MARKER)
})
