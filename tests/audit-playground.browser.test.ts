/**
 * Issue 12 in the playground, as the QA chair lives it (the return itself, a section at a time, is
 * tests/dialog-playground.browser.test.ts): Gareth opens the plan form with `plan audit`, reads an audit's
 * summary, moderates a signed-off return from his notice (one rating changed with a reason, the rest agreed),
 * and reads a case audit's card with both agencies' grades. The returns are completed and signed off through the
 * services first. Debian's Chromium through playwright-core; screenshots go to docs/issue-12/ (AUDIT_SHOTS).
 */
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserPage, chromiumPath, openPage } from './support/browser.js'
import { createServices } from '../services/index.js'
import { type Harness, NO_SUBMIT_LIMITS, person, type PersonKey, startHarness, TENANT } from './support/harness.js'

const SHOTS = path.resolve(process.env.AUDIT_SHOTS ?? path.join('test-results', 'audit-playground'))

let h: Harness
let services: ReturnType<typeof createServices>
const as = (key: PersonKey) =>
  services.people.resolveActor({ platform: 'teams', aadObjectId: person(key).teamsAadObjectId, tenantId: TENANT })
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** Completes and submits a return through the services, as its lead (good answers, with evidence). */
async function complete(key: PersonKey, returnId: string) {
  const actor = await as(key)
  const count = (await services.audits.getReturnPage(actor, returnId, 0)).count
  for (let i = 0; i < count; i++)
    for (let appeared = true; appeared; ) {
      const page = await services.audits.getReturnPage(actor, returnId, i)
      const values: Record<string, unknown> = {}
      for (const q of page.questions) {
        const good = q.options?.find((o) => ['2', 'good', 'green', 'met', 'yes'].includes(o.value)) ?? q.options?.[0]
        values[q.id] = good ? good.value : q.kind === 'number' ? 40 : 'The board reviews it every quarter.'
        if (q.evidencePrompt) values[`${q.id}--evidence`] = 'https://intranet.example/evidence'
      }
      const saved = await services.audits.saveSection(actor, {
        returnId,
        sectionKey: page.sectionKey,
        seenVersion: page.version,
        values,
        nextSection: i + 1,
      })
      appeared = saved.appeared.length > 0
    }
  await services.audits.submitReturn(actor, { returnId })
}

beforeAll(async () => {
  h = await startHarness({ env: NO_SUBMIT_LIMITS })
  services = createServices({ db: h.app.db, clock: { now: () => new Date() } })
})
afterAll(async () => h?.stop())

describe('playground: the QA chair\u2019s side of an audit', () => {
  let browser: BrowserPage | undefined
  let page: Page
  let problems: string[] = []
  let step = 0
  const shot = async (name: string) => {
    step += 1
    await page.screenshot({
      path: path.join(SHOTS, `audits-${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    })
  }
  const say = async (text: string) => {
    await page.getByLabel('Message', { exact: true }).fill(text)
    await page.getByRole('button', { name: 'Send' }).click()
  }

  beforeAll(async () => {
    if (!chromiumPath) return
    mkdirSync(SHOTS, { recursive: true })
    browser = await openPage()
    page = browser.page
    problems = browser.problems
  })
  afterAll(async () => {
    await browser?.close()
  })

  it.skipIf(!chromiumPath)(
    'plans, reads the summary, moderates a return and reads a case',
    { timeout: 180_000 },
    async () => {
      const gareth = await as('gareth')
      await page.goto(`${h.app.url}/`)
      await page.locator('body[data-ready="true"]').waitFor()
      await page.getByLabel('You are').selectOption('gareth')
      const chat = page.getByRole('log', { name: 'Your chat with Learning Loop' })

      // The plan form, from a command.
      await say('plan audit')
      await chat.getByText('Each participant\u2019s lead is told 1:1 when the audit opens').waitFor()
      await shot('plan-form')

      // A Section 11 audit with the police's return signed off (through the services), then its summary.
      const tool = async (key: string) => (await h.app.db.auditTool.findFirstOrThrow({ where: { key } })).id
      const s11 = await services.audits.planAudit(gareth, {
        formToken: randomUUID(),
        type: 'section-11',
        title: 'Section 11 audit 2026',
        toolId: await tool('section-11'),
        participants: ['police', 'health', 'csc'],
        openingDate: day(0),
        deadline: day(30),
      })
      const police = await h.app.db.auditReturn.findFirstOrThrow({
        where: { auditId: s11.auditId, participantKey: 'agency:police' },
      })
      await complete('dana', police.id)
      await services.audits.signOffReturn(await as('joanne'), { returnId: police.id })
      await say(`audit ${s11.reference}`)
      await chat.getByText('1 of 3 returns received.').waitFor()
      await shot('summary')

      // Moderation from the return's card: one rating changed with a reason, the rest agreed.
      await say('my audits')
      await chat.getByRole('button', { name: 'Moderate the return' }).last().click()
      await chat.getByText('Standards (11)').waitFor()
      await shot('return-to-moderate')
      await chat.getByRole('button', { name: 'Change the rating' }).nth(7).click()
      await chat.getByText('Self-assessed: 2: in place and working.').waitFor()
      await chat.getByLabel('Moderated rating').selectOption({ label: '1: partly in place' })
      await chat
        .getByLabel('Reason for the change')
        .fill('The latest check found 4 criminal record checks out of date.')
      await shot('change-a-rating')
      await chat.getByRole('button', { name: 'Record moderation' }).click()
      await chat.getByText('Safer recruitment: moderation recorded.').waitFor()
      for (let i = 0; i < 10; i++) {
        await chat.getByRole('button', { name: 'Agree', exact: true }).first().click()
        await chat.getByText('you agreed with the self-assessed rating').last().waitFor()
      }
      await chat.getByRole('button', { name: 'Finish moderation' }).click()
      await chat.getByText('Moderation finished with 1 rating changed.').waitFor()
      await shot('moderation-finished')

      // A case audit whose two parts are in: the case card shows both agencies' grades.
      const caseAudit = await services.audits.planAudit(gareth, {
        formToken: randomUUID(),
        type: 'case-audit',
        title: 'Neglect case audit',
        toolId: await tool('case-audit'),
        theme: 'Neglect',
        participants: ['police', 'health'],
        openingDate: day(0),
        deadline: day(30),
      })
      const kase = await services.audits.selectCase(gareth, {
        formToken: randomUUID(),
        auditId: caseAudit.auditId,
        rows: [
          { agencyKey: 'police', reference: 'NP-26-4471' },
          { agencyKey: 'health', reference: 'RX9-118823' },
        ],
      })
      for (const [key, agency] of [
        ['dana', 'police'],
        ['sam', 'health'],
      ] as const) {
        const part = await h.app.db.auditReturn.findFirstOrThrow({
          where: { caseId: kase.caseId, participantKey: { endsWith: `:${agency}` } },
        })
        await complete(key, part.id)
      }
      await say(`audit ${caseAudit.reference}`)
      await chat.getByRole('button', { name: 'Open Case 1' }).last().click()
      await chat.getByText('Grades by area').waitFor()
      await shot('case-card')
      expect(problems).toEqual([])
    },
  )
})
