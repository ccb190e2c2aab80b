/**
 * Issue 12, the Section 11 story through both protocols against a real PostgreSQL: Gareth plans the audit in
 * Teams and Dana (Northshire Police) is told; she completes a section in a Teams task module (a rating without
 * evidence refused beside its box), saves and closes, and carries on in a Slack modal where she left off; a
 * second editor is told who changed the page and when; she submits; Joanne (the police's safeguarding partner)
 * signs it off; Gareth moderates with one rating changed; Dana responds; the final rating is a finding, which
 * Gareth turns into an action with source "audit". The next cycle carries the answers forward, to confirm or
 * change before submitting.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openId } from '../cards/action-id.js'
import { DIALOG_BUTTONS } from '../cards/render/blockkit.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { finishInSlack, slackAnswers, stepOf, teamsAnswers } from './support/audit-story.js'
import { actionData, cardOf, cardText } from './support/fake-connector.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import {
  eventually,
  type Harness,
  NO_SUBMIT_LIMITS,
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
const chat = (key: PersonKey) => `a:personal-${key}`
const posted = (key: PersonKey, needle: string) => newestCardTo(h, key, needle)
const messageUnder = (card: any, id: string) => card.body.find((e: any) => e.id === `${id}-error`)?.text
const input = (card: any, id: string) => card.body.find((e: any) => e.id === id)
/** What the bot answers a typed message with in Teams (the card it posts to the chat). */
async function said(key: PersonKey, text: string) {
  const before = h.connector.sentTo(chat(key)).length
  await h.teams.message(key, text)
  return eventually(() => cardOf(h.connector.sentTo(chat(key))[before]), `the answer to "${text}"`)
}
let auditId = ''
let returnId = ''

beforeAll(async () => {
  h = await startHarness({ clock, env: { ...NO_SUBMIT_LIMITS, SLACK_CASE_REVIEW_CHANNEL: '' } })
  // Each person has talked to the bot in Teams, so notices reach them there.
  for (const key of ['gareth', 'dana', 'joanne', 'claire'] as const) await h.teams.message(key, 'help')
})
afterAll(async () => h?.stop())

describe('planning', () => {
  it('Gareth plans the Section 11 audit in Teams; it opens at once and Dana is told 1:1', async () => {
    expect(cardText(await said('gareth', 'help'))).toContain('"audits": The audit programme')
    const form = await h.teams.invoke('gareth', 'open:audit.plan', {})
    expect(cardText(form.card)).toContain('Plan an audit')
    const formToken = JSON.stringify(form.card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const tool = (await h.app.db.auditTool.findFirstOrThrow({ where: { key: 'section-11' } })).id
    const values = {
      formToken,
      type: 'section-11',
      title: 'Section 11 audit 2026',
      toolId: tool,
      participants: 'police,health',
      openingDate: '2026-11-02',
      deadline: '2026-11-27',
    }
    const planned = await h.teams.invoke('gareth', 'audit.plan', values)
    expect(cardText(planned.card)).toContain('NSCP-AUD-2026-0001 is open. Each participant\u2019s lead has been told.')
    expect(cardText(planned.card)).toContain('0 of 2 returns received.')
    // A second press of the same form plans nothing more.
    const again = await h.teams.invoke('gareth', 'audit.plan', values)
    expect(cardText(again.card)).toContain('NSCP-AUD-2026-0001 was already planned.')
    expect(await h.app.db.audit.count()).toBe(1)
    auditId = (await h.app.db.audit.findFirstOrThrow()).id
    returnId = (await h.app.db.auditReturn.findFirstOrThrow({ where: { auditId, participantKey: 'agency:police' } })).id
    const notice = await posted('dana', 'your section 11 audit return')
    expect(cardText(notice)).toContain('Gareth Lloyd opened Section 11 audit 2026 for Northshire Police.')
  })
})

describe('Dana completes it in Teams and Slack', () => {
  let page: any

  it('opens the return as a task module at section 1, and moves on with Next', async () => {
    const notice = await posted('dana', 'your section 11 audit return')
    const opened = await h.teams.openDialog('dana', notice, 'Start the return')
    expect(opened.title).toBe('Section 11 audit: Northshire Police')
    expect(stepOf(opened.card)).toBe('Section 1 of 12: About your agency')
    expect(input(opened.card, 'about-staff')).toMatchObject({ type: 'Input.Number' })
    const next = await h.teams.move('dana', opened.card, 'Next', teamsAnswers(opened.card))
    page = next.card
    expect(stepOf(page)).toBe('Section 2 of 12: A clear line of accountability')
  })

  it('refuses a rating that needs evidence without it, beside the evidence box, keeping the answers', async () => {
    const answers = teamsAnswers(page, { 'accountability-score': '3', 'accountability-score--evidence': '' })
    const res = await h.teams.move('dana', page, 'Next', answers)
    expect(stepOf(res.card)).toBe('Section 2 of 12: A clear line of accountability')
    expect(messageUnder(res.card, 'accountability-score--evidence')).toContain(
      '"3: embedded, with evidence of impact" needs evidence',
    )
    expect(input(res.card, 'accountability-score').value).toBe('3')
    expect(input(res.card, 'accountability-how-known').value).toBe(answers['accountability-how-known'])
    page = (await h.teams.move('dana', res.card, 'Next', teamsAnswers(res.card))).card
    expect(stepOf(page)).toBe('Section 3 of 12: A senior board-level lead')
  })

  it('asks the improvement plan on the same page when a low score calls for it', async () => {
    const res = await h.teams.move('dana', page, 'Next', teamsAnswers(page, { 'senior-lead-score': '1' }))
    expect(stepOf(res.card)).toBe('Section 3 of 12: A senior board-level lead')
    expect(cardText(res.card)).toContain('Your answer needs one more answer below.')
    expect(input(res.card, 'senior-lead-plan')).toBeDefined()
    page = res.card
  })

  it('saves and closes, with a card in the chat to carry on', async () => {
    const res = await h.teams.move('dana', page, 'Save and close', teamsAnswers(page, { 'senior-lead-score': '1' }))
    expect(res.task).toEqual({ type: 'message', value: 'Return saved' })
    const saved = await posted('dana', 'You stopped at section 3 of 12')
    expect(cardText(saved)).toContain('A senior board-level lead')
  })

  it('tells an editor of an older copy of the page who changed it and when, and shows the latest', async () => {
    // Section 3 is still open in one window; Dana opens it again in another and saves it there first.
    const stale = page
    clock.at = new Date('2026-11-03T10:42:00Z')
    const fresh = await h.teams.openDialog('dana', await posted('dana', 'You stopped at section 3 of 12'))
    await h.teams.move('dana', fresh.card, 'Save and close', teamsAnswers(fresh.card, { 'senior-lead-score': '2' }))
    const res = await h.teams.move('dana', stale, 'Next', teamsAnswers(stale, { 'senior-lead-score': '1' }))
    expect(cardText(res.card)).toContain('Changed by Dana Okafor at 10:42; here is the latest.')
    expect(input(res.card, 'senior-lead-score').value).toBe('2')
  })

  it('carries on in Slack where she left off, and submits for sign-off', async () => {
    const mine = await h.slackClient.command('dana', 'my audits')
    const blocks = (mine.body as any).blocks
    expect(blocksText(blocks)).toContain("Northshire Police's return. In progress")
    expect(blocksText(blocks)).toContain('Deadline Fri 27 Nov 2026')
    const button = blocks
      .flatMap((b: any) => b.elements ?? [])
      .find((e: any) => e.action_id === openId('audit.return' as never))
    expect(button.text.text).toBe('Continue the return')
    await h.slackClient.button('dana', button.action_id, button.value)
    const opened = await eventually(() => h.slack.callsTo('views.open').at(-1), 'views.open')
    const view = opened.args.view
    expect(view.title.text).toBe('Section 11 return')
    expect(stepOf(view)).toBe('Section 3 of 12: A senior board-level lead')
    expect(buttonIds(view.blocks)).toEqual([DIALOG_BUTTONS.back, DIALOG_BUTTONS.close])
    // Slack retries a submission: saved once.
    const saves = () => h.app.db.auditEvent.count({ where: { subjectId: returnId, action: 'AUDIT_SECTION_SAVED' } })
    const sent = h.slackClient.dialogView(view, slackAnswers(view, { 'senior-lead-how-known': 'The board minutes.' }))
    const before = await saves()
    const first = await h.slackClient.dialogSubmit('dana', sent)
    const retry = await h.slackClient.dialogSubmit('dana', sent, { retryNum: 1 })
    expect(retry.body).toEqual(first.body)
    expect(await saves()).toBe(before + 1)
    const nextView = (first.body as any).view
    expect(stepOf(nextView)).toBe('Section 4 of 12: Listening to children')
    const { body } = await finishInSlack(h, 'dana', nextView)
    expect(blocksText(body.view)).toContain('is in. The people who sign it off have been asked to.')
    const ret = await h.app.db.auditReturn.findUniqueOrThrow({ where: { id: returnId } })
    expect(ret.status).toBe('SUBMITTED')
  })
})

describe('sign-off, moderation and the finding', () => {
  it('Joanne, the police partner, signs it off; Gareth is told it is ready', async () => {
    const request = await posted('joanne', 'ready to sign off')
    const card = await h.teams.invoke('joanne', 'audit.view-return', actionData(request, 'audit.view-return'))
    expect(cardText(card.card)).toContain('Northshire Police: Section 11 audit 2026')
    const signed = await h.teams.invoke('joanne', 'audit.sign-off', actionData(card.card, 'audit.sign-off'))
    expect(cardText(signed.card)).toContain("You signed off Northshire Police's return.")
    expect(cardText(await posted('gareth', 'ready to moderate'))).toContain('Joanne Clarke signed off')
  })

  it('Gareth agrees ten standards and changes one, with a reason; Dana is challenged', async () => {
    let card = (await h.teams.invoke('gareth', 'audit.view-return', { returnId })).card
    const form = await h.teams.invoke('gareth', 'open:audit.moderate', { returnId, sectionKey: 'safer-recruitment' })
    const noReason = await h.teams.invoke('gareth', 'audit.moderate', {
      returnId,
      sectionKey: 'safer-recruitment',
      decision: 'change',
      rating: '1',
    })
    expect(cardText(noReason.card)).toContain('Give the reason for the change (at least 10 characters).')
    expect(cardText(form.card)).toContain('Self-assessed: 2: in place and working.')
    card = (
      await h.teams.invoke('gareth', 'audit.moderate', {
        returnId,
        sectionKey: 'safer-recruitment',
        decision: 'change',
        rating: '1',
        reason: 'The latest check found 4 criminal record checks out of date.',
      })
    ).card
    expect(cardText(card)).toContain('Safer recruitment: moderation recorded.')
    for (;;) {
      const agree = (() => {
        try {
          return actionData(card, 'audit.agree')
        } catch {
          return null
        }
      })()
      if (!agree) break
      card = (await h.teams.invoke('gareth', 'audit.agree', agree)).card
    }
    const finished = await h.teams.invoke('gareth', 'audit.finish-moderation', { returnId })
    expect(cardText(finished.card)).toContain('Moderation finished with 1 rating changed.')
    // Dana last used Slack, so the notice follows her there.
    const dm = await eventually(
      () =>
        h.slack
          .callsTo('chat.postMessage')
          .find((c) => c.args.channel === 'U0DANAOK03' && blocksText(c.args.blocks).includes('changed at moderation')),
      'the challenge in Slack',
    )
    expect(blocksText(dm.args.blocks)).toContain('Gareth Lloyd moderated Northshire Police')
  })

  it('Dana responds; Gareth agrees the final rating; both ratings are kept and a finding is made', async () => {
    const respond = await h.teams.invoke('dana', 'audit.respond', {
      returnId,
      sectionKey: 'safer-recruitment',
      decision: 'accept',
      response: '',
    })
    expect(cardText(respond.card)).toContain('The chair of the Quality Assurance and Audit Sub-group has been told.')
    const final = await h.teams.invoke('gareth', 'audit.final-rating', {
      returnId,
      sectionKey: 'safer-recruitment',
      rating: '1',
    })
    expect(cardText(final.card)).toContain(
      "Final ratings agreed: Northshire Police's return is moderated. 1 below good became findings.",
    )
    expect(cardText(final.card)).toContain(
      'Safer recruitment: self-assessed 2: in place and working; moderated 1: partly in place',
    )
    expect(cardText(await posted('dana', 'moderation finished'))).toContain('The final ratings are agreed.')
  })

  it('Gareth turns the finding into an action with source "audit", once', async () => {
    const card = await said('gareth', 'audit NSCP-AUD-2026-0001')
    const text = cardText(card)
    expect(text).toContain('1 of 2 returns received.')
    expect(text).toContain('Northshire NHS Foundation Trust (Sam Patel): Not started.')
    expect(text).toContain(
      'Safer recruitment: Northshire Police 2: in place and working, moderated 1: partly in place.',
    )
    const open = actionData(card, 'open:audit.finding-actions')
    const form = await h.teams.invoke('gareth', 'open:audit.finding-actions', open)
    const formToken = JSON.stringify(form.card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    const dana = await h.app.db.person.findFirstOrThrow({ where: { key: 'dana' } })
    const data = {
      ...open,
      formToken,
      themes: 'Supervision',
      what1: 'Renew the criminal record checks and update the single central record.',
      agencyKey1: 'police',
      ownerId1: dana.id,
      dueDate1: '2027-01-29',
      measureOfSuccess1: 'A spot check of 20 staff records finds every check current.',
      verifyingSubGroupKey1: 'qa-audit',
    }
    const made = await h.teams.invoke('gareth', 'audit.finding-actions', data)
    expect(cardText(made.card)).toContain('Actions created: NSCP-ACT-2026-0001.')
    const again = await h.teams.invoke('gareth', 'audit.finding-actions', data)
    expect(cardText(again.card)).toContain('Actions already created: NSCP-ACT-2026-0001.')
    const action = await h.app.db.action.findUniqueOrThrow({ where: { reference: 'NSCP-ACT-2026-0001' } })
    expect(action.source).toBe('audit')
    expect(await h.app.db.auditFindingAction.count({ where: { actionId: action.id } })).toBe(1)
    expect(cardText(await posted('dana', 'New action for you: NSCP-ACT-2026-0001'))).toContain(
      'Renew the criminal record checks',
    )
  })
})

describe('the audit page and its export', () => {
  it("opens from the summary card's link for its reader, with an Excel export; a changed link shows nothing", async () => {
    const card = await said('gareth', 'audit NSCP-AUD-2026-0001')
    const links = JSON.stringify(card)
      .match(/"url":"([^"]+)"/g)!
      .map((m) => JSON.parse(`{${m}}`).url as string)
    const pageUrl = links.find((u) => u.includes('/audits/page'))!
    const xlsxUrl = links.find((u) => u.includes('/audits/export.xlsx'))!
    const html = await (await fetch(pageUrl)).text()
    expect(html).toContain('NSCP-AUD-2026-0001: Section 11 audit 2026')
    expect(html).toContain('1 of 2 returns received.')
    expect(html).toContain(
      '<td>Safer recruitment</td><td>Northshire Police</td><td>2: in place and working</td><td>1: partly in place</td>',
    )
    expect(html).toContain('Supervision (1)')
    const xlsx = await fetch(xlsxUrl)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Ratings', 'Change', 'Findings'])
    const ratings = wb.getWorksheet('Ratings')!
    const recruitment = ratings
      .getRows(2, ratings.rowCount - 1)!
      .find((r) => r.getCell(1).value === 'Safer recruitment')!
    expect([2, 3, 4].map((c) => recruitment.getCell(c).value)).toEqual([
      'Northshire Police',
      '2: in place and working',
      '1: partly in place',
    ])
    expect(wb.getWorksheet('Findings')!.getRow(2).getCell(3).value).toBe('NSCP-ACT-2026-0001')
    const tampered = await fetch(pageUrl.replace(/t=([A-Za-z0-9_-])/, 't=X$1'))
    expect(tampered.status).toBe(404)
    expect(await tampered.text()).toContain('This link has expired or is not valid.')
    // A day later the link has expired.
    clock.at = new Date(clock.at.getTime() + 25 * 3600_000)
    expect((await fetch(pageUrl)).status).toBe(404)
  })
})

describe('the next cycle', () => {
  it('carries the answers forward, marked to confirm or change, and refuses a submit until each is', async () => {
    clock.at = new Date('2026-12-01T10:00:00Z')
    const tool = (await h.app.db.auditTool.findFirstOrThrow({ where: { key: 'section-11' } })).id
    const form = await h.teams.invoke('gareth', 'open:audit.plan', {})
    const formToken = JSON.stringify(form.card).match(/"formToken":"([0-9a-f-]{36})"/)![1]!
    await h.teams.invoke('gareth', 'audit.plan', {
      formToken,
      type: 'section-11',
      title: 'Section 11 audit 2027',
      toolId: tool,
      participants: 'police',
      openingDate: '2026-12-01',
      deadline: '2027-01-29',
    })
    const notice = await posted('dana', 'carried from the last cycle')
    expect(cardText(notice)).toMatch(
      /\d+ answers are carried from the last cycle: confirm or change each before you submit\./,
    )
    const opened = await h.teams.openDialog('dana', notice, 'Start the return')
    expect(cardText(opened.card)).toContain('Some answers are carried from the last cycle')
    expect(input(opened.card, 'about-staff--confirm')).toMatchObject({
      type: 'Input.Toggle',
      title: 'This answer is still right',
    })
    expect(input(opened.card, 'about-staff').value).toBe(10)
    // Straight to the end without confirming anything: sent back to section 1, every carried answer marked.
    let page = opened.card
    for (let i = 0; i < 11; i++) page = (await h.teams.move('dana', page, 'Next', {})).card
    expect(stepOf(page)).toBe('Section 12 of 12: Allegations against staff')
    const refused = await h.teams.move('dana', page, 'Submit for sign-off', {})
    expect(stepOf(refused.card)).toBe('Section 1 of 12: About your agency')
    expect(messageUnder(refused.card, 'about-staff--confirm')).toBe(
      'From last cycle: confirm or change this answer before you submit.',
    )
    // Confirming the page clears it.
    const confirmed = await h.teams.move('dana', refused.card, 'Next', teamsAnswers(refused.card))
    expect(stepOf(confirmed.card)).toBe('Section 2 of 12: A clear line of accountability')
    const back = await h.teams.move('dana', confirmed.card, 'Back', {})
    expect(input(back.card, 'about-staff--confirm')).toBeUndefined()
  })

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})
