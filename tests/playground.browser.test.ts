/**
 * The local playground (issue 3): in development, GET / plays Microsoft Teams in a browser against the real
 * app. The browser story drives Debian's Chromium through playwright-core and saves a screenshot per step in
 * test-results/playground/. In production, none of the playground's routes exist.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixture, person, startHarness, TENANT, type Harness } from './support/harness.js'

const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
)
if (!chromiumPath) {
  console.warn(
    'SKIPPED: the playground browser test needs Chromium at /usr/bin/chromium (apt-get install -y chromium) or CHROMIUM_PATH.',
  )
}

const SHOTS = path.resolve('test-results', 'playground')
const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** YYYY-MM-DD, `days` before today (the harness runs on the real clock). */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

describe('playground in development', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => h?.stop())

  it('keeps /healthz, /api/messages and /slack/events working beside the playground', async () => {
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200)
    expect((await h.teams.message('tom', 'my referrals')).status).toBe(200)
    expect((await h.slackClient.command('tom', 'help')).status).toBe(200)
  })

  it('serves the page, the renderer and the people who have a Teams identity', async () => {
    const page = await fetch(`${h.app.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('Case Review Group channel')
    for (const asset of [
      '/playground/playground.js',
      '/playground/playground.css',
      '/playground/vendor/adaptivecards.js',
      '/playground/vendor/adaptivecards.css',
    ]) {
      expect((await fetch(`${h.app.url}${asset}`)).status, asset).toBe(200)
    }

    const res = await fetch(`${h.app.url}/playground/people`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.serviceUrl).toBe(`${h.app.url}/playground/connector/`)
    expect(body.people).toHaveLength(fixture.people.length)
    const helen = body.people.find((p: any) => p.key === 'helen')
    expect(helen).toMatchObject({
      name: 'Helen Marsh',
      jobTitle: 'Head of Safeguarding',
      roles: ['subgroup-chair'],
      agency: "Northshire Council Children's Social Care",
      chairs: ['Case Review Group'],
      aadObjectId: person('helen').teamsAadObjectId,
      teamsUserId: '29:helen',
      tenantId: TENANT,
      conversationId: 'playground-personal-helen',
      channel: { conversationId: 'playground-channel-case-review', playground: true },
    })
  })

  it("points the Case Review Group's Teams channel at the playground, audited, and only once", async () => {
    await fetch(`${h.app.url}/playground/people`)
    const channel = await h.app.db.partnershipChannel.findFirstOrThrow({
      where: { purpose: 'case-review', platform: 'teams' },
    })
    expect(channel.address).toMatchObject({
      serviceUrl: `${h.app.url}/playground/connector/`,
      channelId: 'msteams',
      conversation: {
        id: 'playground-channel-case-review',
        conversationType: 'channel',
        isGroup: true,
        tenantId: TENANT,
      },
    })
    const audits = await h.app.db.auditEvent.findMany({
      where: { action: 'CHANNEL_SET', subjectId: 'case-review:teams' },
    })
    expect(audits).toHaveLength(1)
    expect(audits[0]!.actorId).toBeNull()
  })

  it('acts as the Bot Connector: sends, replies and updates, and streams them to the page', async () => {
    const events = await fetch(`${h.app.url}/playground/events`)
    expect(events.headers.get('content-type')).toContain('text/event-stream')
    const reader = events.body!.getReader()
    const connector = `${h.app.url}/playground/connector/v3/conversations`
    const card = (text: string) => ({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] },
        },
      ],
    })
    const sent = await fetch(`${connector}/playground-test/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(card('first')),
    })
    const { id } = await sent.json()
    expect(id).toMatch(/^pg-/)
    const updated = await fetch(`${connector}/playground-test/activities/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(card('second')),
    })
    expect(await updated.json()).toEqual({ id })
    expect(
      (
        await fetch(`${connector}/playground-test/activities/pg-unknown`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(404)

    let stream = ''
    const decoder = new TextDecoder()
    while (!stream.includes('event: update')) stream += decoder.decode((await reader.read()).value)
    await reader.cancel()
    expect(stream).toContain('event: snapshot')
    expect(stream).toMatch(/event: message\ndata: .*"conversationId":"playground-test".*"first"/)
    expect(stream).toMatch(/event: update\ndata: .*"version":2.*"second"/)
  })

  describe('in a browser', () => {
    let context: BrowserContext | undefined
    let page: Page
    let userDataDir = ''
    const problems: string[] = []
    let step = 0
    const shot = async (name: string) => {
      step += 1
      await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true })
    }

    beforeAll(async () => {
      if (!chromiumPath) return
      rmSync(SHOTS, { recursive: true, force: true })
      mkdirSync(SHOTS, { recursive: true })
      userDataDir = mkdtempSync(path.join(tmpdir(), 'chromium-'))
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: chromiumPath,
        headless: true,
        viewport: { width: 1440, height: 1000 },
        locale: 'en-GB',
        args: LAUNCH_ARGS,
      })
      page = context.pages()[0] ?? (await context.newPage())
      page.setDefaultTimeout(15_000)
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()}`)
      })
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`)
      })
    })
    afterAll(async () => {
      await context?.close()
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true })
    })

    it.skipIf(!chromiumPath)(
      'lets a practitioner refer and the chair decide, as in Teams',
      { timeout: 120_000 },
      async () => {
        await page.goto(`${h.app.url}/`)
        await page.locator('body[data-ready="true"]').waitFor()
        const chat = page.getByRole('log', { name: 'Your chat with Learning Loop' })
        const channel = page.getByRole('log', { name: 'Case Review Group channel' })

        // Priya, a health visitor, says hi and gets the help card; its button opens the referral form.
        await page.getByLabel('You are').selectOption('priya')
        await page.getByText('Health Visitor · Northshire NHS Foundation Trust').waitFor()
        await shot('choose-priya')
        await page.getByLabel('Message', { exact: true }).fill('hi')
        await page.getByRole('button', { name: 'Send' }).click()
        await chat.getByText('Hello Priya, this is Learning Loop').waitFor()
        await chat.getByRole('button', { name: 'Raise a review referral' }).click()
        await chat.getByRole('button', { name: 'Submit referral' }).waitFor()
        await shot('help-and-form')

        // She fills the form as Teams renders it, and submits (Action.Execute → invoke → the card is replaced).
        await chat.getByLabel("Case reference in your agency's system").fill('HV-2026-1182')
        await chat.getByLabel("Child's age band").selectOption({ label: 'Under 1' })
        await chat.getByLabel('Date of the incident').fill(daysAgo(5))
        await chat.getByLabel('Date your agency became aware').fill(daysAgo(4))
        await chat.getByLabel('Abuse or neglect is known or suspected').check()
        await chat.getByLabel('The child was seriously harmed').check()
        await chat.getByLabel('Northshire Police').check()
        await chat
          .getByLabel('What happened')
          .fill('Infant admitted to hospital with unexplained bruising after several missed health visits.')
        await chat
          .getByLabel('Why could a review help?')
          .fill('Health and police held different information and it was not shared in time.')
        await shot('form-filled')
        await chat.getByRole('button', { name: 'Submit referral' }).click()
        const confirmation = chat.getByText(/^Referral NSCP-\d{4}-\d{4} received$/)
        await confirmation.waitFor()
        const reference = /NSCP-\d{4}-\d{4}/.exec((await confirmation.textContent()) ?? '')![0]
        expect(reference).toMatch(/^NSCP-\d{4}-0001$/)
        await chat.getByText('What happens next').waitFor()

        // The screening card reaches the Case Review Group channel; Priya sees no decision buttons.
        await channel.getByText(`Review referral ${reference}`).waitFor()
        await channel.getByText('Waiting for the chair of the Case Review Group to decide.').waitFor()
        expect(await channel.getByRole('button', { name: 'Start a rapid review' }).count()).toBe(0)
        await shot('confirmed-and-channel-card')

        // Helen, the chair, sees the same card refreshed for her: case details and the decision buttons.
        await page.getByLabel('You are').selectOption('helen')
        await channel.getByRole('button', { name: 'Start a rapid review' }).waitFor()
        await channel.getByText('What happened: Infant admitted to hospital').waitFor()
        await channel.getByRole('button', { name: 'Ask the referrer for more information' }).waitFor()
        await shot('helen-sees-decision-buttons')
        await channel.getByRole('button', { name: 'Start a rapid review' }).click()
        await channel.getByText(/Decided by Helen Marsh on .*: Rapid review started\./).waitFor()
        await shot('helen-decided')

        // Back to Priya: the outcome arrived 1:1, and the channel card shows the decision to everyone.
        await page.getByLabel('You are').selectOption('priya')
        await chat.getByText(`Decision on referral ${reference}`).waitFor()
        await chat.getByText('Helen Marsh decided: Rapid review started.').waitFor()
        await channel.getByText(/Decided by Helen Marsh/).waitFor()
        expect(await chat.getByText('hi', { exact: true }).count()).toBe(1)
        await shot('priya-told')

        // Issue 11 item 13: a reload keeps Priya's own messages and the cards as she saw them (the browser's
        // transcript), and the picker names Helen as the chair she is, not by her job title.
        await page.reload()
        await page.locator('body[data-ready="true"]').waitFor()
        expect(await page.getByLabel('You are').inputValue()).toBe('priya')
        await chat.getByText('hi', { exact: true }).waitFor()
        await chat.getByText(`Decision on referral ${reference}`).waitFor()
        await chat.getByText(/^Referral NSCP-\d{4}-\d{4} received$/).waitFor()
        expect(await chat.getByText('hi', { exact: true }).count()).toBe(1)
        expect(await page.getByRole('option', { name: 'Helen Marsh (chair of the Case Review Group)' }).count()).toBe(1)
        await shot('priya-after-reload')
        // Clearing the chats starts the demo afresh in this browser; the app's data is untouched.
        await page.getByRole('button', { name: 'Clear the chats in this browser' }).click()
        await page.locator('body[data-ready="true"]').waitFor()
        await chat.getByText(`Decision on referral ${reference}`).waitFor()
        expect(await chat.getByText('hi', { exact: true }).count()).toBe(0)

        expect(problems).toEqual([])
        const referral = await h.app.db.referral.findUniqueOrThrow({ where: { reference } })
        expect(referral.status).toBe('RAPID_REVIEW')
      },
    )
  })
})

describe('playground in production', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        MICROSOFT_APP_ID: '00000000-0000-4000-8000-0000000000aa',
        MICROSOFT_APP_PASSWORD: 'secret',
        MICROSOFT_APP_TYPE: 'MultiTenant',
        AUDIT_HMAC_KEY: 'playground-production-test-key-0123456789',
      },
    })
  })
  afterAll(async () => h?.stop())

  it('does not exist: GET / and every /playground route answer 404', async () => {
    for (const route of [
      '/',
      '/playground/people',
      '/playground/events',
      '/playground/playground.js',
      '/playground/vendor/adaptivecards.js',
    ]) {
      expect((await fetch(`${h.app.url}${route}`)).status, route).toBe(404)
    }
    const post = await fetch(`${h.app.url}/playground/connector/v3/conversations/x/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"message"}',
    })
    expect(post.status).toBe(404)
    expect(await h.app.db.partnershipChannel.count({ where: { platform: 'teams' } })).toBe(0)
  })

  it('still answers /healthz, /api/messages (signed requests only) and /slack/events', async () => {
    expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200)
    expect((await h.teams.message('priya', 'hi')).status).toBe(401)
    expect((await h.slackClient.command('priya', 'help')).status).toBe(200)
  })
})
