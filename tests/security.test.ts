/** Start-up refusals in production, and authentication at the Teams and Slack endpoints. */
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../lib/config.js'
import { startHarness, type Harness } from './support/harness.js'

describe('configuration', () => {
  it('refuses to start in production without Teams credentials', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MICROSOFT_APP_ID is required in production/)
    expect(() => loadConfig({ NODE_ENV: 'production', MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001' }))
      .toThrow(/MICROSOFT_APP_PASSWORD is required/)
  })

  it('refuses to start in production with Slack enabled but no signing secret or token', () => {
    const teams = { MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001', MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TENANT_ID: 't' }
    expect(() => loadConfig({ NODE_ENV: 'production', ...teams, SLACK_ENABLED: 'true' })).toThrow(/SLACK_SIGNING_SECRET is required/)
    expect(() => loadConfig({ NODE_ENV: 'production', ...teams, SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN is required/)
    expect(loadConfig({ NODE_ENV: 'production', ...teams }).slack.enabled).toBe(false)
  })

  it('rejects malformed variables with the variable named', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/)
  })

  it('exits with the reason when `npm start` is run in production without credentials', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: '/nonexistent' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Refusing to start')
    expect(run.stderr).toContain('MICROSOFT_APP_ID')
  })
})

describe('authentication', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ env: { MICROSOFT_APP_ID: '00000000-0000-4000-8000-0000000000aa', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TYPE: 'MultiTenant' } })
  })
  afterAll(async () => h?.stop())

  const activity = () => ({
    type: 'message', id: 'm1', text: 'my referrals', channelId: 'msteams', serviceUrl: h.connector.url,
    from: { id: '29:priya', aadObjectId: 'a0000000-0000-4000-8000-000000000001' }, recipient: { id: '28:bot' },
    conversation: { id: 'a:personal-priya', conversationType: 'personal' },
  })

  it('answers 401 to a Teams request with no token or a bad token, and does nothing', async () => {
    expect((await h.teams.post(activity())).status).toBe(401)
    expect((await h.teams.post(activity(), { authorization: 'Bearer not-a-jwt' })).status).toBe(401)
    expect(h.connector.calls).toHaveLength(0)
  })

  it('answers 401 to a Slack request signed with the wrong secret', async () => {
    const res = await h.slackClient.send('command=%2Flearning&text=help&user_id=U0PRIYA001', 'application/x-www-form-urlencoded', { secret: 'nope' })
    expect(res.status).toBe(401)
  })

  it('serves the Teams tab and the privacy and terms pages, framable only by Microsoft 365 hosts', async () => {
    for (const path of ['/tab', '/privacy', '/terms']) {
      const res = await fetch(`${h.app.url}${path}`)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-security-policy')).toContain('frame-ancestors')
      expect(res.headers.get('content-security-policy')).toContain('https://teams.microsoft.com')
    }
    expect(await (await fetch(`${h.app.url}/tab`)).text()).toContain('Learning Loop dashboard')
    expect((await fetch(`${h.app.url}/tab/teams.js`)).status).toBe(200)
  })

  it('reports the database state on /healthz', async () => {
    const res = await fetch(`${h.app.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', database: { state: 'up', mode: 'external' }, teams: true, slack: true })
  })
})
