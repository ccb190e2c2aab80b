/**
 * Issue 12, a multi-agency case audit with two agencies through both protocols against a real PostgreSQL:
 * Gareth plans it on a theme and chooses a case by the agencies' own case references (a name refused); Dana
 * (police) and Sam (health) are each told with their own reference only; Dana completes her part in Teams,
 * Sam his in Slack; neither sees the other's grades until their own part is in; the audit discussion agrees
 * the grades and records good practice, areas for development and recommendations, which become findings
 * tagged with the theme.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openId } from '../cards/action-id.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { runRetention } from '../services/retention/index.js'
import { finishInSlack, finishInTeams, stepOf } from './support/audit-story.js'
import { actionData, cardText } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import {
  eventually,
  type Harness,
  NO_SUBMIT_LIMITS,
  person,
  type PersonKey,
  startHarness,
  newestCardTo,
} from './support/harness.js'

const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
const posted = (key: PersonKey, needle: string) => newestCardTo(h, key, needle)
const slackDm = (key: PersonKey, needle: string) =>
  eventually(
    () =>
      h.slack
        .callsTo('chat.postMessage')
        .map((c) => c.args)
        .find(
          (a) =>
            [person(key).slackUserId, `D${person(key).slackUserId.slice(1)}`].includes(a.channel) &&
            blocksText(a.blocks).includes(needle),
        ),
    `"${needle}" to ${key} in Slack`,
  )
const formToken = (card: any) => JSON.stringify(card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
let auditId = ''
let caseId = ''

beforeAll(async () => {
  h = await startHarness({ clock, env: { ...NO_SUBMIT_LIMITS, SLACK_CASE_REVIEW_CHANNEL: '' } })
  for (const key of ['gareth', 'dana'] as const) await h.teams.message(key, 'help')
  // Sam works in Slack.
  await h.slackClient.command('sam', 'help')
})
afterAll(async () => h?.stop())

describe('choosing a case', () => {
  it('Gareth plans a case audit on neglect and chooses a case by the agencies\u2019 case references', async () => {
    const form = await h.teams.invoke('gareth', 'open:audit.plan', {})
    const tool = (await h.app.db.auditTool.findFirstOrThrow({ where: { key: 'case-audit' } })).id
    const plan = {
      formToken: formToken(form.card),
      type: 'case-audit',
      title: 'Neglect case audit, autumn 2026',
      toolId: tool,
      participants: 'police,health',
      openingDate: '2026-11-02',
      deadline: '2026-11-27',
    }
    const noTheme = await h.teams.invoke('gareth', 'audit.plan', plan)
    expect(cardText(noTheme.card)).toContain('Choose the theme this audit looks at.')
    const planned = await h.teams.invoke('gareth', 'audit.plan', { ...plan, theme: 'Neglect' })
    expect(cardText(planned.card)).toContain('0 of 0 returns received.')
    auditId = (await h.app.db.audit.findFirstOrThrow()).id
    const open = await h.teams.invoke(
      'gareth',
      'open:audit.select-case',
      actionData(planned.card, 'open:audit.select-case'),
    )
    expect(cardText(open.card)).toContain('Case 1 of NSCP-AUD-2026-0001 (theme: Neglect)')
    const rows = {
      auditId,
      formToken: formToken(open.card),
      agency1: 'police',
      reference1: 'Jack Smith',
      agency2: 'health',
      reference2: 'RX9-118823',
    }
    const named = await h.teams.invoke('gareth', 'audit.select-case', rows)
    expect(cardText(named.card)).toContain(
      "Enter the agency's own case reference (letters and digits, e.g. CSC-48213): never a name.",
    )
    const chosen = await h.teams.invoke('gareth', 'audit.select-case', { ...rows, reference1: 'NP-26-4471' })
    expect(cardText(chosen.card)).toContain('Case 1 added: 2 agencies asked for their part.')
    caseId = (await h.app.db.auditCase.findFirstOrThrow()).id
  })

  it('tells each agency\u2019s auditor with their own case reference only', async () => {
    const dana = cardText(await posted('dana', 'Case 1 to audit'))
    expect(dana).toContain("Your agency's case reference for it is NP-26-4471.")
    expect(dana).not.toContain('RX9-118823')
    const sam = blocksText((await slackDm('sam', 'Case 1 to audit')).blocks)
    expect(sam).toContain("Your agency's case reference for it is RX9-118823.")
    expect(sam).not.toContain('NP-26-4471')
  })
})

describe('each agency\u2019s part', () => {
  it('Dana sees no other grades before her part is in, and completes it in Teams', async () => {
    const before = await h.teams.invoke('dana', 'audit.view-case', { caseId })
    expect(cardText(before.card)).toContain('show once you have submitted your own part')
    expect(cardText(before.card)).toContain('Case reference at Northshire Police')
    expect(cardText(before.card)).not.toContain('RX9-118823')
    const opened = await h.teams.openDialog('dana', await posted('dana', 'Case 1 to audit'), 'Start the return')
    expect(opened.title).toBe("Case 1: Northshire Police's part")
    expect(stepOf(opened.card)).toBe('Section 1 of 9: Early help')
    expect(await finishInTeams(h, 'dana', opened.card, 'Submit your part')).toBe('Return submitted')
  })

  it('Sam does not see Dana\u2019s grades until his own part is in, completed in Slack', async () => {
    const hidden = await h.slackClient.command('sam', 'my audits')
    const blocks = (hidden.body as any).blocks
    expect(blocksText(blocks)).toContain('Case 1 (your case reference RX9-118823)')
    const samCase = await h.app.db.auditReturn.findFirstOrThrow({
      where: { caseId, participantKey: { endsWith: 'health' } },
    })
    const card = await h.teams.invoke('sam', 'audit.view-case', { caseId })
    expect(cardText(card.card)).toContain('Early help: no grades to show yet.')
    await h.slackClient.button('sam', openId('audit.return' as never), JSON.stringify({ returnId: samCase.id }))
    const view = (await eventually(() => h.slack.callsTo('views.open').at(-1), 'views.open')).args.view
    expect(view.title.text).toBe('Case audit')
    const { body } = await finishInSlack(h, 'sam', view)
    expect(blocksText(body.view)).toContain('every agency\u2019s part to the audit discussion')
    const after = await h.teams.invoke('sam', 'audit.view-case', { caseId })
    expect(cardText(after.card)).toContain('Early help: Northshire NHS Foundation Trust Good; Northshire Police Good.')
  })
})

describe('the audit discussion', () => {
  it('Gareth is told the case is ready, agrees the grades and records the discussion; recommendations become findings', async () => {
    expect(cardText(await posted('gareth', 'Case 1 is ready to discuss'))).toContain(
      'Every agency has submitted its part',
    )
    const card = (await h.teams.invoke('gareth', 'audit.view-case', { caseId })).card
    const grade = await h.teams.invoke('gareth', 'open:audit.agree-grade', actionData(card, 'open:audit.agree-grade'))
    expect(cardText(grade.card)).toContain('Case 1, Early help.')
    const agreed = await h.teams.invoke('gareth', 'audit.agree-grade', {
      caseId,
      sectionKey: 'early-help',
      grade: 'requires-improvement',
    })
    expect(cardText(agreed.card)).toContain(
      'Early help: Northshire NHS Foundation Trust Good; Northshire Police Good. Agreed: Requires improvement.',
    )
    const dana = await h.teams.invoke('dana', 'audit.agree-grade', { caseId, sectionKey: 'early-help', grade: 'good' })
    expect(cardText(dana.card)).toContain(
      'Only the chair of the Quality Assurance and Audit Sub-group chooses cases and records the audit discussion.',
    )
    const recorded = await h.teams.invoke('gareth', 'audit.discussion', {
      caseId,
      goodPractice: 'Health visitors and police shared information within a day of the first concern.',
      areasForDevelopment: 'Early help was offered late; the chronology was not used in the plan.',
      recommendations:
        'Offer early help within 10 working days of a concern.\nUse the chronology in every plan review.',
    })
    expect(cardText(recorded.card)).toContain('Case 1: the discussion is recorded, with 2 recommendations as findings.')
    const findings = await h.app.db.auditFinding.findMany({ where: { auditId }, orderBy: { sourceKey: 'asc' } })
    expect(findings.map((f) => [f.text, f.themes])).toEqual([
      ['Case 1: Offer early help within 10 working days of a concern.', ['Neglect', 'Early help']],
      ['Case 1: Use the chronology in every plan review.', ['Neglect', 'Early help']],
    ])
    const summary = (await h.teams.invoke('gareth', 'audit.view', { auditId })).card
    expect(cardText(summary)).toContain('Findings by theme (2)')
    expect(cardText(summary)).toContain('Neglect: 2 findings.')
    expect(cardText(summary)).toContain('2 of 2 returns received.')
  })

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})

describe('retention', () => {
  const answersOfCase = async () =>
    (await h.app.db.auditSectionAnswer.findMany({ where: { return: { caseId } } })).flatMap((s) =>
      Object.values(s.answers as Record<string, unknown>),
    )
  const yearsLater = (years: number, days = 0) => ({
    now: () => new Date(Date.UTC(2026 + years, 10, 2 + days, 10)),
  })

  it('removes the case\u2019s texts 6 years after its discussion, keeping grades, references and findings', async () => {
    expect(await answersOfCase()).toContain('Reviewed by the board every quarter; the minutes are on the intranet.')
    // Not yet: the discussion was 6 years ago today.
    expect(await runRetention({ db: h.app.db, clock: yearsLater(6) })).toMatchObject({ caseAudits: 0 })
    const report = await runRetention({ db: h.app.db, clock: yearsLater(6, 1) })
    expect(report.caseAudits).toBe(1)
    const kase = await h.app.db.auditCase.findUniqueOrThrow({ where: { id: caseId } })
    expect(kase.goodPractice).toBe('[removed after the retention period]')
    expect(kase.areasForDevelopment).toBe('[removed after the retention period]')
    expect(kase.agencyRefs).toEqual({ police: 'NP-26-4471', health: 'RX9-118823' })
    expect(kase.recommendations).toHaveLength(2)
    expect(kase.recommendations[0]).toBe('Offer early help within 10 working days of a concern.')
    const answers = await answersOfCase()
    expect(answers).not.toContain('Reviewed by the board every quarter; the minutes are on the intranet.')
    expect(answers).not.toContain('https://intranet.example/safeguarding/evidence')
    expect(answers).toContain('[removed after the retention period]')
    expect(answers).toContain('good')
    expect(await h.app.db.auditFinding.count({ where: { caseId, text: { contains: 'early help' } } })).toBe(1)

    const card = cardText((await h.teams.invoke('gareth', 'audit.view-case', { caseId })).card)
    // Shown as people read it (the brackets are escaped for card markdown).
    expect(card).toContain('Good practice\n\\[removed after the retention period\\]')
    expect(card).not.toContain('shared information within a day')
    const event = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'CASE_AUDIT_REDACTED' } })
    expect(event.subjectId).toBe(caseId)
    expect(JSON.stringify(event.after)).not.toContain('intranet')
  })

  it('redacts a case once, and keeps the audit chain intact', async () => {
    // Another day's run (or another instance) finds nothing left to do.
    expect(await runRetention({ db: h.app.db, clock: yearsLater(6, 2) })).toMatchObject({ caseAudits: 0 })
    expect(await h.app.db.auditEvent.count({ where: { action: 'CASE_AUDIT_REDACTED' } })).toBe(1)
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})
