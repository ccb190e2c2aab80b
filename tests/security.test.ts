/**
 * Fail closed: start-up refusals, authentication at the Teams and Slack endpoints (401 with nothing inside,
 * logged through pino), the partnership's own tenant and workspace only, future-dated and replayed Slack
 * requests, security headers on every page, and the per-person limits with their slow-down card.
 */
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { fixedClock } from '../lib/clock.js'
import { loadConfig } from '../lib/config.js'
import { blocksText } from './support/fake-slack.js'
import { cardOf, cardText } from './support/fake-connector.js'
import { person, SLACK_TEAM, startHarness, TENANT, type Harness } from './support/harness.js'

const PRODUCTION_BASE = {
  NODE_ENV: 'production',
  AUDIT_HMAC_KEY: 'k'.repeat(32),
  DATABASE_URL: 'postgresql://app:pw@db.internal:5432/learning_loop',
}
const TEAMS_CREDENTIALS = {
  MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
  MICROSOFT_APP_PASSWORD: 'x',
  MICROSOFT_APP_TENANT_ID: 't',
}

describe('configuration', () => {
  it('refuses to start in production without Teams credentials', () => {
    expect(() => loadConfig(PRODUCTION_BASE)).toThrow(/MICROSOFT_APP_ID is required in production/)
    expect(() => loadConfig({ ...PRODUCTION_BASE, MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001' })).toThrow(
      /MICROSOFT_APP_PASSWORD is required/,
    )
  })

  it('refuses to start in production with Slack enabled but no signing secret or token', () => {
    const base = { ...PRODUCTION_BASE, ...TEAMS_CREDENTIALS }
    expect(() => loadConfig({ ...base, SLACK_ENABLED: 'true' })).toThrow(/SLACK_SIGNING_SECRET is required/)
    expect(() => loadConfig({ ...base, SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN is required/)
    expect(loadConfig(base).slack.enabled).toBe(false)
  })

  it('rejects malformed variables with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ RATE_LIMIT_SUBMIT_BURST: '0' })).toThrow(/RATE_LIMIT_SUBMIT_BURST/)
  })

  it('without Teams credentials, listens only on loopback unless ALLOW_UNAUTHENTICATED_DEV=true says otherwise', () => {
    // NODE_ENV unset is development: the old default accepted anyone on 0.0.0.0.
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(
      /HOST=0\.0\.0\.0 is reachable from other machines.*ALLOW_UNAUTHENTICATED_DEV/s,
    )
    expect(() => loadConfig({ HOST: '192.168.1.20', NODE_ENV: 'test' })).toThrow(/MICROSOFT_APP_ID is not set/)
    for (const host of ['127.0.0.1', '::1', 'localhost', '[::1]'])
      expect(loadConfig({ HOST: host }).security.isLoopback, host).toBe(true)
    expect(loadConfig({}).host).toBe('127.0.0.1')
    const open = loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_DEV: 'true' })
    expect(open.security).toMatchObject({ isLoopback: false, allowUnauthenticatedDev: true, playground: true })
    // Teams disabled, or authenticated: nothing unauthenticated is served, so any host will do.
    expect(() => loadConfig({ HOST: '0.0.0.0', TEAMS_ENABLED: 'false' })).not.toThrow()
    expect(() => loadConfig({ HOST: '0.0.0.0', ...TEAMS_CREDENTIALS })).not.toThrow()
    expect(() => loadConfig({ ...PRODUCTION_BASE, ...TEAMS_CREDENTIALS, ALLOW_UNAUTHENTICATED_DEV: 'true' })).toThrow(
      /ALLOW_UNAUTHENTICATED_DEV must not be set in production/,
    )
  })

  it('allows the playground (which lists everyone) only outside production, and on loopback or by the flag', () => {
    expect(loadConfig({}).security.playground).toBe(true)
    expect(loadConfig({ HOST: '0.0.0.0', ...TEAMS_CREDENTIALS }).security.playground).toBe(false)
    expect(loadConfig({ ...PRODUCTION_BASE, ...TEAMS_CREDENTIALS, HOST: '127.0.0.1' }).security.playground).toBe(false)
  })

  it('reads the rate limits, per minute, with defaults a busy person never reaches', () => {
    expect(loadConfig({}).security.limits).toEqual({
      endpoint: { perSecond: 50, burst: 200 },
      person: { perSecond: 1, burst: 60 },
      submit: { perSecond: 10 / 60, burst: 20 },
    })
    // Tests and benchmarks script faster than people: no limit unless they set one.
    expect(loadConfig({ NODE_ENV: 'test' }).security.limits.submit.burst).toBeGreaterThan(1e6)
    expect(
      loadConfig({ RATE_LIMIT_SUBMITS_PER_MINUTE: '12', RATE_LIMIT_SUBMIT_BURST: '3' }).security.limits.submit,
    ).toEqual({ perSecond: 0.2, burst: 3 })
  })

  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
      env: { PATH: process.env.PATH, DATA_DIR: '/nonexistent', ...env },
      encoding: 'utf8',
      timeout: 30_000,
    })

  it('exits with the reason when `npm start` is run in production without credentials', () => {
    const run = start({ NODE_ENV: 'production' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Refusing to start')
    expect(run.stderr).toContain('MICROSOFT_APP_ID')
  })

  it('exits with the reason when `npm start` would serve Teams unauthenticated on 0.0.0.0 (NODE_ENV unset)', () => {
    const run = start({ HOST: '0.0.0.0' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Refusing to start')
    expect(run.stderr).toContain('ALLOW_UNAUTHENTICATED_DEV=true')
  })
})

/** A well-formed RS256 token for the bot, signed by a key Microsoft never published. */
function forgedJwt(appId: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  const head = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'forged-key' })}.${b64({
    iss: 'https://api.botframework.com',
    aud: appId,
    serviceurl: 'https://smba.trafficmanager.net/emea/',
    nbf: now - 60,
    exp: now + 3600,
  })}`
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`
}

/** Catches anything written around the JSON logger (the tests' pino writes to `h.logs`, not to the console). */
function watchConsole() {
  const spies = [
    vi.spyOn(console, 'error'),
    vi.spyOn(console, 'warn'),
    vi.spyOn(console, 'log'),
    vi.spyOn(process.stderr, 'write'),
  ]
  return { calls: () => spies.flatMap((s) => s.mock.calls), restore: () => spies.forEach((s) => s.mockRestore()) }
}

describe('authentication', () => {
  const APP_ID = '00000000-0000-4000-8000-0000000000aa'
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'MultiTenant' },
    })
  })
  afterAll(async () => h?.stop())
  afterEach(() => vi.restoreAllMocks())

  const activity = () => ({
    type: 'message',
    id: 'm1',
    text: 'my referrals',
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    from: { id: '29:priya', aadObjectId: 'a0000000-0000-4000-8000-000000000001' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:personal-priya', conversationType: 'personal', tenantId: TENANT },
  })

  it('answers 401 to a Teams request with no token or a bad token, prints nothing, and does nothing', async () => {
    const console = watchConsole()
    const none = await h.teams.post(activity())
    const garbage = await h.teams.post(activity(), { authorization: 'Bearer not-a-jwt' })
    const printed = console.calls()
    console.restore()
    expect([none.status, garbage.status]).toEqual([401, 401])
    expect([none.body, garbage.body]).toEqual([null, null])
    expect(printed).toEqual([])
    expect(h.connector.calls).toHaveLength(0)
  })

  it('answers 401 with an empty body to a forged RS256 token, and logs it through pino only', async () => {
    // Offline, checking it means fetching Microsoft's signing keys, which fails: still a refusal, not a 500.
    const console = watchConsole()
    const res = await h.teams.post(activity(), { authorization: `Bearer ${forgedJwt(APP_ID)}` })
    const printed = console.calls()
    console.restore()
    expect(res.status).toBe(401)
    expect(res.body).toBeNull()
    expect(printed).toEqual([])
    const line = h.logs
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'teams request refused' && l.reason === 'unauthenticated')
    expect(line).toBeDefined()
    expect(JSON.stringify(line)).not.toMatch(/stack|login\.botframework|ENOTFOUND|at .*\.js/)
    expect(h.connector.calls).toHaveLength(0)
  })

  it('answers 400 to a body that is not an activity, and to one that is not JSON, printing nothing', async () => {
    const console = watchConsole()
    const empty = await h.teams.post({})
    const notJson = await fetch(`${h.app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    })
    const printed = console.calls()
    console.restore()
    expect(empty.status).toBe(400)
    expect(notJson.status).toBe(400)
    expect(await notJson.text()).not.toMatch(/SyntaxError|at .*\.js/)
    expect(printed).toEqual([])
  })

  it('answers 401 to a Slack request signed with the wrong secret', async () => {
    const res = await h.slackClient.send(
      'command=%2Flearning&text=help&user_id=U0PRIYA001',
      'application/x-www-form-urlencoded',
      { secret: 'nope' },
    )
    expect(res.status).toBe(401)
  })

  it('refuses a signed Slack request dated more than 5 minutes ahead, and accepts a little clock skew', async () => {
    const now = Math.floor(Date.now() / 1000)
    const body = new URLSearchParams({
      command: '/learning',
      text: 'help',
      user_id: person('priya').slackUserId,
      team_id: SLACK_TEAM,
      channel_id: 'D1',
      channel_name: 'directmessage',
      trigger_id: 't',
    }).toString()
    expect(
      (await h.slackClient.send(body, 'application/x-www-form-urlencoded', { timestamp: now + 6 * 60 })).status,
    ).toBe(401)
    expect((await h.slackClient.send(body, 'application/x-www-form-urlencoded', { timestamp: now + 30 })).status).toBe(
      200,
    )
  })

  it('puts helmet headers on every page, HSTS only over https, the tab framable by Microsoft 365', async () => {
    for (const path of ['/tab', '/privacy', '/terms', '/healthz', '/no-such-page']) {
      const res = await fetch(`${h.app.url}${path}`)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
      expect(res.headers.get('strict-transport-security'), path).toBeNull()
      expect(res.headers.get('x-powered-by'), path).toBeNull()
    }
    const https = await fetch(`${h.app.url}/privacy`, { headers: { 'x-forwarded-proto': 'https' } })
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect((await fetch(`${h.app.url}/healthz`)).headers.get('content-security-policy')).toContain(
      "frame-ancestors 'none'",
    )
  })

  it('serves the Teams tab and the privacy and terms pages, framable only by Microsoft 365 hosts', async () => {
    for (const path of ['/tab', '/privacy', '/terms']) {
      const res = await fetch(`${h.app.url}${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-security-policy')).toContain('frame-ancestors')
      expect(res.headers.get('content-security-policy')).toContain('https://teams.microsoft.com')
      expect(res.headers.get('x-frame-options')).toBeNull()
    }
    expect(await (await fetch(`${h.app.url}/tab`)).text()).toContain('<script src="/tab/tab-client.js"></script>')
    expect((await fetch(`${h.app.url}/tab/teams.js`)).status).toBe(200)
  })

  it('reports the database state on /healthz', async () => {
    const res = await fetch(`${h.app.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: { state: 'up', mode: 'external' },
      teams: true,
      slack: true,
    })
  })
})

describe("only the partnership's own tenant and workspace", () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => h?.stop())

  const helen = person('helen')
  const storedTeams = async () => {
    const p = await h.app.db.person.findFirstOrThrow({
      where: { teamsAadObjectId: helen.teamsAadObjectId },
      include: { addresses: true },
    })
    return { teamsUserId: p.teamsUserId, address: p.addresses.find((a) => a.platform === 'teams')?.address as any }
  }
  const fromTenant = (conversationTenant: string, channelTenant: string) => ({
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: h.connector.url,
    text: 'my referrals',
    from: { id: '29:impostor', name: 'Helen Marsh', aadObjectId: helen.teamsAadObjectId },
    recipient: { id: '28:learning-loop' },
    conversation: { id: 'a:impostor-chat', conversationType: 'personal', tenantId: conversationTenant },
    channelData: { tenant: { id: channelTenant } },
  })

  it("refuses another tenant's activity with the chair's AAD object id, and keeps her 1:1 address", async () => {
    expect((await h.teams.message('helen', 'hi')).status).toBe(200)
    const before = await storedTeams()
    expect(before.address?.conversation?.id).toBe('a:personal-helen')

    for (const [conversationTenant, channelTenant] of [
      ['evil-tenant', 'evil-tenant'],
      [TENANT, 'evil-tenant'],
    ] as const) {
      expect((await h.teams.post(fromTenant(conversationTenant, channelTenant))).status).toBe(200)
      expect(cardText(cardOf(h.connector.sentTo('a:impostor-chat').at(-1)))).toContain(
        'you are not registered with this partnership',
      )
    }
    expect(await storedTeams()).toEqual(before)
  })

  it('refuses a Slack request from another workspace carrying a registered user id', async () => {
    const slackUser = helen.slackUserId
    const command = (team: string) =>
      new URLSearchParams({
        command: '/learning',
        text: 'my referrals',
        user_id: slackUser,
        team_id: team,
        channel_id: 'D1',
        channel_name: 'directmessage',
        trigger_id: 't',
      }).toString()
    const foreign = await h.slackClient.send(command('T0FOREIGN1'), 'application/x-www-form-urlencoded')
    expect(blocksText((foreign.body as any).blocks)).toContain('you are not registered with this partnership')
    const home = await h.slackClient.send(command(SLACK_TEAM), 'application/x-www-form-urlencoded')
    expect(blocksText((home.body as any).blocks)).not.toContain('not registered')

    const before = h.slack.callsTo('chat.postMessage').length
    await h.slackClient.send(
      JSON.stringify({
        token: 'x',
        team_id: 'T0FOREIGN1',
        api_app_id: 'A0LEARN001',
        type: 'event_callback',
        event_id: `Ev${randomUUID().slice(0, 8)}`,
        event: {
          type: 'message',
          channel_type: 'im',
          channel: 'D0HELENM05',
          user: slackUser,
          text: 'my referrals',
          ts: '1.2',
        },
      }),
      'application/json',
    )
    const said = h.slack.callsTo('chat.postMessage').slice(before)
    expect(said).toHaveLength(1)
    expect(blocksText(said[0]!.args.blocks)).toContain('you are not registered with this partnership')
  })
})

describe('replays and rate limits', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({
      clock: fixedClock('2026-12-01T10:00:00Z'),
      env: { RATE_LIMIT_SUBMIT_BURST: '3', RATE_LIMIT_SUBMITS_PER_MINUTE: '1' },
    })
  })
  afterAll(async () => h?.stop())

  const referral = {
    caseReference: 'HV-2026-2001',
    ageBand: 'under-1',
    incidentDate: '2026-11-26',
    awarenessDate: '2026-11-27',
    criteria: 'abuse-or-neglect,seriously-harmed',
    agencies: 'police,csc',
    whatHappened: 'Infant admitted to hospital with unexplained bruising after several missed health visits.',
    whyReview: 'Health and police held different information and it was not shared in time.',
  }
  const submit = (key: 'priya' | 'tom') =>
    h.teams.invoke(key, 'referral.submit', { formToken: randomUUID(), ...referral })

  it('answers a replayed signed "ask the referrer" once: one question, not three', async () => {
    const reference = cardText((await submit('tom')).card).match(/NSCP-\d{4}-\d{4}/)![0]
    const { id: referralId } = await h.app.db.referral.findFirstOrThrow({ where: { reference } })
    const payload = {
      type: 'view_submission',
      team: { id: SLACK_TEAM },
      user: { id: person('helen').slackUserId, team_id: SLACK_TEAM },
      view: {
        id: 'V0ASK00001',
        type: 'modal',
        callback_id: 'referral.ask',
        private_metadata: JSON.stringify({ referralId }),
        hash: 'h',
        state: { values: { question: { question: { type: 'plain_text_input', value: 'Which school was it?' } } } },
      },
      token: 'x',
      trigger_id: `trigger-${randomUUID()}`,
    }
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`
    const timestamp = Math.floor(Date.now() / 1000)
    const answers = []
    for (let i = 0; i < 3; i++)
      answers.push(await h.slackClient.send(body, 'application/x-www-form-urlencoded', { timestamp }))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect(await h.app.db.referralQuestion.count({ where: { referralId } })).toBe(1)
    expect(h.logs.some((l) => l.includes('slack request already handled'))).toBe(true)
  })

  it('answers a Teams activity delivered again with the same id once, with the first answer', async () => {
    const reference = cardText((await submit('tom')).card).match(/NSCP-\d{4}-\d{4}/)![0]
    const { id: referralId } = await h.app.db.referral.findFirstOrThrow({ where: { reference } })
    const helen = person('helen')
    const invoke = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: h.connector.url,
      from: { id: '29:helen', name: helen.name, aadObjectId: helen.teamsAadObjectId },
      recipient: { id: '28:learning-loop' },
      conversation: { id: 'a:personal-helen', conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      value: { action: { type: 'Action.Execute', verb: 'referral.ask', data: { referralId, question: 'Which GP?' } } },
    }
    const answers = []
    for (let i = 0; i < 3; i++) answers.push(await h.teams.post(invoke))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200])
    expect(answers[1]!.body).toEqual(answers[0]!.body)
    expect(await h.app.db.referralQuestion.count({ where: { referralId } })).toBe(1)
  })

  it('gives a person who submits too fast the slow-down card, and saves nothing of it', async () => {
    const before = await h.app.db.referral.count()
    const answers = []
    for (let i = 0; i < 5; i++) answers.push(cardText((await submit('priya')).card))
    expect(answers.slice(0, 3).every((a) => a.includes('NSCP-'))).toBe(true)
    expect(answers[3]).toContain('Slow down')
    expect(answers[4]).toContain('Slow down')
    expect(await h.app.db.referral.count()).toBe(before + 3)
    // Another person is not held up by Priya's pace, and Priya may still read.
    expect(cardText((await submit('tom')).card)).toContain('NSCP-')
    const read = await h.teams.message('priya', 'my referrals')
    expect(read.status).toBe(200)
    expect(cardText(cardOf(h.connector.sentTo('a:personal-priya').at(-1)))).not.toContain('Slow down')
  })

  it('counts Slack submits per person too, apart from Teams', async () => {
    const view = { callback_id: 'referral.submit', private_metadata: JSON.stringify({ formToken: randomUUID() }) }
    const answers = []
    for (let i = 0; i < 4; i++) answers.push((await h.slackClient.viewSubmission('priya', view, {})).body as any)
    // Empty forms: the first three come back with the fields' messages, the fourth is one too many.
    expect(answers.slice(0, 3).map((a) => a.response_action)).toEqual(['errors', 'errors', 'errors'])
    expect(answers[3].response_action).toBe('update')
    expect(blocksText(answers[3].view)).toContain('Slow down')
  })
})

describe('endpoint limits', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT_ENDPOINT_BURST: '3', RATE_LIMIT_ENDPOINT_PER_SECOND: '0.01' } })
  })
  afterAll(async () => h?.stop())

  it('answers 429 with Retry-After past the per-address budget, at each endpoint on its own', async () => {
    const teams = []
    for (let i = 0; i < 4; i++) teams.push(await h.teams.message('priya', 'hi'))
    expect(teams.map((r) => r.status)).toEqual([200, 200, 200, 429])
    const slack = []
    for (let i = 0; i < 4; i++) slack.push(await h.slackClient.command('priya', 'help'))
    expect(slack.map((r) => r.status)).toEqual([200, 200, 200, 429])
    const refused = await fetch(`${h.app.url}/api/messages`, { method: 'POST', body: '{}' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
