/**
 * Migration review_type_catalogue on a partnership that existed before it (issue 9): it gains the practice
 * learning review and the multi-agency management review, loses the wrong "formerly practice learning review",
 * and its LCSPR counts the advance copy and "kept online" from publication. Run on a real PostgreSQL against
 * rows shaped as the old code wrote them; running it twice changes nothing more.
 */
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ZMilestoneTemplate } from '../services/reviews/review.schema.js'
import { createTestDatabase } from './support/database.js'

const MIGRATION = readFileSync(
  new URL('../prisma/migrations/20261129120000_review_type_catalogue/migration.sql', import.meta.url),
  'utf8',
)
const OLD_LCSPR = [
  {
    key: 'draft-report',
    label: 'Draft report',
    due: { amount: 4, unit: 'calendar-months' },
    from: 'start',
    responsible: 'lead-reviewer',
  },
  {
    key: 'sent-before-publication',
    label: 'Sent to the Panel and Secretary of State before publication',
    due: { amount: 6, unit: 'calendar-months' },
    from: 'start',
    responsible: 'business-manager',
  },
  {
    key: 'published',
    label: 'Published',
    due: { amount: 6, unit: 'calendar-months' },
    from: 'start',
    responsible: 'business-manager',
  },
  {
    key: 'kept-online',
    label: 'Published report kept online for at least a year',
    due: { amount: 18, unit: 'calendar-months' },
    from: 'start',
    responsible: 'business-manager',
  },
]
let client: pg.Client

beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase() })
  await client.connect()
  await client.query(
    `insert into "Partnership" (id, key, name, "referencePrefix") values ('p-old', 'old', 'Old', 'OLD')`,
  )
  await client.query(
    `insert into "ReviewType"
       (id, "partnershipId", key, name, "legacyName", "owningSubGroupKey", "learningAudience", milestones)
     values
       ('t1', 'p-old', 'lcspr', 'Local child safeguarding practice review', 'Serious case review',
        'case-review', '{}', $1),
       ('t2', 'p-old', 'learning-review', 'Multi-agency learning review', 'Practice learning review',
        'case-review', '{}', '[]')`,
    [JSON.stringify(OLD_LCSPR)],
  )
  await client.query(MIGRATION)
  await client.query(MIGRATION)
})
afterAll(async () => client?.end())

const types = async () =>
  (
    await client.query(
      `select key, "legacyName", "owningSubGroupKey", milestones from "ReviewType"
       where "partnershipId" = 'p-old' order by key`,
    )
  ).rows

describe('migration review_type_catalogue', () => {
  it('adds the two types, each with an owning sub-group, once', async () => {
    const rows = await types()
    expect(rows.map((r) => [r.key, r.owningSubGroupKey])).toEqual([
      ['lcspr', 'case-review'],
      ['learning-review', 'case-review'],
      ['management-review', 'case-review'],
      ['practice-learning-review', 'learning'],
    ])
    for (const r of rows) expect(() => ZMilestoneTemplate.array().parse(r.milestones)).not.toThrow()
  })

  it('drops "formerly practice learning review" and keeps "formerly serious case review"', async () => {
    const legacy = Object.fromEntries((await types()).map((r) => [r.key, r.legacyName]))
    expect(legacy).toMatchObject({ lcspr: 'Serious case review', 'learning-review': null })
  })

  it("counts the LCSPR's advance copy and kept online from publication, keeping its other milestones", async () => {
    const lcspr = (await types()).find((r) => r.key === 'lcspr')!
    const templates = ZMilestoneTemplate.array().parse(lcspr.milestones)
    expect(templates.map((t) => t.key)).toEqual(['draft-report', 'sent-before-publication', 'published', 'kept-online'])
    expect(templates.find((t) => t.key === 'sent-before-publication')).toMatchObject({
      due: { amount: 7, unit: 'working-days' },
      from: 'publication',
      before: true,
      toBeConfirmedAgainst: 'Working Together 2023, chapter 5',
    })
    expect(templates.find((t) => t.key === 'kept-online')).toMatchObject({
      due: { amount: 12, unit: 'calendar-months' },
      from: 'publication',
      before: false,
    })
    expect(templates.find((t) => t.key === 'published')).toMatchObject({ responsible: 'partnership-chair' })
    expect(templates.find((t) => t.key === 'draft-report')).toMatchObject({
      due: { amount: 4, unit: 'calendar-months' },
      from: 'start',
    })
  })
})
