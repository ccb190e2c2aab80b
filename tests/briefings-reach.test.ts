/**
 * Issue 14, reaching people: with Microsoft Graph configured (a local fake of Graph and its token endpoint),
 * someone who never opened Learning Loop has it installed for them and gets the briefing in the new chat (kept,
 * so it is opened once), while Graph refusing someone counts them not reachable. Teams read receipts in 1:1
 * chats count as read. The learning chair approves and sends from Slack (buttons and a modal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardOf, cardText } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import { FakeGraph } from './support/fake-graph.js'
import {
  eventually,
  NO_SUBMIT_LIMITS,
  person,
  startHarness,
  TENANT,
  type Harness,
  type PersonKey,
} from './support/harness.js'

type Blocks = any[]
const clock = {
  at: new Date('2026-11-02T10:00:00Z'),
  now() {
    return new Date(this.at)
  },
}
let h: Harness
let graph: FakeGraph
const slackId = (key: PersonKey) => person(key).slackUserId as string
const aad = (key: PersonKey) => person(key).teamsAadObjectId as string
const idOf = async (key: string) => (await h.app.db.person.findFirstOrThrow({ where: { key } })).id
const ephemerals = (key: PersonKey) => h.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === slackId(key))
const button = (blocks: Blocks, actionId: string) =>
  blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === actionId)

/** Presses a Slack button and returns the ephemeral answer's blocks. */
async function press(key: PersonKey, blocks: Blocks, actionId: string): Promise<Blocks> {
  const before = ephemerals(key).length
  const res = await h.slackClient.button(key, actionId, button(blocks, actionId).value, `D${slackId(key).slice(1)}`)
  expect(res.status).toBe(200)
  return (await eventually(() => ephemerals(key)[before], `reply to ${key}`)).args.blocks
}

let productId = ''

beforeAll(async () => {
  graph = await new FakeGraph().start()
  h = await startHarness({
    clock,
    env: {
      ...NO_SUBMIT_LIMITS,
      SLACK_CASE_REVIEW_CHANNEL: '',
      GRAPH_INSTALL_ENABLED: 'true',
      GRAPH_TENANT_ID: TENANT,
      GRAPH_CLIENT_ID: 'graph-client-id',
      GRAPH_CLIENT_SECRET: 'graph-client-secret',
      TEAMS_CATALOG_APP_ID: 'catalog-app-1',
      GRAPH_API_URL: `${graph.url}/v1.0`,
      GRAPH_LOGIN_URL: graph.url,
    },
  })
  h.connector.numericIds = true
  for (const key of ['ben', 'helen'] as const) await h.teams.message(key, 'my tasks')
  await h.slackClient.command('aisha', 'my tasks')
  const p = await h.app.db.partnership.findFirstOrThrow()
  productId = (
    await h.app.db.learningProduct.create({
      data: {
        partnershipId: p.id,
        reference: 'NSCP-LP-2026-0001',
        kind: 'seven-minute-briefing',
        title: 'Neglect and school attendance',
        sections: {
          background: 'Attendance fell for a term before anyone asked why.',
          whyItMatters: 'Absence can be the first sign of neglect.',
          whatWeFound: 'Schools and health did not share attendance concerns.',
          whatItMeans: 'Share attendance concerns with the school nurse and the family health visitor.',
          questions: 'Who do you tell when a pupil stops coming?',
          furtherInformation: 'The partnership neglect toolkit.',
        },
        themes: ['Neglect'],
        sourceType: 'audit',
        sourceNote: 'Attendance and neglect audit',
        status: 'AWAITING_APPROVAL',
        createdById: await idOf('helen'),
        createdAt: clock.now(),
      },
    })
  ).id
  // Ruth never opened Learning Loop, and Slack cannot reach her; Graph can install it for her. Kate neither,
  // and Graph refuses her (no Teams licence).
  for (const key of ['ruth', 'kate'] as const) h.slack.unreachableUsers.add(slackId(key))
  graph.refused.add(aad('kate'))
})
afterAll(async () => {
  await h?.stop()
  await graph?.stop()
})

describe('approved and sent from Slack', () => {
  it('is approved with a button and sent with a modal by the learning chair', async () => {
    const list = await h.slackClient.command('aisha', 'briefings')
    expect(list.status).toBe(200)
    const listBlocks = (list.body as any).blocks as Blocks
    expect(blocksText(listBlocks)).toContain('NSCP-LP-2026-0001: Neglect and school attendance')
    const opened = await press('aisha', listBlocks, 'learning.open')
    const approved = await press('aisha', opened, 'learning.approve')
    expect(blocksText(approved)).toContain('NSCP-LP-2026-0001 is approved and can be sent.')
    const before = h.slack.callsTo('views.open').length
    await h.slackClient.button(
      'aisha',
      'open:learning.send',
      button(approved, 'open:learning.send').value,
      'D0AISHAK07',
    )
    const view = (await eventually(() => h.slack.callsTo('views.open')[before], 'send modal')).args.view
    expect(blocksText(view.blocks)).toContain('Schools and colleges')
    const res = await h.slackClient.viewSubmission('aisha', view, {
      settings: { type: 'multi_static_select', selected_options: [{ value: 'northshire-academy' }] },
      roles: { type: 'multi_static_select', selected_options: [{ value: 'la-notification-lead' }] },
    })
    expect(res.status).toBe(200)
    await h.app.broadcasts.drain()
    await h.app.outbox.drain()
    expect((await h.app.db.learningProduct.findUniqueOrThrow({ where: { id: productId } })).status).toBe('SENT')
  })
})

describe('people who never opened Learning Loop', () => {
  it('installs the app through Graph for Ruth and sends the briefing to her new chat, once', async () => {
    // Installed once, for Ruth only (Graph refused Kate).
    expect(graph.installs).toEqual([aad('ruth')])
    expect(graph.tokenRequests[0]).toMatchObject({ grant_type: 'client_credentials', client_id: 'graph-client-id' })
    const chat = graph.chatOf(aad('ruth'))
    const sent = h.connector.sentTo(chat)
    expect(sent.length).toBe(1)
    expect(cardText(cardOf(sent[0]))).toContain('Neglect and school attendance')
    const ruth = await h.app.db.broadcastDelivery.findFirstOrThrow({ where: { personId: await idOf('ruth') } })
    expect([ruth.status, ruth.platform, ruth.conversationId]).toEqual(['SENT', 'teams', chat])
    const opened = await h.app.db.openedConversation.findUniqueOrThrow({
      where: { personId_platform: { personId: await idOf('ruth'), platform: 'teams' } },
    })
    expect(opened.via).toBe('graph-installed')
    // Ben had opened Learning Loop: his own chat, no install.
    expect(graph.installs).not.toContain(aad('ben'))
    expect(h.connector.sentTo('a:personal-ben').some((c) => cardText(cardOf(c)).includes('Neglect and school'))).toBe(
      true,
    )
  })

  it('counts Kate not reachable when Graph refuses, and tells the business manager who she is', async () => {
    const kate = await h.app.db.broadcastDelivery.findFirstOrThrow({ where: { personId: await idOf('kate') } })
    expect([kate.status, kate.reason]).toEqual(['NOT_REACHABLE', 'install-failed'])
    const claire = await h.app.db.outbox.findMany({ where: { kind: 'person.notice' } })
    const list = claire.find((o) => JSON.stringify(o.payload).includes('learning.not-reachable'))
    expect(JSON.stringify(list?.payload)).toContain('Kate Morgan')
    expect(JSON.stringify(list?.payload)).toContain('could not be installed for them')
  })

  it('counts a Teams read receipt in the 1:1 chat as read', async () => {
    const chat = graph.chatOf(aad('ruth'))
    const messageId = String(
      (await h.app.db.broadcastDelivery.findFirstOrThrow({ where: { personId: await idOf('ruth') } })).messageId,
    )
    expect(messageId).toMatch(/^\d+$/)
    // A receipt for an earlier message marks nothing; one for this message (or later) marks it read.
    const receipt = (lastReadMessageId: string) =>
      h.teams.post({
        type: 'event',
        name: 'application/vnd.microsoft.readReceipt',
        value: { lastReadMessageId },
        id: crypto.randomUUID(),
        channelId: 'msteams',
        serviceUrl: h.connector.url,
        from: { id: '29:ruth', name: 'Ruth Adams', aadObjectId: aad('ruth') },
        recipient: { id: '28:learning-loop', name: 'Learning Loop' },
        conversation: { id: chat, conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      })
    expect((await receipt(String(BigInt(messageId) - 1n))).status).toBe(200)
    expect(await h.app.db.productRead.count({ where: { productId } })).toBe(0)
    expect((await receipt(String(BigInt(messageId) + 5n))).status).toBe(200)
    const read = await h.app.db.productRead.findUniqueOrThrow({
      where: { productId_personId: { productId, personId: await idOf('ruth') } },
    })
    expect(read.via).toBe('receipt')
    const reach = await h.teams.invoke('helen', 'learning.reach', { productId })
    expect(cardText(reach.card)).toContain('Northshire Schools and Colleges: 2 of 2 delivered, 1 read')
    expect(cardText(reach.card)).toContain('Kate Morgan (Northshire Council Children')
  })
})

describe('a scheduled send', () => {
  it('waits for its time (the partnership time), then goes', async () => {
    const p = await h.app.db.learningProduct.create({
      data: {
        partnershipId: (await h.app.db.partnership.findFirstOrThrow()).id,
        reference: 'NSCP-LP-2026-0002',
        kind: 'practice-guidance',
        title: 'Escalation guidance refreshed',
        sections: { whatWeFound: 'Escalations stalled.', whatItMeans: 'Use the refreshed guidance.' },
        themes: ['Escalation'],
        sourceType: 'audit',
        sourceNote: 'Escalation audit',
        status: 'APPROVED',
        createdById: await idOf('helen'),
        createdAt: clock.now(),
      },
    })
    const form = await h.teams.invoke('helen', 'open:learning.send', { productId: p.id })
    const formKey = JSON.stringify(form.card).match(/"formKey":"([0-9a-f-]{36})"/)![1]!
    const past = await h.teams.invoke('helen', 'learning.send', {
      productId: p.id,
      formKey,
      settings: 'northshire-academy',
      sendOn: '2026-11-01',
    })
    expect(cardText(past.card)).toContain('That time has passed.')
    const sent = await h.teams.invoke('helen', 'learning.send', {
      productId: p.id,
      formKey,
      settings: 'northshire-academy',
      sendOn: '2026-11-03',
      sendAt: '08:00',
    })
    expect(cardText(sent.card)).toContain('It will be sent to 2 people')
    const ben = () =>
      h.connector.sentTo('a:personal-ben').filter((c) => cardText(cardOf(c)).includes('Escalation guidance refreshed'))
    await h.app.broadcasts.drain()
    expect(ben().length).toBe(0)
    expect((await h.app.db.learningProduct.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('SCHEDULED')
    clock.at = new Date('2026-11-03T08:00:30Z')
    await h.app.broadcasts.drain()
    expect(ben().length).toBe(1)
    expect((await h.app.db.learningProduct.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('SENT')
  })
})
