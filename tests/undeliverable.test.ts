/**
 * Issue 10, finding 1: nothing dropped. A notice to someone the bot has never heard from is kept (waiting
 * for an address), delivered once Teams lets the bot open the 1:1 chat or the person first writes to it,
 * the Case Review Group's chair is told when a statutory task waits too long, and the business manager sees
 * what is undelivered. Slack opens the DM with conversations.open. Real app, real PostgreSQL, fake platforms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../services/people/people.schema.js'
import type { Actor } from '../services/people/people.schema.js'
import {
  ESCALATE_AFTER_HOURS,
  escalateUndeliverable,
  listUndeliverable,
  releaseWaitingNotices,
} from '../services/notifications/index.js'
import { enqueue } from '../services/notifications/outbox.js'
import { cardOf, cardText } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import { eventually, type Harness, person, startHarness } from './support/harness.js'

const chat = (key: string) => `a:personal-${key}`

async function actorOf(h: Harness, key: string): Promise<Actor> {
  const p = await h.app.db.person.findFirstOrThrow({
    where: { key },
    include: { agency: true, memberships: { include: { subGroup: true } } },
  })
  return {
    personId: p.id,
    partnershipId: p.partnershipId,
    name: p.name,
    roles: p.roles as Role[],
    agencyId: p.agencyId,
    agencyKey: p.agency?.key ?? null,
    agencyName: p.agency?.name ?? null,
    chairs: p.memberships.filter((m) => m.isChair).map((m) => m.subGroup.key),
    memberOf: p.memberships.map((m) => m.subGroup.key),
  }
}

/** The outbox rows of 1:1 notices with this template, for this person. */
async function noticeRows(h: Harness, key: string, template: string) {
  const p = await h.app.db.person.findFirstOrThrow({ where: { key } })
  const rows = await h.app.db.outbox.findMany({ where: { kind: 'person.notice' }, orderBy: { id: 'asc' } })
  return rows.filter((r) => {
    const payload = r.payload as { personId: string; notice: { template: string } }
    return payload.personId === p.id && payload.notice.template === template
  })
}

describe('Teams: a rapid review asks people the bot has never heard from', () => {
  let h: Harness
  beforeAll(async () => {
    // Teams only: nobody can be reached another way.
    h = await startHarness({ env: { SLACK_ENABLED: 'false' } })
    // Someone has talked to the bot, so it knows where the tenant's Bot Connector is.
    await h.teams.message('priya', 'hi')
    // What starting a rapid review queues, in one transaction with the change, as its use case does: the
    // police lead's information request and the business manager's Panel-notification task.
    const [dana, claire] = await Promise.all(
      ['dana', 'claire'].map((key) => h.app.db.person.findFirstOrThrow({ where: { key } })),
    )
    const review = { reviewId: 'review-1', reference: 'NSCP-2026-0001' }
    await h.app.db.$transaction((tx) =>
      enqueue(tx, [
        {
          kind: 'person.notice',
          personId: dana!.id,
          notice: {
            template: 'review.information-request',
            ...review,
            milestoneId: 'm-1',
            agency: 'Northshire Police',
            dueDate: '2026-12-14',
          },
        },
        {
          kind: 'person.notice',
          personId: claire!.id,
          notice: { template: 'review.panel-notification', ...review, dueDate: '2026-12-07' },
        },
      ]),
    )
    await h.app.outbox.drain()
  })
  afterAll(async () => h?.stop())

  it('keeps the information request and the Panel-notification task instead of dropping them', async () => {
    const [request] = await noticeRows(h, 'dana', 'review.information-request')
    const [panel] = await noticeRows(h, 'claire', 'review.panel-notification')
    expect(request?.status).toBe('WAITING_FOR_ADDRESS')
    expect(panel?.status).toBe('WAITING_FOR_ADDRESS')
    // Teams was asked to open the 1:1 chat from their Entra object ids, and refused (app not installed).
    expect(h.connector.creations()).toEqual(
      expect.arrayContaining([person('dana').teamsAadObjectId, person('claire').teamsAadObjectId]),
    )
    const created = h.connector.calls.find((c) => c.path === '/v3/conversations')!
    expect(created.body).toMatchObject({ isGroup: false, tenantId: person('dana').teamsTenantId ?? expect.any(String) })
    expect(created.body.channelData).toEqual({ tenant: { id: expect.any(String) } })
    // A waiting notice is not a failed attempt, and nothing reached them.
    expect(request?.attempts).toBe(0)
    expect(h.connector.sentTo(chat('dana'))).toHaveLength(0)
  })

  it('delivers the waiting notice when the person first writes to the bot', async () => {
    await h.teams.message('claire', 'my referrals')
    // The sweep (every minute) notices the new address by itself; a drain is that sweep.
    await h.app.outbox.drain()
    const card = await eventually(
      () => h.connector.sentTo(chat('claire')).find((c) => cardText(cardOf(c)).includes('NSCP-2026-0001')),
      'Panel notice to Claire',
    )
    expect(cardOf(card).type).toBe('AdaptiveCard')
    const [panel] = await noticeRows(h, 'claire', 'review.panel-notification')
    expect(panel?.status).toBe('SENT')
    // The platform's message id is recorded with it.
    expect(panel?.sentRef).toMatchObject({
      platform: 'teams',
      ref: { conversationId: chat('claire'), activityId: expect.any(String) },
    })
  })

  it('tells the Case Review chair once when a statutory task has waited too long, and shows it to the business manager', async () => {
    await h.teams.message('helen', 'hi')
    const [request] = await noticeRows(h, 'dana', 'review.information-request')
    await h.app.db.outbox.update({
      where: { id: request!.id },
      data: { createdAt: new Date(Date.now() - (ESCALATE_AFTER_HOURS + 1) * 3_600_000) },
    })
    expect(await escalateUndeliverable({ db: h.app.db, log: h.app.log })).toBe(1)
    expect(await escalateUndeliverable({ db: h.app.db, log: h.app.log })).toBe(0)
    await h.app.outbox.drain()
    const alerts = h.connector
      .sentTo(chat('helen'))
      .filter((c) => cardText(cardOf(c)).includes('has not reached Dana Okafor'))
    expect(alerts).toHaveLength(1)
    const text = cardText(cardOf(alerts[0]))
    expect(text).toContain('NSCP-2026-0001')
    expect(text).toContain("send the agency's chronology and immediate learning")

    const ctx = { db: h.app.db, clock: { now: () => new Date() } }
    const items = (await listUndeliverable(ctx, await actorOf(h, 'claire'))).filter(
      (i) => i.personName === 'Dana Okafor',
    )
    expect(items).toEqual([
      expect.objectContaining({
        status: 'WAITING_FOR_ADDRESS',
        template: 'review.information-request',
        reference: 'NSCP-2026-0001',
        personName: 'Dana Okafor',
        chairTold: true,
      }),
    ])
    // Ids, templates, references and names: not the notice itself.
    expect(Object.keys(items[0]!).sort()).toEqual([
      'chairTold',
      'id',
      'kind',
      'lastAttemptAt',
      'personId',
      'personName',
      'queuedAt',
      'reference',
      'status',
      'template',
    ])
    await expect(listUndeliverable(ctx, await actorOf(h, 'priya'))).rejects.toMatchObject({ code: 'NOT_PERMITTED' })
  })

  it('opens the 1:1 chat itself once the app is installed for the person', async () => {
    h.connector.installedFor.set(person('dana').teamsAadObjectId, chat('dana'))
    const dana = await h.app.db.person.findFirstOrThrow({ where: { key: 'dana' } })
    expect(await releaseWaitingNotices({ db: h.app.db, clock: { now: () => new Date() } }, dana.id)).toBe(1)
    await h.app.outbox.drain()
    const sent = h.connector.sentTo(chat('dana'))
    expect(sent).toHaveLength(1)
    expect(cardText(cardOf(sent[0]))).toContain('NSCP-2026-0001')
    const [request] = await noticeRows(h, 'dana', 'review.information-request')
    expect(request?.status).toBe('SENT')
    expect(request?.sentRef).toMatchObject({ platform: 'teams', ref: { conversationId: chat('dana'), created: true } })
    const ctx = { db: h.app.db, clock: { now: () => new Date() } }
    expect((await listUndeliverable(ctx, await actorOf(h, 'claire'))).map((i) => i.personName)).not.toContain(
      'Dana Okafor',
    )
  })

  it('tries a new chat when the stored one is refused (app removed), and waits if that fails too', async () => {
    const priya = await h.app.db.person.findFirstOrThrow({ where: { key: 'priya' } })
    h.connector.forbidden.add(chat('priya'))
    const row = await h.app.db.outbox.create({
      data: {
        kind: 'person.notice',
        payload: {
          kind: 'person.notice',
          personId: priya.id,
          notice: {
            template: 'referral.outcome',
            referralId: 'r',
            reference: 'NSCP-2026-0001',
            status: 'RAPID_REVIEW',
            decidedBy: 'Helen Marsh',
          },
        },
      },
    })
    await h.app.outbox.drain()
    expect((await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('WAITING_FOR_ADDRESS')
    // Asked for by their Teams user id if it is known, else their Entra object id.
    const asked = h.connector.creations().at(-1)!
    expect(['29:priya', person('priya').teamsAadObjectId]).toContain(asked)
    h.connector.forbidden.delete(chat('priya'))
    h.connector.installedFor.set(asked, chat('priya'))
    await releaseWaitingNotices({ db: h.app.db, clock: { now: () => new Date() } }, priya.id)
    await h.app.outbox.drain()
    expect((await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('SENT')
  })
})

describe('Slack: a person the bot has never heard from', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { TEAMS_ENABLED: 'false' } })
  })
  afterAll(async () => h?.stop())

  const notify = async (key: string) => {
    const p = await h.app.db.person.findFirstOrThrow({ where: { key } })
    return h.app.db.outbox.create({
      data: {
        kind: 'person.notice',
        payload: {
          kind: 'person.notice',
          personId: p.id,
          notice: {
            template: 'review.panel-notification',
            reviewId: 'r',
            reference: 'NSCP-2026-0009',
            dueDate: '2026-12-01',
          },
        },
      },
    })
  }

  it('opens the DM with conversations.open and posts there', async () => {
    const row = await notify('tom')
    await h.app.outbox.drain()
    const tom = person('tom').slackUserId
    expect(h.slack.callsTo('conversations.open').map((c) => c.args.users)).toEqual([tom])
    const post = h.slack.callsTo('chat.postMessage').find((c) => blocksText(c.args.blocks).includes('NSCP-2026-0009'))
    expect(post?.args.channel).toBe(`D${tom.slice(1)}`)
    const after = await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })
    expect(after.status).toBe('SENT')
    expect(after.sentRef).toMatchObject({
      platform: 'slack',
      ref: { channel: `D${tom.slice(1)}`, ts: expect.any(String) },
    })
  })

  it('waits when Slack cannot open the DM, and delivers once the person writes to the app', async () => {
    const sam = person('sam').slackUserId
    h.slack.unreachableUsers.add(sam)
    const row = await notify('sam')
    await h.app.outbox.drain()
    const waiting = await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })
    expect(waiting.status).toBe('WAITING_FOR_ADDRESS')
    expect(waiting.lastError).toContain('slack')
    h.slack.unreachableUsers.delete(sam)
    await h.slackClient.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0SAMPAT04',
      user: sam,
      text: 'help',
      ts: '1.1',
      event_ts: '1.1',
    })
    await h.app.outbox.drain()
    expect((await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('SENT')
  })

  it('posts to the user id when the install lacks the im:write scope', async () => {
    h.slack.missingScope.add('conversations.open')
    const row = await notify('dana')
    await h.app.outbox.drain()
    expect((await h.app.db.outbox.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('SENT')
    const post = h.slack.callsTo('chat.postMessage').at(-1)!
    expect(post.args.channel).toBe(person('dana').slackUserId)
  })
})
