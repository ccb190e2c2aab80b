/**
 * Issue 14 through both protocols and a real PostgreSQL: a 7-minute briefing written from an LCSPR's findings
 * in Teams, approved by the learning chair, sent to two agencies and a Slack channel; read in Teams and in
 * Slack, briefed to a team by a manager, one reminder through the digest to someone who had not read it; the
 * reach figures on the author's card, the web page and the spreadsheet. Also: a person in three audiences
 * gets one message, someone who never opened Learning Loop is counted and listed for their agency, and a
 * send cancelled half-way stops.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNudges } from '../services/nudges/index.js'
import { verifyAuditChain } from '../services/audit-log/index.js'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import { eventually, NO_SUBMIT_LIMITS, person, startHarness, type Harness, type PersonKey } from './support/harness.js'

const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
const chat = (key: PersonKey) => `a:personal-${key}`
const slackId = (key: PersonKey) => person(key).slackUserId as string
const formKeyOf = (card: unknown) => JSON.stringify(card).match(/"formKey":"([0-9a-f-]{36})"/)![1]!
const idOf = async (key: string) => (await h.app.db.person.findFirstOrThrow({ where: { key } })).id
/** Cards the bot posted to a Teams 1:1 chat (new messages). */
const teamsCards = (key: PersonKey) => h.connector.sentTo(chat(key)).map((c) => ({ id: c.body?.id, card: cardOf(c) }))
const slackDms = (key: PersonKey) =>
  h.slack
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === slackId(key) || c.args.channel === `D${slackId(key).slice(1)}`)

const BRIEFING = {
  kind: 'seven-minute-briefing',
  title: 'Hearing the child in busy homes',
  sourceType: 'review',
  themes: ['Voice of the child', 'Professional curiosity'],
  background: 'A baby lived with two adults and older siblings; several agencies visited in the year before.',
  whyItMatters: 'Babies cannot tell us what is happening. We have to look and ask.',
  whatWeFound: 'Visits focused on the adults. Nobody recorded what the baby was like at each visit.',
  whatItMeans: 'Record what you see of the child at every contact, and ask who else lives in the home.',
  questions: 'When did you last describe a baby in your notes? What stops you asking who lives there?',
  furtherInformation: 'The full review is on the partnership website.',
}

let reviewId = ''
let productId = ''

beforeAll(async () => {
  h = await startHarness({ clock, env: { ...NO_SUBMIT_LIMITS, SLACK_CASE_REVIEW_CHANNEL: '' } })
  // Most people last used Teams; Dana last used Slack.
  for (const key of ['priya', 'tom', 'sam', 'helen', 'aisha', 'claire', 'gareth'] as const)
    await h.teams.message(key, 'my tasks')
  await h.slackClient.command('dana', 'my tasks')
  // The Learning and Development Sub-group's Slack channel.
  const set = await h.slackClient.command('aisha', 'set-channel learning', { id: 'C0LEARN001', name: 'learning' })
  expect(set.status).toBe(200)
  // A published LCSPR with findings (its own story is in local-review.test.ts).
  const p = await h.app.db.partnership.findFirstOrThrow()
  const helen = await idOf('helen')
  const review = await h.app.db.review.create({
    data: {
      partnershipId: p.id,
      typeKey: 'lcspr',
      reference: 'NSCP-2026-0004',
      status: 'PUBLISHED',
      awarenessDate: new Date('2026-03-01'),
      startedAt: new Date('2026-04-01'),
      startedById: helen,
    },
  })
  reviewId = review.id
  await h.app.db.learningPoint.create({
    data: {
      reviewId,
      kind: 'improvement',
      text: 'Practitioners did not record what the baby was like at each visit.',
      themes: ['Voice of the child'],
      createdById: helen,
      createdAt: new Date('2026-09-01'),
    },
  })
})
afterAll(async () => h?.stop())

describe('a 7-minute briefing from an LCSPR, approved, sent to two agencies and a Slack channel', () => {
  it('is written in Teams with its fixed headings, checked for identifying details, and waits for approval', async () => {
    const form = await h.teams.invoke('helen', 'open:learning.create', {})
    expect(cardText(form.card)).toContain('What it means for practice')
    expect(cardText(form.card)).toContain('NSCP-2026-0004')
    const formKey = formKeyOf(form.card)
    const missing = await h.teams.invoke('helen', 'learning.create', { ...BRIEFING, formKey, reviewId, questions: '' })
    expect(cardText(missing.card)).toContain('Write the "Questions for reflection" part.')
    const named = await h.teams.invoke('helen', 'learning.create', {
      ...BRIEFING,
      formKey,
      reviewId,
      background: 'Jack Smith, aged 4 months, lived with his mother and her partner.',
    })
    expect(cardText(named.card)).toContain('Jack Smith')
    expect(await h.app.db.learningProduct.count()).toBe(0)
    const created = await h.teams.invoke('helen', 'learning.create', { ...BRIEFING, formKey, reviewId })
    const again = await h.teams.invoke('helen', 'learning.create', { ...BRIEFING, formKey, reviewId })
    expect(cardText(created.card)).toContain(
      'NSCP-LP-2026-0001 is saved. The chair of the Learning and Development Sub-group has been asked to approve it.',
    )
    expect(cardText(again.card)).toContain('NSCP-LP-2026-0001 was already saved.')
    expect(await h.app.db.learningProduct.count()).toBe(1)
    productId = (await h.app.db.learningProduct.findFirstOrThrow()).id
    expect(cardText(created.card)).toContain('the findings of NSCP-2026-0004')
    // Not approved yet: nobody can send it.
    expect(verbsIn(created.card)).not.toContain('open:learning.send')
    const early = await h.teams.invoke('helen', 'learning.send', {
      productId,
      formKey: crypto.randomUUID(),
      agencies: 'health',
    })
    expect(cardText(early.card)).toContain('must be approved by the chair of the Learning and Development Sub-group')
    await h.app.outbox.drain()
    const ask = teamsCards('aisha').find((c) => cardText(c.card).includes('For your approval: NSCP-LP-2026-0001'))
    expect(ask, 'the learning chair is asked').toBeTruthy()
  })

  it('is approved by the learning chair only', async () => {
    const priya = await h.teams.invoke('priya', 'learning.approve', { productId })
    expect(cardText(priya.card)).toContain('Only the chair of the Learning and Development Sub-group approves')
    const opened = await h.teams.invoke('aisha', 'learning.open', { productId })
    expect(verbsIn(opened.card)).toContain('learning.approve')
    const approved = await h.teams.invoke('aisha', 'learning.approve', { productId })
    expect(cardText(approved.card)).toContain('NSCP-LP-2026-0001 is approved and can be sent.')
    const twice = await h.teams.invoke('aisha', 'learning.approve', { productId })
    expect(cardText(twice.card)).toContain('NSCP-LP-2026-0001 was already approved by Aisha Khan.')
    await h.app.outbox.drain()
    const told = teamsCards('helen').find((c) => cardText(c.card).includes('NSCP-LP-2026-0001 approved'))
    expect(verbsIn(told?.card)).toContain('open:learning.send')
  })

  it('goes 1:1 to each person on the platform they used last, and to the Slack channel, with progress for Helen', async () => {
    const form = await h.teams.invoke('helen', 'open:learning.send', { productId })
    const text = cardText(form.card)
    expect(text).toContain('Northshire Police')
    expect(text).toContain('The Learning and Development Sub-group channel in Slack')
    const sent = await h.teams.invoke('helen', 'learning.send', {
      productId,
      formKey: formKeyOf(form.card),
      agencies: 'health,police',
      channels: 'learning:slack',
    })
    expect(cardText(sent.card)).toContain(
      'It is on its way to 4 people and 1 channel (Northshire NHS Foundation Trust; Northshire Police).',
    )
    await h.app.broadcasts.drain()
    await h.app.outbox.drain()
    // Priya and Sam in Teams (Sam, a manager, can record briefing his team); Dana in Slack, where she was last.
    const priya = teamsCards('priya').find((c) => cardText(c.card).includes('Hearing the child in busy homes'))!
    expect(cardText(priya.card)).toContain('Why it matters')
    expect(cardText(priya.card)).toContain('Questions for reflection')
    expect(verbsIn(priya.card)).toEqual(['learning.read'])
    const sam = teamsCards('sam').find((c) => cardText(c.card).includes('Hearing the child in busy homes'))!
    expect(verbsIn(sam.card)).toEqual(['learning.read', 'open:learning.brief'])
    expect(slackDms('dana').some((c) => blocksText(c.args.blocks).includes('Hearing the child in busy homes'))).toBe(
      true,
    )
    expect(teamsCards('dana').length).toBe(0)
    // Joanne never opened Learning Loop: Teams refuses a chat, so Slack opens her DM (and it is kept).
    expect(h.connector.creations()).toContain(person('joanne').teamsAadObjectId)
    expect(slackDms('joanne').length).toBe(1)
    expect(
      await h.app.db.openedConversation.count({ where: { personId: await idOf('joanne'), platform: 'slack' } }),
    ).toBe(1)
    // The channel post.
    const channel = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0LEARN001')
    expect(channel.length).toBe(1)
    expect(blocksText(channel[0]!.args.blocks)).toContain('Hearing the child in busy homes')
    // Helen's progress card: posted when it started, then updated in place to the end.
    const progress = teamsCards('helen').find((c) => cardText(c.card).includes('Sending NSCP-LP-2026-0001'))!
    expect(progress).toBeTruthy()
    const updates = h.connector.updatesTo(chat('helen'))
    expect(cardText(cardOf(updates.at(-1)))).toContain('Sent to 5 of 5 recipients.')
    expect((await h.app.db.learningProduct.findUniqueOrThrow({ where: { id: productId } })).status).toBe('SENT')
  })

  it('is read in Teams and in Slack, and briefed to a team by a manager', async () => {
    const read = await h.teams.invoke('priya', 'learning.read', { productId })
    expect(cardText(read.card)).toContain('Thank you for reading NSCP-LP-2026-0001.')
    const twice = await h.teams.invoke('priya', 'learning.read', { productId })
    expect(cardText(twice.card)).toContain('You had already read NSCP-LP-2026-0001.')
    const res = await h.slackClient.button('dana', 'learning.read', JSON.stringify({ productId }), 'D0DANAOK03')
    expect(res.status).toBe(200)
    await eventually(async () => h.app.db.productRead.count({ where: { productId } }).then((n) => n === 2), 'two reads')
    // Priya is no manager: the form refuses her.
    const refused = await h.teams.invoke('priya', 'open:learning.brief', { productId })
    expect(cardText(refused.card)).toContain('Only managers record briefing their team.')
    const form = await h.teams.invoke('sam', 'open:learning.brief', { productId })
    expect(cardText(form.card)).toContain('How will we embed this learning, and how will we know it is embedded?')
    const answers = {
      productId,
      formKey: formKeyOf(form.card),
      briefedOn: '2026-11-04',
      staffCount: '12',
      keyThoughts: 'We rarely describe babies in our notes.',
      embedding: 'Supervision will check two records a month for a description of the baby.',
      plans: 'Added to the health visiting team plan for the next quarter.',
    }
    const future = await h.teams.invoke('sam', 'learning.brief', { ...answers, briefedOn: '2026-12-01' })
    expect(cardText(future.card)).toContain('The briefing date cannot be in the future.')
    clock.at = new Date('2026-11-04T15:00:00Z')
    const done = await h.teams.invoke('sam', 'learning.brief', answers)
    expect(cardText(done.card)).toContain('Thank you: your team briefing is recorded.')
    await h.teams.invoke('sam', 'learning.brief', answers)
    expect(await h.app.db.productBriefing.count()).toBe(1)
    // Helen's progress card follows: read by 3 people (Sam's briefing counts as read), 1 team briefed.
    await h.app.broadcasts.drain()
    const card = cardText(cardOf(h.connector.updatesTo(chat('helen')).at(-1)))
    expect(card).toContain('Read by\n3 people')
    expect(card).toContain('Teams briefed\n1')
  })

  it('reminds the one person who has not read it after 5 working days, once, through the digest', async () => {
    clock.at = new Date('2026-11-06T09:00:00Z')
    await runNudges({ db: h.app.db, clock })
    await h.app.outbox.drain()
    expect(slackDms('joanne').some((c) => blocksText(c.args.blocks).includes('Not read yet'))).toBe(false)
    clock.at = new Date('2026-11-09T09:00:00Z') // 5 working days after Mon 2 Nov
    const before = slackDms('joanne').length
    await runNudges({ db: h.app.db, clock })
    await h.app.outbox.drain()
    const digest = slackDms('joanne')
      .slice(before)
      .find((c) => blocksText(c.args.blocks).includes('Not read yet'))
    expect(digest, 'Joanne is reminded').toBeTruthy()
    expect(blocksText(digest!.args.blocks)).toContain(
      'NSCP-LP-2026-0001: Hearing the child in busy homes. Sent to you on Mon 2 Nov 2026.',
    )
    for (const key of ['priya', 'sam'] as const)
      expect(teamsCards(key).some((c) => cardText(c.card).includes('Not read yet'))).toBe(false)
    clock.at = new Date('2026-11-10T09:00:00Z')
    const count = slackDms('joanne').length
    await runNudges({ db: h.app.db, clock })
    await h.app.outbox.drain()
    expect(
      slackDms('joanne')
        .slice(count)
        .some((c) => blocksText(c.args.blocks).includes('Not read yet')),
    ).toBe(false)
  })

  it('shows its reach by agency and role on the card, the web page and the spreadsheet', async () => {
    const priya = await h.teams.invoke('priya', 'learning.reach', { productId })
    expect(cardText(priya.card)).toContain('Reach is for its author')
    const reach = await h.teams.invoke('helen', 'learning.reach', { productId })
    const text = cardText(reach.card)
    expect(text).toContain('4 of 4 people and 1 channel')
    expect(text).toContain('3 of 4')
    expect(text).toContain('1 (12 members of staff)')
    expect(text).toContain(
      'Northshire NHS Foundation Trust: 2 of 2 delivered, 2 read, 1 team briefed (12 members of staff)',
    )
    expect(text).toContain('Northshire Police: 2 of 2 delivered, 1 read')
    const link = JSON.stringify(reach.card)
      .match(/"url":"([^"]+\/reach\/[^"]+)"/)![1]!
      .replace(/\\u0026/g, '&')
    const page = await fetch(link)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Reach of NSCP-LP-2026-0001: Hearing the child in busy homes')
    expect(html).toContain('<td>Northshire Police</td>')
    const xlsxUrl = new URL(html.match(/href="([^"]+xlsx[^"]*)"/)![1]!.replace(/&amp;/g, '&'), link)
    const xlsx = await fetch(xlsxUrl)
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never)
    const byAgency = wb.getWorksheet('By agency')!
    const rows = byAgency
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1))
    expect(rows).toContainEqual(['Northshire NHS Foundation Trust', 2, 2, 0, 2, 1, 12])
    const tampered = await fetch(link.replace(/sig=[0-9a-f]{4}/, 'sig=0000'))
    expect(tampered.status).toBe(404)
  })
})

describe('audiences and reach', () => {
  it('gives a person in three audiences one message, and counts and lists who never opened Learning Loop', async () => {
    // Kate never opened Learning Loop, and Slack cannot message her either.
    h.slack.unreachableUsers.add(slackId('kate'))
    const p = await h.app.db.learningProduct.create({
      data: {
        partnershipId: (await h.app.db.partnership.findFirstOrThrow()).id,
        reference: 'NSCP-LP-2026-0099',
        kind: 'learning-brief',
        title: 'Escalation when agencies disagree',
        sections: { whatWeFound: 'Disagreements were not escalated.', whatItMeans: 'Use the escalation policy.' },
        themes: ['Escalation'],
        sourceType: 'audit',
        sourceNote: 'Multi-agency audit of escalation',
        status: 'APPROVED',
        createdById: await idOf('aisha'),
        createdAt: clock.now(),
      },
    })
    const form = await h.teams.invoke('aisha', 'open:learning.send', { productId: p.id })
    const sent = await h.teams.invoke('aisha', 'learning.send', {
      productId: p.id,
      formKey: formKeyOf(form.card),
      agencies: 'csc',
      roles: 'subgroup-chair',
      subGroups: 'case-review',
    })
    expect(cardText(sent.card)).toContain('It is on its way to')
    await h.app.broadcasts.drain()
    await h.app.outbox.drain()
    // Helen is in all three (Children's Social Care, a sub-group chair, the Case Review Group): one message.
    const helenCopies = teamsCards('helen').filter((c) =>
      cardText(c.card).includes('Escalation when agencies disagree'),
    )
    expect(helenCopies.length).toBe(1)
    const rows = await h.app.db.broadcastDelivery.findMany({ where: { broadcast: { subjectId: p.id } } })
    expect(new Set(rows.map((r) => r.personId)).size).toBe(rows.length)
    const kateRow = await h.app.db.broadcastDelivery.findFirstOrThrow({
      where: { broadcast: { subjectId: p.id }, personId: await idOf('kate') },
    })
    expect([kateRow.status, kateRow.reason]).toEqual(['NOT_REACHABLE', 'never-opened'])
    // Children's Social Care has no safeguarding lead registered: the business manager gets the list.
    const list = teamsCards('claire').find((c) => cardText(c.card).includes('could not reach'))!
    expect(cardText(list.card)).toContain('Kate Morgan: not reachable: never opened Learning Loop')
    const reach = await h.teams.invoke('aisha', 'learning.reach', { productId: p.id })
    expect(cardText(reach.card)).toContain('Kate Morgan (Northshire Council Children')
  })
})

describe('cancelling a send half-way', () => {
  it('stops: nobody not yet sent to gets it, and the progress card says how far it got', async () => {
    const partnership = await h.app.db.partnership.findFirstOrThrow()
    const agency = await h.app.db.agency.findFirstOrThrow({ where: { key: 'probation' } })
    // 60 probation staff with a Teams chat each.
    for (let i = 0; i < 60; i++) {
      const staff = await h.app.db.person.create({
        data: {
          partnershipId: partnership.id,
          key: `probation-${i}`,
          name: `Probation Officer ${i}`,
          agencyId: agency.id,
          jobTitle: 'Probation Officer',
          email: `po${i}@probation.example`,
          roles: ['practitioner'],
        },
      })
      await h.app.db.channelAddress.create({
        data: {
          personId: staff.id,
          platform: 'teams',
          address: {
            channelId: 'msteams',
            serviceUrl: h.connector.url,
            conversation: { id: `a:probation-${i}`, conversationType: 'personal' },
          },
        },
      })
    }
    const p = await h.app.db.learningProduct.create({
      data: {
        partnershipId: partnership.id,
        reference: 'NSCP-LP-2026-0098',
        kind: 'newsletter-item',
        title: 'Safeguarding Matters: winter edition',
        sections: { whatWeFound: 'Three reviews this year.', whatItMeans: 'Read the briefings.' },
        themes: [],
        sourceType: 'audit',
        sourceNote: 'Annual audit programme',
        status: 'APPROVED',
        createdById: await idOf('aisha'),
        createdAt: clock.now(),
      },
    })
    const state: { cancelled: Promise<{ card: unknown }> | null } = { cancelled: null }
    h.connector.beforeAnswer = async (call) => {
      const probation = h.connector.calls.filter(
        (c) => c.method === 'POST' && c.conversationId.startsWith('a:probation-'),
      )
      if (call.conversationId.startsWith('a:probation-') && probation.length === 20 && !state.cancelled)
        state.cancelled = h.teams.invoke('aisha', 'learning.cancel', { productId: p.id })
    }
    const form = await h.teams.invoke('aisha', 'open:learning.send', { productId: p.id })
    await h.teams.invoke('aisha', 'learning.send', {
      productId: p.id,
      formKey: formKeyOf(form.card),
      agencies: 'probation',
    })
    await h.app.broadcasts.drain()
    const answer = (await state.cancelled)!
    h.connector.beforeAnswer = undefined
    expect(cardText(answer.card)).toMatch(/Sending NSCP-LP-2026-0098 is cancelled: \d+ of 60 had it\./)
    await h.app.broadcasts.drain()
    const rows = await h.app.db.broadcastDelivery.findMany({ where: { broadcast: { subjectId: p.id } } })
    const sent = rows.filter((r) => r.status === 'SENT').length
    expect(sent).toBeGreaterThanOrEqual(20)
    expect(sent).toBeLessThan(60)
    expect(rows.filter((r) => r.status === 'CANCELLED').length).toBe(60 - sent)
    const delivered = h.connector.calls.filter(
      (c) => c.method === 'POST' && c.conversationId.startsWith('a:probation-'),
    )
    expect(delivered.length).toBe(sent)
    expect((await h.app.db.learningProduct.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('CANCELLED')
    const update = h.connector.updatesTo(chat('aisha')).at(-1)
    expect(cardText(cardOf(update))).toContain(`Sending cancelled: ${sent} of 60 recipients had it.`)
    expect((await verifyAuditChain(h.app.db)).problems).toEqual([])
  })
})
