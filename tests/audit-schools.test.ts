/**
 * Issue 12, the Section 175/157 story through both protocols against a real PostgreSQL: Claire (the business
 * manager) plans the schools audit in a Slack modal; Ben (Northshire Academy's designated safeguarding lead)
 * completes the return in a Teams task module; Ruth (its headteacher) signs it off with the date of the
 * governors' annual review; the other school (Riverside Primary, whose designated safeguarding lead is added
 * for this story: the demo fixture names none) is nudged through the daily digest 5 working days before the
 * deadline, on the day and after it, and Gareth (the QA chair) is told when it is 10 working days late. A late
 * answer is refused until Gareth reopens the return.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNudges } from '../services/nudges/index.js'
import { finishInTeams, stepOf, teamsAnswers } from './support/audit-story.js'
import { actionData, cardOf, cardText } from './support/fake-connector.js'
import { eventually, type Harness, NO_SUBMIT_LIMITS, type PersonKey, startHarness } from './support/harness.js'

const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
/** Riverside Primary's designated safeguarding lead, added for this story. */
const LUCY = { aadObjectId: 'a0000000-0000-4000-8000-0000000000a1', id: 'lucy', name: 'Lucy Grant' }
const chat = (key: PersonKey | 'lucy') => `a:personal-${key}`
const cards = (key: PersonKey | 'lucy') => h.connector.sentTo(chat(key)).map(cardOf)
const posted = (key: PersonKey | 'lucy', needle: string, from = 0) =>
  eventually(
    () =>
      cards(key)
        .slice(from)
        .reverse()
        .find((c) => cardText(c).includes(needle)),
    `"${needle}" to ${key}`,
  )
const nudge = async () => {
  const report = await runNudges({ db: h.app.db, clock })
  await h.app.outbox.drain()
  return report
}
let academyReturn = ''
let riversideReturn = ''

beforeAll(async () => {
  h = await startHarness({ clock, env: { ...NO_SUBMIT_LIMITS, SLACK_CASE_REVIEW_CHANNEL: '' } })
  const p = await h.app.db.partnership.findFirstOrThrow()
  const riverside = await h.app.db.setting.findFirstOrThrow({ where: { key: 'riverside-primary' } })
  const education = await h.app.db.agency.findFirstOrThrow({ where: { key: 'education' } })
  await h.app.db.person.create({
    data: {
      partnershipId: p.id,
      key: 'lucy',
      name: LUCY.name,
      agencyId: education.id,
      settingId: riverside.id,
      jobTitle: 'Designated Safeguarding Lead',
      email: 'lucy.grant@riverside-primary.example',
      roles: ['designated-safeguarding-lead'],
      teamsAadObjectId: LUCY.aadObjectId,
    },
  })
  for (const key of ['ben', 'ruth', 'gareth', 'claire'] as const) await h.teams.message(key, 'help')
  await h.teams.message(LUCY, 'help')
})
afterAll(async () => h?.stop())

describe('planning in Slack', () => {
  it('Claire plans the Section 175/157 audit for both schools in a modal; each school\u2019s lead is told', async () => {
    const before = h.slack.callsTo('views.open').length
    await h.slackClient.command('claire', 'plan audit')
    const view = (await eventually(() => h.slack.callsTo('views.open')[before], 'views.open')).args.view
    expect(view.callback_id).toBe('audit.plan')
    const tool = (await h.app.db.auditTool.findFirstOrThrow({ where: { key: 'section-175' } })).id
    const answers = {
      type: 'section-175',
      title: 'Schools safeguarding audit 2026',
      toolId: tool,
      participants: ['northshire-academy', 'riverside-primary'],
      openingDate: '2026-11-02',
      deadline: '2026-11-20',
    }
    // A deadline before the opening date is refused beside its field.
    const bad = await h.slackClient.dialogSubmit(
      'claire',
      h.slackClient.dialogView(view, { ...answers, deadline: '2026-11-01' }),
    )
    expect(bad.body).toEqual({
      response_action: 'errors',
      errors: { deadline: 'The deadline must be after the opening date.' },
    })
    const res = await h.slackClient.dialogSubmit('claire', h.slackClient.dialogView(view, answers))
    expect(res.status).toBe(200)
    const audit = await h.app.db.audit.findFirstOrThrow({ include: { returns: true } })
    expect(audit).toMatchObject({ type: 'section-175', status: 'OPEN' })
    academyReturn = audit.returns.find((r) => r.participantKey === 'setting:northshire-academy')!.id
    riversideReturn = audit.returns.find((r) => r.participantKey === 'setting:riverside-primary')!.id
    expect(cardText(await posted('ben', 'section 175/157 schools audit return'))).toContain(
      'Claire Dunn opened Schools safeguarding audit 2026 for Northshire Academy.',
    )
    expect(cardText(await posted('lucy', 'section 175/157 schools audit return'))).toContain('Riverside Primary School')
  })
})

describe('Northshire Academy', () => {
  it('Ben completes the return a section at a time in Teams and submits it for sign-off', async () => {
    const opened = await h.teams.openDialog('ben', await posted('ben', 'your section 175'), 'Start the return')
    expect(opened.title).toBe('Section 175/157 schools audit: Northshire Academy')
    expect(stepOf(opened.card)).toBe('Section 1 of 7: Roles and responsibilities')
    const message = await finishInTeams(h, 'ben', opened.card)
    expect(message).toBe('Return submitted')
    expect(cardText(await posted('ben', 'Return submitted'))).toContain('is in.')
  })

  it('Ben may not sign it off; Ruth signs it off with the governors\u2019 annual review date', async () => {
    const ben = await h.teams.invoke('ben', 'audit.view-return', { returnId: academyReturn })
    expect(cardText(ben.card)).not.toContain('Sign off the return')
    const refused = await h.teams.invoke('ben', 'open:audit.sign-off-school', { returnId: academyReturn })
    expect(cardText(refused.card)).toContain('(for a school, its headteacher) signs this return off.')
    const request = await posted('ruth', 'ready to sign off')
    expect(cardText(request)).toContain('As headteacher, you record the date of the governors\u2019 annual review')
    const view = await h.teams.invoke('ruth', 'audit.view-return', actionData(request, 'audit.view-return'))
    const form = await h.teams.invoke(
      'ruth',
      'open:audit.sign-off-school',
      actionData(view.card, 'open:audit.sign-off-school'),
    )
    expect(cardText(form.card)).toContain('Date of the governors\u2019 annual review of safeguarding')
    const future = await h.teams.invoke('ruth', 'audit.sign-off-school', {
      returnId: academyReturn,
      governorsReviewOn: '2026-12-01',
    })
    expect(cardText(future.card)).toContain('The review must have happened: enter a date not in the future.')
    const signed = await h.teams.invoke('ruth', 'audit.sign-off-school', {
      returnId: academyReturn,
      governorsReviewOn: '2026-10-14',
    })
    expect(cardText(signed.card)).toContain("You signed off Northshire Academy's return.")
    expect(cardText(signed.card)).toContain('Wed 14 Oct 2026')
    expect(cardText(await posted('gareth', 'ready to moderate'))).toContain('Ruth Adams signed off Northshire Academy')
  })

  it('the QA sub-group may read the school\u2019s return; another agency\u2019s practitioner may not', async () => {
    const sam = await h.teams.invoke('sam', 'audit.view-return', { returnId: academyReturn })
    expect(cardText(sam.card)).toContain('Northshire Academy: Schools safeguarding audit 2026')
    const priya = await h.teams.invoke('priya', 'audit.view-return', { returnId: academyReturn })
    expect(cardText(priya.card)).toContain("An agency's return is seen by its own people until it is moderated")
  })
})

describe('Riverside Primary is nudged', () => {
  it('5 working days before the deadline, on the day and after it, once a day', async () => {
    const from = cards('lucy').length
    clock.at = new Date('2026-11-13T09:00:00Z')
    await nudge()
    const soon = await posted('lucy', 'Due soon', from)
    expect(cardText(soon)).toContain(
      "Schools safeguarding audit 2026: Riverside Primary School's return. Due Fri 20 Nov 2026.",
    )
    const again = await nudge()
    expect(again.people).toBe(0)
    // Ben's return is in: he hears nothing.
    expect(cards('ben').some((c) => cardText(c).includes('Reminders'))).toBe(false)
    clock.at = new Date('2026-11-20T09:00:00Z')
    await nudge()
    const today = await posted('lucy', 'Due today', from)
    const continueFromDigest = await h.teams.openDialog(LUCY as never, today, 'Continue the return')
    expect(stepOf(continueFromDigest.card)).toBe('Section 1 of 7: Roles and responsibilities')
    clock.at = new Date('2026-11-23T09:00:00Z')
    await nudge()
    expect(cardText(await posted('lucy', 'Overdue', from))).toContain('1 working day late')
  })

  it('Gareth, the QA chair, is told once the return is 10 working days late', async () => {
    const from = cards('gareth').length
    clock.at = new Date('2026-12-04T09:00:00Z')
    await nudge()
    const told = await posted('gareth', 'Late: for your attention as chair', from)
    expect(cardText(told)).toContain('(with Lucy Grant)')
    const summary = await h.teams.message('gareth', 'audit NSCP-AUD-2026-0001')
    expect(summary.status).toBe(200)
    const card = await posted('gareth', 'returns received', from)
    expect(cardText(card)).toContain('1 of 2 returns received.')
    expect(cardText(card)).toContain('Riverside Primary School (Lucy Grant): Not started, overdue.')
  })

  it('refuses Lucy\u2019s late answers until Gareth reopens her return', async () => {
    const opened = await h.teams.openDialog(LUCY as never, await posted('lucy', 'Overdue'), 'Continue the return')
    expect(cardText(opened.card)).toContain('closed to answers at its deadline. Ask the chair of the Quality Assurance')
    const late = await h.teams.move(LUCY as never, opened.card, 'Save and close', teamsAnswers(opened.card))
    expect(cardText(late.card)).toContain('closed to answers at its deadline')
    expect(await h.app.db.auditSectionAnswer.count({ where: { returnId: riversideReturn } })).toBe(0)
    const card = await h.teams.invoke('gareth', 'audit.view-return', { returnId: riversideReturn })
    const reopened = await h.teams.invoke('gareth', 'audit.reopen', actionData(card.card, 'audit.reopen'))
    expect(cardText(reopened.card)).toContain(
      "Riverside Primary School's return is open again. Its lead has been told.",
    )
    expect(cardText(await posted('lucy', 'your return is open again'))).toContain('Gareth Lloyd reopened')
    const again = await h.teams.openDialog(LUCY as never, await posted('lucy', 'your return is open again'))
    const saved = await h.teams.move(LUCY as never, again.card, 'Save and close', teamsAnswers(again.card))
    expect(saved.task).toEqual({ type: 'message', value: 'Return saved' })
    const events = await h.app.db.auditEvent.count({
      where: { subjectId: riversideReturn, action: 'AUDIT_RETURN_REOPENED' },
    })
    expect(events).toBe(1)
  })
})
