/**
 * The playground opens Teams dialogs as an overlay, through the same /api/messages a Teams client uses
 * (`task/fetch`, then `task/submit` per button): a card's dialog button opens the first page; Next, errors next
 * to the fields, Save and close (the closing message, and the outcome card in the chat) and carrying on where
 * the person stopped. First with the check-in dialog of tests/support/check-in-dialog.ts, then with the real
 * audit return: Dana Okafor's Section 11 return for Northshire Police, from `my audits`. Debian's Chromium
 * through playwright-core; screenshots go to test-results/dialog-playground/ (or DIALOG_SHOTS).
 */
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserPage, chromiumPath, openPage } from './support/browser.js'
import { cardToAdaptive } from '../cards/render/adaptive.js'
import { createServices } from '../services/index.js'
import { CHECK_IN_VERB, createCheckIn } from './support/check-in-dialog.js'
import { type Harness, NO_SUBMIT_LIMITS, person, startHarness, TENANT } from './support/harness.js'

const SHOTS = path.resolve(process.env.DIALOG_SHOTS ?? path.join('test-results', 'dialog-playground'))

const checkIn = createCheckIn()
let h: Harness

beforeAll(async () => {
  h = await startHarness({ interactions: [checkIn.dialog], env: NO_SUBMIT_LIMITS })
})
afterAll(async () => h?.stop())

/** A notice with the check-in's button, sent into Tom's playground chat through the playground's connector. */
async function sendInvitation() {
  const card = cardToAdaptive({
    title: 'Team check-in',
    blocks: [
      { type: 'text', text: 'Please fill in this month\u2019s check-in.' },
      { type: 'actions', actions: [{ type: 'dialog', verb: CHECK_IN_VERB, label: 'Start the check-in', data: {} }] },
    ],
  })
  const res = await fetch(`${h.app.url}/playground/connector/v3/conversations/playground-personal-tom/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    }),
  })
  expect(res.status).toBe(201)
}

describe('playground: a Teams dialog as an overlay', () => {
  let browser: BrowserPage | undefined
  let page: Page
  let problems: string[] = []
  let step = 0
  const shot = async (name: string) => {
    step += 1
    await page.screenshot({ path: path.join(SHOTS, `${String(step).padStart(2, '0')}-${name}.png`) })
  }

  beforeAll(async () => {
    if (!chromiumPath) return
    rmSync(SHOTS, { recursive: true, force: true })
    mkdirSync(SHOTS, { recursive: true })
    browser = await openPage()
    page = browser.page
    problems = browser.problems
  })
  afterAll(async () => {
    await browser?.close()
  })

  it.skipIf(!chromiumPath)(
    'opens, moves on, refuses, saves and closes, and carries on',
    { timeout: 120_000 },
    async () => {
      await page.goto(`${h.app.url}/`)
      await page.locator('body[data-ready="true"]').waitFor()
      await page.getByLabel('You are').selectOption('tom')
      const chat = page.getByRole('log', { name: 'Your chat with Learning Loop' })
      await sendInvitation()
      await chat.getByRole('button', { name: 'Start the check-in' }).click()

      const dialog = page.getByRole('dialog', { name: 'Team check-in' })
      await dialog.getByText('Page 1 of 3: Your team').waitFor()
      await shot('opened')

      // Next with a required answer missing: the message is next to the field, the other answers stay.
      await dialog.getByLabel('How many had safeguarding training this year?').fill('4')
      await dialog.getByRole('button', { name: 'Next' }).click()
      await dialog.getByText('Please check the answers marked below.').waitFor()
      expect(await dialog.getByText('Please answer this question.').count()).toBe(2)
      expect(await dialog.getByLabel('How many had safeguarding training this year?').inputValue()).toBe('4')
      await shot('required-answer-missing')
      expect(checkIn.saves).toEqual([])

      await dialog.getByLabel('How many staff are in your team? (required)').fill('12')
      await dialog.getByLabel('How well does your team know the escalation policy? (required)').selectOption('Good')
      await dialog.getByRole('button', { name: 'Next' }).click()
      await dialog.getByText('Page 2 of 3: What helps').waitFor()
      expect(checkIn.store.get('csc')?.values).toMatchObject({ staff: 12, trained: 4, rating: 'good' })

      await dialog.getByLabel('What helps your team most?').fill('Supervision every fortnight.')
      await shot('second-page')
      await dialog.getByRole('button', { name: 'Save and close' }).click()
      await dialog.getByText('Check-in saved').waitFor()
      await shot('closing-message')
      await dialog.getByRole('button', { name: 'OK' }).click()
      await page.getByRole('dialog').waitFor({ state: 'hidden' })

      // The outcome arrived in the chat, with a button to carry on where Tom stopped.
      await chat.getByText('You stopped on page 2 of 3.').waitFor()
      await chat.getByRole('button', { name: 'Carry on with the check-in' }).click()
      await dialog.getByText('Page 2 of 3: What helps').waitFor()
      expect(await dialog.getByLabel('What helps your team most?').inputValue()).toBe('Supervision every fortnight.')
      await shot('carried-on')

      // The close button discards the page as it is, as Teams' does.
      await page.getByRole('button', { name: 'Close without saving this page' }).click()
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      expect(problems).toEqual([])
    },
  )

  it.skipIf(!chromiumPath)(
    "Dana's Section 11 return, a section at a time, from my audits",
    { timeout: 120_000 },
    async () => {
      // Gareth planned the Section 11 audit for the police and health (as in tests/audit-section-11.test.ts).
      const services = createServices({
        db: h.app.db,
        clock: { now: () => new Date() },
        deliver: () => h.app.outbox.kick(),
      })
      const gareth = await services.people.resolveActor({
        platform: 'teams',
        aadObjectId: person('gareth').teamsAadObjectId,
        tenantId: TENANT,
      })
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
      const tool = await h.app.db.auditTool.findFirstOrThrow({ where: { key: 'section-11' } })
      await services.audits.planAudit(gareth, {
        formToken: crypto.randomUUID(),
        type: 'section-11',
        title: 'Section 11 audit 2026',
        toolId: tool.id,
        participants: ['police', 'health'],
        openingDate: day(0),
        deadline: day(30),
      })

      await page.getByLabel('You are').selectOption('dana')
      const chat = page.getByRole('log', { name: 'Your chat with Learning Loop' })
      await page.getByLabel('Message', { exact: true }).fill('my audits')
      await page.getByRole('button', { name: 'Send' }).click()
      await chat.getByRole('button', { name: 'Start the return' }).first().click()
      const dialog = page.getByRole('dialog', { name: 'Section 11 audit: Northshire Police' })
      await dialog.getByText('Section 1 of 12: About your agency').waitFor()
      await dialog.getByLabel('How many of your staff work with children or families? (required)').fill('1800')
      await dialog
        .getByLabel(
          'Has your board or senior leadership team had a safeguarding report in the last 12 months? (required)',
        )
        .selectOption('Yes')
      await dialog
        .getByLabel('Links to your safeguarding policy and your latest annual safeguarding report (required)')
        .fill('https://intranet.example/safeguarding')
      await shot('audit-section-1')
      await dialog.getByRole('button', { name: 'Next' }).click()
      await dialog.getByText('Section 2 of 12: A clear line of accountability').waitFor()

      // A rating that needs evidence, without it: the message is beside the evidence box, the answers kept.
      await dialog.getByLabel('How well does your agency meet this standard? (required)').selectOption({ index: 1 })
      await dialog.getByLabel('Is this set out in a current policy or procedure? (required)').selectOption('Yes')
      await dialog.getByRole('button', { name: 'Next' }).click()
      await dialog.getByText(/needs evidence/).waitFor()
      await shot('audit-evidence-needed')
      await dialog
        .getByLabel('Where is the line of accountability written down (structure chart, terms of reference)?')
        .fill('The structure chart on the intranet, reviewed in March.')
      await dialog.getByRole('button', { name: 'Save and close' }).click()
      await dialog.getByText('Return saved').waitFor()
      await dialog.getByRole('button', { name: 'OK' }).click()

      // Carrying on from the card in the chat, where she stopped.
      await chat.getByText(/You stopped at section 2 of 12/).waitFor()
      await chat.getByRole('button', { name: 'Continue the return' }).last().click()
      await dialog.getByText('Section 2 of 12: A clear line of accountability').waitFor()
      expect(
        await dialog
          .getByLabel('Where is the line of accountability written down (structure chart, terms of reference)?')
          .inputValue(),
      ).toBe('The structure chart on the intranet, reviewed in March.')
      await shot('audit-carried-on')
      await page.getByRole('button', { name: 'Close without saving this page' }).click()
      expect(problems).toEqual([])
    },
  )
})
