/**
 * Issue 12, a refusal for each role, through Teams and Slack against a real PostgreSQL: audits are planned by
 * the QA chair and the business manager only; a return is completed by its agency's safeguarding lead (a
 * school's by its designated safeguarding lead), signed off by its safeguarding partner, a senior manager or
 * the headteacher, and moderated by the QA chair; an agency's return is seen by its own people until it is
 * moderated; each refusal says who can, and nothing is written.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openId } from '../cards/action-id.js'
import { createServices } from '../services/index.js'
import { cardText } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import {
  eventually,
  type Harness,
  NO_SUBMIT_LIMITS,
  person,
  type PersonKey,
  startHarness,
  TENANT,
} from './support/harness.js'

const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
let services: ReturnType<typeof createServices>
let policeReturn = ''
let academyReturn = ''
let auditId = ''
const as = (key: PersonKey) =>
  services.people.resolveActor({ platform: 'teams', aadObjectId: person(key).teamsAadObjectId, tenantId: TENANT })
const said = async (key: PersonKey, verb: string, data: Record<string, unknown>) =>
  cardText((await h.teams.invoke(key, verb, data)).card)
const eventsNow = () => h.app.db.auditEvent.count({ where: { action: { startsWith: 'AUDIT_' } } })

beforeAll(async () => {
  h = await startHarness({ clock, env: { ...NO_SUBMIT_LIMITS, SLACK_CASE_REVIEW_CHANNEL: '' } })
  services = createServices({ db: h.app.db, clock })
  // A Section 11 audit of the police and a schools audit, opened, with each return submitted (set up through
  // the services; every refusal below goes through a platform).
  const gareth = await as('gareth')
  const tool = async (key: string) => (await h.app.db.auditTool.findFirstOrThrow({ where: { key } })).id
  const s11 = await services.audits.planAudit(gareth, {
    formToken: randomUUID(),
    type: 'section-11',
    title: 'Section 11 audit 2026',
    toolId: await tool('section-11'),
    participants: ['police', 'health'],
    openingDate: '2026-11-02',
    deadline: '2026-11-27',
  })
  auditId = s11.auditId
  const s175 = await services.audits.planAudit(gareth, {
    formToken: randomUUID(),
    type: 'section-175',
    title: 'Schools audit 2026',
    toolId: await tool('section-175'),
    participants: ['northshire-academy'],
    openingDate: '2026-11-02',
    deadline: '2026-11-27',
  })
  policeReturn = (await h.app.db.auditReturn.findFirstOrThrow({ where: { auditId, participantKey: 'agency:police' } }))
    .id
  academyReturn = (await h.app.db.auditReturn.findFirstOrThrow({ where: { auditId: s175.auditId } })).id
  for (const [key, returnId] of [
    ['dana', policeReturn],
    ['ben', academyReturn],
  ] as const) {
    const actor = await as(key)
    const first = await services.audits.getReturnPage(actor, returnId, 0)
    for (let i = 0; i < first.count; i++) {
      // Saved again while an answer calls for another question on the same page.
      for (let appeared = true; appeared; ) {
        const page = await services.audits.getReturnPage(actor, returnId, i)
        const values: Record<string, unknown> = {}
        for (const q of page.questions) {
          const good = q.options?.find((o) => ['2', 'good', 'green', 'met', 'yes'].includes(o.value)) ?? q.options?.[0]
          values[q.id] = good ? good.value : q.kind === 'number' ? 5 : 'Seen in the board minutes.'
          if (q.evidencePrompt) values[`${q.id}--evidence`] = 'https://intranet.example/evidence'
        }
        const saved = await services.audits.saveSection(actor, {
          returnId,
          sectionKey: page.sectionKey,
          seenVersion: page.version,
          values,
          nextSection: i + 1,
        })
        appeared = saved.appeared.length > 0
      }
    }
    await services.audits.submitReturn(actor, { returnId })
  }
})
afterAll(async () => h?.stop())

describe('planning', () => {
  it('refuses a safeguarding lead, another sub-group\u2019s chair and a practitioner', async () => {
    const before = await eventsNow()
    expect(await said('dana', 'open:audit.plan', {})).toContain(
      'Only the chair of the Quality Assurance and Audit Sub-group or the business manager plans audits.',
    )
    const tool = (await h.app.db.auditTool.findFirstOrThrow({ where: { key: 'section-11' } })).id
    const plan = {
      formToken: randomUUID(),
      type: 'section-11',
      title: 'Section 11 again',
      toolId: tool,
      participants: 'police',
      openingDate: '2026-11-02',
      deadline: '2026-11-27',
    }
    expect(await said('helen', 'audit.plan', plan)).toContain('plans audits')
    expect(await said('priya', 'audit.open', { auditId })).toContain('plans audits')
    expect(await eventsNow()).toBe(before)
  })

  it('keeps the programme from a practitioner in Slack, and lists it for the independent scrutineer', async () => {
    const priya = await h.slackClient.command('priya', 'audits')
    expect(blocksText((priya.body as any).blocks)).toContain(
      'Audit summaries are for the Quality Assurance and Audit Sub-group, the business manager, the safeguarding partners and scrutiny.',
    )
    const robert = await h.slackClient.command('robert', 'audits')
    expect(blocksText((robert.body as any).blocks)).toContain('NSCP-AUD-2026-0001: Section 11 audit 2026')
    expect(blocksText((robert.body as any).blocks)).not.toContain('Plan an audit')
  })

  it('refuses a safeguarding lead who tries to copy a tool', async () => {
    const tool = (await h.app.db.auditTool.findFirstOrThrow({ where: { key: 'section-11' } })).id
    expect(await said('dana', 'open:audit.tool-copy', { copyOf: tool })).toContain('can change audit tools.')
  })
})

describe('completing', () => {
  it('refuses the QA chair, the agency\u2019s partner and another agency\u2019s lead a return they do not complete', async () => {
    for (const key of ['gareth', 'joanne', 'sam'] as const) {
      const res = await h.teams.task(key, 'task/fetch', { verb: 'audit.return', returnId: policeReturn })
      expect(res.title, key).toBe('Not allowed')
      expect(cardText(res.card)).toContain(
        "Only the agency's safeguarding lead (for a school, its designated safeguarding lead) completes this return.",
      )
    }
  })

  it('refuses a headteacher the school\u2019s return in a Slack modal: the designated safeguarding lead completes it', async () => {
    await h.slackClient.button('ruth', openId('audit.return' as never), JSON.stringify({ returnId: academyReturn }))
    const view = (await eventually(() => h.slack.callsTo('views.open').at(-1), 'views.open')).args.view
    expect(view.submit).toBeUndefined()
    expect(blocksText(view)).toContain('completes this return.')
  })

  it('refuses a change to a submitted return, keeping what was sent', async () => {
    const opened = await h.teams.task('dana', 'task/fetch', { verb: 'audit.return', returnId: policeReturn })
    expect(cardText(opened.card)).toContain('This return has already been sent in, so it cannot change.')
    const res = await h.teams.move('dana', opened.card, 'Save and close', {})
    expect(cardText(res.card)).toContain('already been sent in')
  })
})

describe('signing off and moderating', () => {
  it('refuses sign-off by the lead, another agency\u2019s partner, and the school\u2019s own designated safeguarding lead', async () => {
    expect(await said('dana', 'audit.sign-off', { returnId: policeReturn })).toContain(
      "Only the agency's safeguarding partner or a senior manager (for a school, its headteacher) signs this return off.",
    )
    expect(await said('nadia', 'audit.sign-off', { returnId: policeReturn })).toContain('signs this return off.')
    expect(
      await said('ben', 'audit.sign-off-school', { returnId: academyReturn, governorsReviewOn: '2026-10-14' }),
    ).toContain('signs this return off.')
  })

  it('refuses moderation by the business manager, and before sign-off by the chair', async () => {
    expect(await said('claire', 'audit.agree', { returnId: policeReturn, sectionKey: 'accountability' })).toContain(
      'Only the chair of the Quality Assurance and Audit Sub-group moderates returns and reopens them.',
    )
    expect(await said('gareth', 'audit.agree', { returnId: policeReturn, sectionKey: 'accountability' })).toContain(
      "Northshire Police's return has not been signed off yet, so it cannot be moderated.",
    )
    expect(await said('claire', 'audit.reopen', { returnId: policeReturn })).toContain(
      'moderates returns and reopens them.',
    )
  })

  it('keeps an agency\u2019s return from another agency until it is moderated, even in the QA sub-group', async () => {
    expect(await said('sam', 'audit.view-return', { returnId: policeReturn })).toContain(
      "An agency's return is seen by its own people until it is moderated",
    )
    expect(await said('joanne', 'audit.view-return', { returnId: policeReturn })).toContain(
      'Northshire Police: Section 11 audit 2026',
    )
    expect(await said('claire', 'audit.view-return', { returnId: policeReturn })).toContain(
      'Northshire Police: Section 11 audit 2026',
    )
    expect(await said('ruth', 'audit.view-return', { returnId: policeReturn })).toContain('seen by its own people')
  })

  it('refuses someone who is not registered', async () => {
    const res = await h.teams.task(
      'dana',
      'task/fetch',
      { verb: 'audit.return', returnId: policeReturn },
      {
        conversation: { id: 'a:personal-stranger', conversationType: 'personal', tenantId: 'another-tenant' },
      },
    )
    expect(res.title).toBe('Not registered')
  })

  it('shows nothing waiting to a practitioner in my audits', async () => {
    await h.teams.message('tom', 'my audits')
    const text = await eventually(
      () =>
        h.connector
          .sentTo('a:personal-tom')
          .map((c) => cardText(c.body?.attachments?.[0]?.content))
          .find((t) => t.includes('My audits')),
      'my audits',
    )
    expect(text).toContain('Nothing is waiting for you in audits.')
  })
})
