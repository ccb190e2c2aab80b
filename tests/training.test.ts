/**
 * Issue 13, the training story through both protocols against a real PostgreSQL: Aisha Khan (trainer, chair of the
 * Learning and Development Sub-group) creates a course and a session; Priya books from a card in Teams, Tom from a
 * card in Slack, Aisha registers Ben; the session moves (its steps move with it); Priya rates her confidence
 * before. After the session Aisha is asked to take the register, marks all three attended, and each gets the
 * anonymous survey straight after: Priya answers in Teams, Tom in a Slack modal (asked "before" as well, since he
 * did not answer earlier), Ben never (reminded twice, then no more). At 8 weeks the follow-up and the line
 * managers' cards go out. The results card gives the uplift per outcome; the page and the spreadsheet open from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { runTrainingSteps } from '../services/training/index.js'
import { actionData, cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import { eventually, NO_SUBMIT_LIMITS, person, startHarness, type Harness, type PersonKey } from './support/harness.js'

const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
const setNow = (iso: string) => {
  clock.at = new Date(iso)
}
let h: Harness
const chat = (key: PersonKey) => `a:personal-${key}`
/** The last item that matches (newest message first). */
const lastOf = <T>(list: T[], pick: (x: T) => boolean): T | undefined => [...list].reverse().find(pick)
const teamsCards = (key: PersonKey, from = 0) => h.connector.sentTo(chat(key)).slice(from).map(cardOf)
const count = (key: PersonKey) => h.connector.sentTo(chat(key)).length
const idOf = async (key: string) => (await h.app.db.person.findFirstOrThrow({ where: { key } })).id
const run = async () => {
  const report = await runTrainingSteps({ db: h.app.db, clock })
  await h.app.outbox.drain()
  return report
}
/** The last card a typed message got back in Teams. */
async function say(key: PersonKey, text: string) {
  const before = count(key)
  await h.teams.message(key, text)
  return teamsCards(key, before).at(-1)
}

// Slack helpers: Tom uses Slack only.
const slackId = (key: PersonKey) => person(key).slackUserId as string
const dmChannel = (key: PersonKey) => `D${slackId(key).slice(1)}`
const dms = (key: PersonKey) =>
  h.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === slackId(key) || c.args.channel === dmChannel(key))
type View = { callback_id: string; private_metadata?: string; blocks: any[] }
function slackAnswers(view: View, values: Record<string, string | string[]>) {
  const out: Record<string, unknown> = {}
  for (const block of view.blocks) {
    if (block.type !== 'input') continue
    const id = block.block_id as string
    const type = block.element.type as string
    const v = values[id]
    if (type === 'plain_text_input') out[id] = { type, value: typeof v === 'string' ? v : null }
    else if (type === 'static_select' || type === 'radio_buttons')
      out[id] = { type, selected_option: typeof v === 'string' && v ? { value: v } : null }
    else out[id] = { type, selected_options: (Array.isArray(v) ? v : v ? [v] : []).map((value) => ({ value })) }
  }
  return out
}
async function slackOpen(key: PersonKey, blocks: any[], actionId: string): Promise<View> {
  const button = blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === actionId)
  expect(button, `a button ${actionId}`).toBeTruthy()
  const before = h.slack.callsTo('views.open').length
  await h.slackClient.button(key, actionId, button.value, dmChannel(key))
  return (await eventually(() => h.slack.callsTo('views.open')[before], `modal ${actionId}`)).args.view
}

let courseId = ''
let sessionId = ''
let beforeSurveyId = ''

beforeAll(async () => {
  h = await startHarness({ clock, env: { SLACK_CASE_REVIEW_CHANNEL: '', ...NO_SUBMIT_LIMITS } })
  for (const key of ['aisha', 'priya', 'ben', 'sam', 'helen', 'ruth', 'claire'] as const)
    await h.teams.message(key, 'help')
  await h.slackClient.command('tom', 'help')
})
afterAll(async () => h?.stop())

describe('a course and its session', () => {
  it('is created by the trainer from a form; a practitioner may not create one', async () => {
    expect(cardText(await say('priya', 'new course'))).toContain(
      "Only the course's trainer, the Learning and Development Sub-group's chair or the business manager can do this.",
    )
    const form = await say('aisha', 'new course')
    expect(cardText(form)).toContain('Learning outcome 1')
    const formToken = actionData(form, 'training.course-create').formToken!
    const answers = {
      formToken,
      title: 'Hearing the voice of the child',
      outcome1: 'Record what a child says and does at each contact',
      outcome2: 'Escalate when the child is not seen',
      theme: 'Voice of the child',
    }
    const missing = await h.teams.invoke('aisha', 'training.course-create', { ...answers, outcome1: '' })
    expect(cardText(missing.card)).toContain('Enter at least one learning outcome.')
    const created = await h.teams.invoke('aisha', 'training.course-create', answers)
    const again = await h.teams.invoke('aisha', 'training.course-create', answers)
    expect(cardText(created.card)).toContain('Course NSCP-TRN-2026-0001 created. Add its first session.')
    expect(cardText(again.card)).toContain('Course NSCP-TRN-2026-0001 was already created.')
    expect(await h.app.db.course.count()).toBe(1)
    courseId = actionData(created.card, 'open:training.session-create').courseId!
  })

  it('gets a session: the date must be in the future and the places a number', async () => {
    const form = await h.teams.invoke('aisha', 'open:training.session-create', { courseId })
    const formToken = actionData(form.card, 'training.session-create').formToken!
    const answers = { formToken, courseId, date: '2026-11-10', startTime: '09:30', endTime: '12:30', capacity: '20' }
    const bad = await h.teams.invoke('aisha', 'training.session-create', {
      ...answers,
      date: '2026-10-01',
      capacity: '0',
    })
    expect(cardText(bad.card)).toContain('Offer at least 1 place.')
    expect(cardText(bad.card)).toContain('The session must be in the future.')
    const ok = await h.teams.invoke('aisha', 'training.session-create', answers)
    expect(cardText(ok.card)).toContain('Session on Tue 10 Nov 2026 added.')
    const session = await h.app.db.courseSession.findFirstOrThrow()
    sessionId = session.id
    const steps = await h.app.db.trainingStep.findMany({ where: { sessionId }, orderBy: { dueAt: 'asc' } })
    expect(steps.map((s) => [s.kind, s.dueAt.toISOString()])).toEqual([
      ['after', '2026-11-10T12:30:00.000Z'],
      ['follow-up', '2027-01-05T12:30:00.000Z'],
    ])
  })
})

describe('booking', () => {
  it('lets Priya book from her card in Teams and rate her confidence before', async () => {
    const card = await say('priya', 'training')
    expect(cardText(card)).toContain(
      'Hearing the voice of the child: Tue 10 Nov 2026, 09:30 to 12:30. For every agency.',
    )
    const booked = await h.teams.invoke('priya', 'training.book', actionData(card, 'training.book'))
    expect(cardText(booked.card)).toContain('You have a place on Hearing the voice of the child.')
    beforeSurveyId = actionData(booked.card, 'open:survey.answer').surveyId!
    const form = await h.teams.invoke('priya', 'open:survey.answer', { surveyId: beforeSurveyId })
    const text = cardText(form.card)
    // Named or anonymous is said before the first question.
    expect(text.indexOf('This survey is anonymous')).toBeGreaterThan(-1)
    expect(text.indexOf('This survey is anonymous')).toBeLessThan(text.indexOf('Your confidence before the session'))
    const answered = await h.teams.invoke('priya', 'survey.answer', {
      surveyId: beforeSurveyId,
      before1: '2',
      before2: '3',
    })
    expect(cardText(answered.card)).toContain('Your answers were saved with no link to you.')
  })

  it('lets Tom book from his card in Slack', async () => {
    const res = await h.slackClient.command('tom', 'training')
    const blocks = (res.body as any).blocks
    expect(blocksText(blocks)).toContain('Hearing the voice of the child')
    const button = blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === 'training.book')
    await h.slackClient.button('tom', 'training.book', button.value, dmChannel('tom'))
    const reply = await eventually(() =>
      h.slack.callsTo('chat.postEphemeral').find((c) => c.args.user === slackId('tom')),
    )
    expect(blocksText(reply.args.blocks)).toContain('You have a place on Hearing the voice of the child.')
  })

  it('lets Aisha register Ben, who is told 1:1; nobody else may register people', async () => {
    const ben = await idOf('ben')
    const refused = await h.teams.invoke('priya', 'training.register', { sessionId, people: ben })
    expect(cardText(refused.card)).toContain("Only the course's trainer")
    const before = count('ben')
    const ok = await h.teams.invoke('aisha', 'training.register', { sessionId, people: ben })
    expect(cardText(ok.card)).toContain('1 person registered')
    await h.app.outbox.drain()
    const notice = teamsCards('ben', before).find((c) => cardText(c).includes('A place for you'))
    expect(cardText(notice)).toContain('Aisha Khan has booked you a place on Hearing the voice of the child')
    expect(verbsIn(notice)).toEqual(['open:survey.answer', 'training.cancel-place'])
  })

  it('moves the session: its steps move, everyone with a place is told', async () => {
    const before = count('priya')
    const moved = await h.teams.invoke('aisha', 'training.session-reschedule', {
      sessionId,
      date: '2026-11-12',
      startTime: '09:30',
      endTime: '12:30',
    })
    expect(cardText(moved.card)).toContain('Hearing the voice of the child moved to Thu 12 Nov 2026. 3 people told.')
    await h.app.outbox.drain()
    expect(cardText(teamsCards('priya', before).at(-1))).toContain('It is now Thu 12 Nov 2026, 09:30 to 12:30.')
    const steps = await h.app.db.trainingStep.findMany({ where: { sessionId }, orderBy: { dueAt: 'asc' } })
    expect(steps.map((s) => s.dueAt.toISOString())).toEqual(['2026-11-12T12:30:00.000Z', '2027-01-07T12:30:00.000Z'])
    // Nothing is due at the old time.
    setNow('2026-11-10T13:00:00Z')
    expect((await run()).steps).toBe(0)
  })
})

describe('straight after the session', () => {
  it('asks the trainer to take the register when nobody is marked yet', async () => {
    setNow('2026-11-12T12:45:00Z')
    const before = count('aisha')
    expect((await run()).steps).toBe(1)
    expect((await run()).steps).toBe(0)
    const card = teamsCards('aisha', before).find((c) => cardText(c).includes('Take the register'))
    expect(verbsIn(card)).toEqual(['open:training.attendance'])
  })

  it('sends each person the survey as they are marked attended', async () => {
    const form = await h.teams.invoke('aisha', 'open:training.attendance', { sessionId })
    const data = actionData(form.card, 'training.attendance')
    expect(cardText(form.card)).toContain('Priya Shah')
    const marks = Object.fromEntries(data.bookings!.split(',').map((_b, i) => [`attendee${i + 1}`, 'attended']))
    const before = { priya: count('priya'), ben: count('ben') }
    const saved = await h.teams.invoke('aisha', 'training.attendance', { ...data, ...marks })
    expect(cardText(saved.card)).toContain('Attendance saved: 3 attended. 3 people have been sent the survey.')
    await h.app.outbox.drain()
    for (const key of ['priya', 'ben'] as const) {
      const card = teamsCards(key, before[key]).find((c) => cardText(c).includes('straight after the session'))
      expect(cardText(card)).toContain('This survey is anonymous')
      expect(verbsIn(card)).toEqual(['open:survey.answer', 'survey.stop'])
    }
    const slack = await eventually(() => dms('tom').find((c) => blocksText(c.args.blocks).includes('straight after')))
    expect(blocksText(slack.args.blocks)).toContain("Don't ask me again for this course")
  })

  it('takes Priya\u2019s answers in Teams once, and refuses numbers out of range and identifying details', async () => {
    const notice = lastOf(teamsCards('priya'), (c) => cardText(c).includes('straight after the session'))
    const data = actionData(notice, 'open:survey.answer')
    const form = await h.teams.invoke('priya', 'open:survey.answer', data)
    expect(cardText(form.card)).not.toContain('before the session:')
    expect(cardText(form.card)).toContain('How relevant was the course to your work?')
    const answers = {
      ...data,
      scale1: '4',
      scale2: '5',
      after1: '4',
      after2: '4',
      text1: 'I will write down what children tell me, in their words.',
    }
    const outOfRange = await h.teams.invoke('priya', 'survey.answer', { ...answers, scale1: '7' })
    expect(cardText(outOfRange.card)).toContain('Choose a number from 1 to 5.')
    const named = await h.teams.invoke('priya', 'survey.answer', {
      ...answers,
      text1: 'I will ask Jack Smith how he feels.',
    })
    expect(cardText(named.card)).toContain('Jack Smith')
    expect(await h.app.db.surveyResponded.count()).toBe(1) // only her answer before
    const ok = await h.teams.invoke('priya', 'survey.answer', answers)
    expect(cardText(ok.card)).toContain('Thank you')
    const twice = await h.teams.invoke('priya', 'survey.answer', answers)
    expect(cardText(twice.card)).toContain('You have already answered this survey. Thank you.')
  })

  it('takes Tom\u2019s answers in a Slack modal, asking his confidence before as well', async () => {
    const notice = lastOf(dms('tom'), (c) => blocksText(c.args.blocks).includes('straight after'))!
    const view = await slackOpen('tom', notice.args.blocks, 'open:survey.answer')
    const text = blocksText(view.blocks)
    expect(text).toContain('This survey is anonymous')
    expect(text).toContain('Your confidence before the session: Record what a child says and does at each contact')
    const bad = await h.slackClient.viewSubmission('tom', view, slackAnswers(view, { scale1: '5' }))
    expect((bad.body as any).response_action).toBe('errors')
    expect((bad.body as any).errors.after1).toBe('Please choose an answer.')
    const ok = await h.slackClient.viewSubmission(
      'tom',
      view,
      slackAnswers(view, { scale1: '5', scale2: '4', before1: '1', before2: '2', after1: '3', after2: '4' }),
    )
    expect(blocksText((ok.body as any).view.blocks)).toContain('Thank you')
  })
})

describe('reminders', () => {
  it('reminds Ben twice, inside working hours, then never again; not those who answered', async () => {
    const ben = () => teamsCards('ben').filter((c) => cardText(c).includes('Reminder')).length
    setNow('2026-11-14T10:00:00Z') // a Saturday: quiet
    expect((await run()).skipped).toBe('quiet-hours')
    setNow('2026-11-16T07:30:00Z') // Monday, before 08:00
    expect((await run()).reminders).toBe(0)
    setNow('2026-11-16T09:05:00Z')
    expect((await run()).reminders).toBe(1)
    expect((await run()).reminders).toBe(0)
    expect(ben()).toBe(1)
    expect(cardText(teamsCards('ben').at(-1))).toContain('Reminder 1 of 2')
    setNow('2026-11-18T09:05:00Z')
    expect((await run()).reminders).toBe(1)
    setNow('2026-11-20T09:05:00Z')
    expect((await run()).reminders).toBe(0)
    setNow('2026-11-30T09:05:00Z')
    expect((await run()).reminders).toBe(0)
    expect(ben()).toBe(2)
    expect(teamsCards('priya').filter((c) => cardText(c).includes('Reminder')).length).toBe(0)
  })
})

describe('8 weeks later', () => {
  it('sends the follow-up to each attendee and a card to each line manager, once', async () => {
    setNow('2027-01-07T13:00:00Z')
    const before = { sam: count('sam'), helen: count('helen'), ruth: count('ruth'), priya: count('priya') }
    expect((await run()).steps).toBe(1)
    expect((await run()).steps).toBe(0)
    const sam = teamsCards('sam', before.sam).find((c) => cardText(c).includes('have you seen a change?'))
    expect(cardText(sam)).toContain('Priya Shah went on Hearing the voice of the child on Thu 12 Nov 2026')
    expect(cardText(sam)).toContain('This survey is named')
    expect(teamsCards('ruth', before.ruth).some((c) => cardText(c).includes('Ben Carter went on'))).toBe(true)
    expect(teamsCards('helen', before.helen).some((c) => cardText(c).includes('Tom Reed went on'))).toBe(true)
    expect(teamsCards('priya', before.priya).some((c) => cardText(c).includes('a few weeks on'))).toBe(true)
  })

  it('refuses an answer to the survey straight after, which has closed', async () => {
    const notice = lastOf(teamsCards('ben'), (c) => cardText(c).includes('straight after the session'))
    const res = await h.teams.invoke('ben', 'survey.answer', {
      ...actionData(notice, 'open:survey.answer'),
      scale1: '3',
    })
    expect(cardText(res.card)).toContain('This survey has closed, so it no longer takes answers.')
  })

  it('takes the follow-up and the managers\u2019 answers', async () => {
    const follow = lastOf(teamsCards('priya'), (c) => cardText(c).includes('a few weeks on'))
    const p = await h.teams.invoke('priya', 'survey.answer', {
      ...actionData(follow, 'open:survey.answer'),
      single1: 'yes',
      text1: 'I now write down what each child says, word for word, at every visit.',
    })
    expect(cardText(p.card)).toContain('Thank you')
    const tomCard = await eventually(() =>
      lastOf(dms('tom'), (c) => blocksText(c.args.blocks).includes('a few weeks on')),
    )
    const view = await slackOpen('tom', tomCard.args.blocks, 'open:survey.answer')
    await h.slackClient.viewSubmission('tom', view, slackAnswers(view, { single1: 'partly' }))
    const sam = lastOf(teamsCards('sam'), (c) => cardText(c).includes('have you seen a change?'))
    const samForm = await h.teams.invoke('sam', 'open:survey.answer', actionData(sam, 'open:survey.answer'))
    expect(cardText(samForm.card)).toContain("Have you seen a change in Priya Shah's practice since the course?")
    await h.teams.invoke('sam', 'survey.answer', {
      ...actionData(sam, 'open:survey.answer'),
      single1: 'yes',
      text1: 'She records the child\u2019s words now.',
    })
    const helen = lastOf(teamsCards('helen'), (c) => cardText(c).includes('have you seen a change?'))
    await h.teams.invoke('helen', 'survey.answer', { ...actionData(helen, 'open:survey.answer'), single1: 'partly' })
    // What is still waiting shows in "my tasks": Ruth has not answered her card about Ben.
    const ruth = cardText(await say('ruth', 'my tasks'))
    expect(ruth).toContain(
      "NSCP-TRN-2026-0001 Hearing the voice of the child: Say whether you have seen a change in Ben Carter's practice since the course.",
    )
    expect(cardText(await say('sam', 'my tasks'))).not.toContain('Priya Shah')
    // A manager sees only what they said about their own staff.
    expect(cardText(await say('sam', 'training'))).toContain(
      'Priya Shah, after Hearing the voice of the child: a change in practice? Yes.',
    )
    expect(cardText(await say('sam', 'training'))).not.toContain('Tom Reed')
  })
})

describe('results', () => {
  it('withholds figures below the partnership\u2019s minimum of 5 answers', async () => {
    const card = await say('aisha', 'training results NSCP-TRN-2026-0001')
    const text = cardText(card)
    expect(text).toContain('67% (2 of 3)')
    expect(text).toContain('not shown: 2 answers, 5 needed')
    expect(text).not.toContain('up 2.0')
  })

  it('shows the uplift per outcome, relevance, quality, follow-up and managers at a minimum of 2', async () => {
    const p = await h.app.db.partnership.findFirstOrThrow()
    await h.app.db.partnership.update({
      where: { id: p.id },
      data: { settings: { ...(p.settings as object), training: { minAnswers: 2 } } },
    })
    const card = await say('aisha', 'training results hearing the voice')
    const text = cardText(card)
    expect(text).toContain('up 2.0: 1.5 before (2 answers), 3.5 after (2 answers)')
    expect(text).toContain('up 1.5: 2.5 before (2 answers), 4.0 after (2 answers)')
    expect(text).toContain('4.5 out of 5 (2 answers)')
    expect(text).toContain('50% yes, 50% partly (2 answers)')
    expect(text).toContain('I will write down what children tell me, in their words.')
    // The Learning and Development Sub-group sees it too (Tom, in Slack); a practitioner outside it does not.
    const tom = await h.slackClient.command('tom', 'training results NSCP-TRN-2026-0001')
    expect(blocksText((tom.body as any).blocks)).toContain('up 2.0')
    expect(cardText(await say('priya', 'training results NSCP-TRN-2026-0001'))).toContain(
      "Only the course's trainer and the Learning and Development Sub-group can see its results.",
    )
    // The full page (charts with text alternatives, data tables) and the spreadsheet open from the card's links.
    const links = JSON.stringify(card).match(/https?:[^"]+\/training\/results[^"]*/g)!
    const page = await fetch(links.find((l) => !l.includes('.xlsx'))!)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('<svg role="img"')
    expect(html).toContain('Text alternative: Outcome 1: 1.5 before, 3.5 after, up 2.0.')
    expect(html).not.toContain('Priya')
    const xlsx = await fetch(links.find((l) => l.includes('.xlsx'))!)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    const forged = await fetch(links[0]!.replace(/t=[^.]+/, 't=eyJwIjoieCJ9'))
    expect(forged.status).toBe(404)
  })

  it('keeps the anonymous answers apart from who responded, and the audit chain intact', async () => {
    const after = await h.app.db.survey.findFirstOrThrow({ where: { sessionId, kind: 'after' } })
    const rows = await h.app.db.$queryRaw<
      Record<string, unknown>[]
    >`select * from "SurveyAnswer" where "surveyId" = ${after.id}`
    expect(rows).toHaveLength(2)
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual([
        'aboutPersonId',
        'answers',
        'definitionVersion',
        'id',
        'personId',
        'surveyId',
      ])
      expect(row.personId).toBeNull()
      expect(row.aboutPersonId).toBeNull()
    }
    const responded = await h.app.db.$queryRaw<Record<string, unknown>[]>`select * from "SurveyResponded"`
    expect(Object.keys(responded[0]!)).toEqual(['invitationId'])
    const answeredEvents = await h.app.db.auditEvent.findMany({ where: { action: 'SURVEY_ANSWERED' } })
    // Only the managers' named answers are audited.
    expect(answeredEvents.map((e) => e.actorId).sort()).toEqual([await idOf('helen'), await idOf('sam')].sort())
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})
