/**
 * Issue 13, surveys on the same engine, through both protocols against a real PostgreSQL:
 *
 * - an anonymous survey sent to an audience (the practitioner survey that tests agencies' Section 11 self-ratings):
 *   no query, export or audit event can link an answer to a person (the stored rows are checked), and its results
 *   are withheld below 5 answers;
 * - its public link for children and families: works with no sign-in, refuses a flood (rate limit) and a robot
 *   (the hidden box, a form sent too fast), and keeps nothing that identifies the device: no row, no log line,
 *   and the rate limiter's keyed entries go once their window has passed;
 * - "don't ask me again" stops the reminders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices } from '../services/index.js'
import { runTrainingSteps } from '../services/training/index.js'
import { DEFAULT_SURVEYS } from '../services/training/survey-defaults.js'
import { actionData, cardOf, cardText } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import {
  eventually,
  fixture,
  NO_SUBMIT_LIMITS,
  person,
  startHarness,
  type Harness,
  type PersonKey,
} from './support/harness.js'

const clock = {
  at: new Date('2026-12-01T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
const chat = (key: PersonKey) => `a:personal-${key}`
const teamsCards = (key: PersonKey) => h.connector.sentTo(chat(key)).map(cardOf)
const TEAMS_PEOPLE = ['priya', 'dana', 'sam', 'helen', 'aisha', 'gareth', 'claire', 'kate', 'mark', 'ben'] as const
let surveyId = ''
let publicUrl = ''

/** Answers the survey from the person's 1:1 card, in Teams. */
async function answerInTeams(key: PersonKey, values: Record<string, string>) {
  const card = teamsCards(key).find((c) => cardText(c).includes('Survey: Practitioner survey'))
  return h.teams.invoke(key, 'survey.answer', { ...actionData(card, 'open:survey.answer'), ...values })
}
const answers = (n: number) => ({
  scale1: String(1 + (n % 5)),
  scale2: '4',
  scale3: '3',
  single1: n % 2 ? 'yes' : 'no',
})

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '', ...NO_SUBMIT_LIMITS } })
  for (const key of TEAMS_PEOPLE) await h.teams.message(key, 'help')
  await h.slackClient.command('tom', 'help')
})
afterAll(async () => h?.stop())

describe('an anonymous survey sent to an audience', () => {
  it('is sent by the quality assurance chair to everyone, with a public link; a practitioner may not send one', async () => {
    await h.teams.message('priya', 'surveys')
    expect(cardText(teamsCards('priya').at(-1))).toContain('Only the chairs of the Learning and Development')
    await h.teams.message('gareth', 'surveys')
    const list = teamsCards('gareth').at(-1)
    const form = await h.teams.invoke('gareth', 'open:survey.send', actionData(list, 'open:survey.send'))
    const formToken = actionData(form.card, 'survey.send').formToken!
    const data = {
      formToken,
      definitionKey: 'section-11-practitioners',
      everyone: 'true',
      opensOn: '2026-12-01',
      closesOn: '2026-12-31',
      publicLink: 'true',
    }
    const noOne = await h.teams.invoke('gareth', 'survey.send', { ...data, everyone: 'false', publicLink: 'false' })
    expect(cardText(noOne.card)).toContain('Choose who it goes to, or give it a public link.')
    const sent = await h.teams.invoke('gareth', 'survey.send', data)
    expect(cardText(sent.card)).toContain('Survey sent to 15 people.')
    const again = await h.teams.invoke('gareth', 'survey.send', data)
    expect(cardText(again.card)).toContain('That survey was already sent.')
    const survey = await h.app.db.survey.findFirstOrThrow({ where: { kind: 'audience' } })
    surveyId = survey.id
    publicUrl = JSON.stringify(sent.card).match(/https?:[^"]+\/s\/[A-Za-z0-9_-]+/)![0]
    await h.app.outbox.drain()
    const notice = teamsCards('priya').find((c) => cardText(c).includes('Survey: Practitioner survey'))
    expect(cardText(notice)).toContain('This survey is anonymous: your answers are stored with no link to you')
  })

  it('withholds its results until 5 answers are in', async () => {
    for (const [i, key] of (['priya', 'dana', 'sam', 'helen'] as const).entries()) {
      const res = await answerInTeams(key, {
        ...answers(i),
        text1: 'More time for supervision would help me listen to children.',
      })
      expect(cardText(res.card)).toContain('Thank you')
    }
    const open = async () => {
      await h.teams.message('gareth', 'surveys')
      const list = teamsCards('gareth').at(-1)
      return cardText((await h.teams.invoke('gareth', 'survey.results', actionData(list, 'survey.results'))).card)
    }
    expect(await open()).toContain('Results show once 5 answers are in, so nobody can be picked out.')
    // The fifth answer comes from Slack.
    const dm = await eventually(() =>
      h.slack
        .callsTo('chat.postMessage')
        .find(
          (c) =>
            c.args.channel === person('tom').slackUserId && blocksText(c.args.blocks).includes('Practitioner survey'),
        ),
    )
    const button = dm.args.blocks
      .flatMap((b: any) => b.elements ?? [])
      .find((e: any) => e.action_id === 'open:survey.answer')
    await h.slackClient.button('tom', 'open:survey.answer', button.value, 'D0TOMREE02')
    const view = (await eventually(() => h.slack.callsTo('views.open').at(-1))).args.view
    const state = Object.fromEntries(
      view.blocks
        .filter((b: any) => b.type === 'input')
        .map((b: any) => [
          b.block_id,
          b.element.type === 'plain_text_input'
            ? { type: b.element.type, value: null }
            : { type: b.element.type, selected_option: { value: b.block_id === 'single1' ? 'yes' : '5' } },
        ]),
    )
    const res = await h.slackClient.viewSubmission('tom', view, state)
    expect(blocksText((res.body as any).view.blocks)).toContain('Thank you')
    const shown = await open()
    expect(shown).toContain('5 answers from 15 people asked.')
    expect(shown).toContain('My safeguarding training is up to date and meets my needs.')
    expect(shown).toContain('Supervision (4 answers)')
  })

  it('stores no link between an answer and a person: rows, audit events and the outbox', async () => {
    const rows = await h.app.db.$queryRaw<
      Record<string, unknown>[]
    >`select * from "SurveyAnswer" where "surveyId" = ${surveyId}`
    expect(rows).toHaveLength(5)
    for (const row of rows) {
      // No person, no time, no invitation: an id (random), the survey, the definition's version, the answers.
      expect(Object.keys(row).sort()).toEqual([
        'aboutPersonId',
        'answers',
        'definitionVersion',
        'id',
        'personId',
        'surveyId',
      ])
      expect(row.personId).toBeNull()
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/)
    }
    const invitations = await h.app.db.surveyInvitation.findMany({ where: { surveyId } })
    const responded = await h.app.db.$queryRaw<Record<string, unknown>[]>`
      select r.* from "SurveyResponded" r join "SurveyInvitation" i on i.id = r."invitationId" where i."surveyId" = ${surveyId}`
    expect(responded).toHaveLength(5)
    // The "has responded" record holds only the invitation: nothing to join an answer on.
    for (const r of responded) expect(Object.keys(r)).toEqual(['invitationId'])
    const answerIds = new Set(rows.map((r) => String(r.id)))
    const invitationIds = new Set(invitations.map((i) => i.id))
    for (const r of rows) expect(JSON.stringify(r.answers)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/)
    for (const i of invitationIds) expect(answerIds.has(i)).toBe(false)
    // No audit event for an anonymous answer, and none that names an answer.
    expect(await h.app.db.auditEvent.count({ where: { action: 'SURVEY_ANSWERED' } })).toBe(0)
    const events = await h.app.db.auditEvent.findMany()
    const text = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? String(v) : v))
    for (const e of events) for (const id of answerIds) expect(text(e)).not.toContain(id)
    const outbox = await h.app.db.outbox.findMany()
    for (const o of outbox) for (const id of answerIds) expect(JSON.stringify(o.payload)).not.toContain(id)
    // The business manager's view of the survey is the same counts: no names.
    await h.teams.message('claire', 'surveys')
    const list = teamsCards('claire').at(-1)
    const results = cardText(
      (await h.teams.invoke('claire', 'survey.results', actionData(list, 'survey.results'))).card,
    )
    for (const key of ['priya', 'dana', 'sam', 'helen', 'tom'] as const) expect(results).not.toContain(person(key).name)
  })

  it('stops reminding someone who asks not to be asked again', async () => {
    const card = teamsCards('kate').find((c) => cardText(c).includes('Survey: Practitioner survey'))
    const stop = await h.teams.invoke('kate', 'survey.stop', actionData(card, 'survey.stop'))
    expect(cardText(stop.card)).toContain('You will get no more reminders about')
    clock.at = new Date('2026-12-03T09:30:00Z')
    const report = await runTrainingSteps({ db: h.app.db, clock })
    await h.app.outbox.drain()
    // 15 asked, 5 answered, Kate opted out: 9 reminded.
    expect(report.reminders).toBe(9)
    expect(teamsCards('kate').some((c) => cardText(c).includes('Reminder'))).toBe(false)
    expect(teamsCards('priya').some((c) => cardText(c).includes('Reminder'))).toBe(false)
    expect(teamsCards('mark').some((c) => cardText(c).includes('Reminder 1 of 2'))).toBe(true)
  })
})

describe('survey definitions as data', () => {
  it('changes a definition in place until it is sent, then only as a new version; answers keep theirs', async () => {
    const services = createServices({ db: h.app.db, clock })
    const gareth = await services.people.resolveActor({
      platform: 'teams',
      aadObjectId: person('gareth').teamsAadObjectId,
      tenantId: fixture.partnership.teamsTenantId,
    })
    const pulse = (title: string) => ({
      key: 'safeguarding-pulse',
      definition: {
        title,
        questions: [
          { kind: 'scale', id: 'confidence', label: 'How confident are you to raise a concern?' },
          { kind: 'text', id: 'why', label: 'What would make you more confident?' },
        ],
      },
    })
    expect(await services.training.saveSurveyDefinition(gareth, pulse('Safeguarding pulse'))).toMatchObject({
      version: 1,
    })
    expect(await services.training.saveSurveyDefinition(gareth, pulse('Safeguarding pulse check'))).toMatchObject({
      version: 1,
      isNewVersion: false,
    })
    const bad = services.training.saveSurveyDefinition(gareth, {
      key: 'bad',
      definition: { title: 'x', questions: [] },
    })
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    // The Section 11 survey was sent and answered: saving it makes version 2, and the answers stay on version 1.
    const s11 = { ...DEFAULT_SURVEYS['section-11-practitioners']!, title: 'Practitioner survey 2027' }
    expect(
      await services.training.saveSurveyDefinition(gareth, { key: 'section-11-practitioners', definition: s11 }),
    ).toMatchObject({ version: 2, isNewVersion: true })
    const sent = await h.app.db.survey.findUniqueOrThrow({ where: { id: surveyId } })
    expect((await h.app.db.surveyDefinition.findUniqueOrThrow({ where: { id: sent.definitionId } })).version).toBe(1)
    expect(
      new Set((await h.app.db.surveyAnswer.findMany({ where: { surveyId } })).map((a) => a.definitionVersion)),
    ).toEqual(new Set([1]))
    const choices = await services.training.sendSurveyChoices(gareth)
    expect(choices.surveys.map((c) => c.label)).toEqual(
      expect.arrayContaining(['Practitioner survey 2027', 'Safeguarding pulse check', 'Tell us what it was like']),
    )
    // Only the learning sub-group's chair changes the training stages.
    await expect(
      services.training.saveSurveyDefinition(gareth, { key: 'training-after', definition: s11 }),
    ).rejects.toMatchObject({ code: 'NOT_PERMITTED' })
  })
})

describe('writing a survey from a card', () => {
  it('turns the rows of the card into a definition, with a message next to a row that is not complete', async () => {
    await h.teams.message('gareth', 'surveys')
    const list = teamsCards('gareth').at(-1)
    const form = await h.teams.invoke('gareth', 'open:survey.define', actionData(list, 'open:survey.define'))
    expect(cardText(form.card)).toContain('Question 1: kind')
    const rows = {
      title: 'Escalation pulse',
      kind1: 'scale',
      label1: 'How confident are you to escalate a disagreement?',
      kind2: 'single',
      label2: 'Have you used the escalation policy this year?',
    }
    const missing = await h.teams.invoke('gareth', 'survey.define', rows)
    expect(cardText(missing.card)).toContain('Give 2 to 10 answers to choose from.')
    const saved = await h.teams.invoke('gareth', 'survey.define', { ...rows, options2: 'Yes\nNo\nNot sure' })
    expect(cardText(saved.card)).toContain('Survey saved.')
    const send = await h.teams.invoke('gareth', 'open:survey.send', {})
    expect(cardText(send.card)).toContain('Escalation pulse')
    const priya = await h.teams.invoke('priya', 'survey.define', { ...rows, options2: 'Yes,No' })
    expect(cardText(priya.card)).toContain('Only the chairs of the Learning and Development')
  })
})

describe('the public link for children and families', () => {
  const ADDRESS_MARKER = '127.0.0.1'
  it('works with no sign-in, on a phone-sized page, and keeps nothing about the device', async () => {
    const page = await fetch(publicUrl)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('name="viewport"')
    expect(html).toContain('Do not write your name')
    expect(page.headers.get('set-cookie')).toBeNull()
    const formToken = html.match(/name="formToken" value="([^"]+)"/)![1]!
    const form = new URLSearchParams({ formToken, scale1: '4', scale2: '5', scale3: '4', single1: 'yes', website: '' })
    // Sent at once: a person reads first.
    const tooFast = await fetch(publicUrl, { method: 'POST', body: form })
    expect(tooFast.status).toBe(400)
    clock.at = new Date(clock.at.getTime() + 10_000)
    const before = await h.app.db.surveyAnswer.count({ where: { surveyId } })
    const ok = await fetch(publicUrl, { method: 'POST', body: form, headers: { 'user-agent': 'PhoneBrowser/1.0' } })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Your answers were sent.')
    expect(await h.app.db.surveyAnswer.count({ where: { surveyId } })).toBe(before + 1)
    const outOfRange = await fetch(publicUrl, {
      method: 'POST',
      body: new URLSearchParams({ formToken, scale1: '9', single1: 'yes' }),
    })
    expect(outOfRange.status).toBe(400)
    expect(await outOfRange.text()).toContain('Choose a number from 1 to 5.')
    // A robot fills the hidden box: thanked, nothing kept.
    const robot = await fetch(publicUrl, {
      method: 'POST',
      body: new URLSearchParams({ formToken, scale1: '1', website: 'http://spam.example' }),
    })
    expect(robot.status).toBe(200)
    expect(await h.app.db.surveyAnswer.count({ where: { surveyId } })).toBe(before + 1)
    // Nothing about the device anywhere: no column for it, no log line with the address or the browser.
    const dump = JSON.stringify(await h.app.db.$queryRaw`select * from "SurveyAnswer"`)
    expect(dump).not.toContain('PhoneBrowser')
    expect(h.logs.join('\n')).not.toContain('PhoneBrowser')
    expect(h.logs.filter((l) => l.includes('/s/')).join('\n')).not.toContain(ADDRESS_MARKER)
  })

  it('refuses a flood from one caller, and forgets the caller once the window has passed', async () => {
    const html = await (await fetch(publicUrl)).text()
    const formToken = html.match(/name="formToken" value="([^"]+)"/)![1]!
    clock.at = new Date(clock.at.getTime() + 10_000)
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      const res = await fetch(publicUrl, {
        method: 'POST',
        body: new URLSearchParams({ formToken, scale1: '3', scale2: '3', scale3: '3', single1: 'no' }),
      })
      statuses.push(res.status)
    }
    // Five answers each ten minutes from one caller (the first test sent three): then 429.
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5)
    expect(statuses.at(-1)).toBe(429)
    clock.at = new Date(clock.at.getTime() + 11 * 60_000)
    const html2 = await (await fetch(publicUrl)).text()
    const token2 = html2.match(/name="formToken" value="([^"]+)"/)![1]!
    clock.at = new Date(clock.at.getTime() + 10_000)
    const after = await fetch(publicUrl, {
      method: 'POST',
      body: new URLSearchParams({ formToken: token2, scale1: '3', scale2: '3', scale3: '3', single1: 'no' }),
    })
    expect(after.status).toBe(200)
  })
})
