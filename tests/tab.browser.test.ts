/**
 * The Teams tab in a real browser (issue 15): Debian's Chromium through playwright-core opens every tab page as
 * a safeguarding partner, a sub-group chair, an agency's safeguarding lead and a practitioner, signed in the
 * way the playground signs people in, checks each with axe (no serious or critical violation, WCAG 2.2 AA
 * rules), at 320 px wide and in Teams' dark and high-contrast themes too, and saves a screenshot of each in
 * test-results/tab/. It also opens the tab from the playground's button, as a developer would.
 */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath } from './support/browser.js'
import { startHarness, type Harness } from './support/harness.js'
import { insertKnownActions, tabToken } from './support/insight-data.js'

const require = createRequire(import.meta.url)
const SHOTS = path.resolve('test-results', 'tab')
const AXE = require.resolve('axe-core/axe.min.js')

type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] }

/** Serious and critical violations of the WCAG 2.x A and AA rules (and best practice) on the page as it is. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    }),
  )) as { violations: Violation[] }
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe.skipIf(!chromiumPath)('the Teams tab in a browser', () => {
  let h: Harness
  let browser: Browser
  const NOW = new Date('2026-11-24T10:00:00Z')

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    h = await startHarness({ clock: { now: () => NOW } })
    await insertKnownActions(h.app.db)
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] })
  })
  afterAll(async () => {
    await browser?.close()
    await h?.stop()
  })

  async function open(who: string, width = 1280, theme?: 'dark' | 'contrast'): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${h.app.url}/tab#token=${await tabToken(h.app.url, who)}`)
    await page.locator('main h1').first().waitFor()
    if (theme) await page.evaluate((t) => document.body.classList.add(`theme-${t}`), theme)
    return page
  }

  for (const [who, role, heading] of [
    ['mark', 'safeguarding partner', 'Northshire Safeguarding Children Partnership'],
    ['gareth', 'sub-group chair', 'Quality Assurance and Audit Sub-group'],
    ['dana', 'safeguarding lead', 'Northshire Police'],
    ['priya', 'practitioner', 'Your items'],
  ] as const) {
    it(`shows a ${role} their page with no serious accessibility problem`, async () => {
      const page = await open(who)
      expect(await page.locator('main h1').first().textContent()).toBe(heading)
      await page.screenshot({ path: path.join(SHOTS, `${who}-home.png`), fullPage: true })
      expect(await seriousViolations(page)).toEqual([])
      await page.context().close()
    })
  }

  it("opens a practitioner's own items from the tab's own navigation", async () => {
    const page = await open('mark')
    await page.getByRole('link', { name: 'Your items' }).click()
    await page.locator('main h1', { hasText: 'Your items' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.context().close()
  })

  it('moves between scopes and periods, and writes the story behind the curve', async () => {
    const page = await open('mark')
    await page.getByRole('link', { name: 'Northshire Police' }).click()
    await page.locator('main h1', { hasText: 'Northshire Police' }).waitFor()
    await page.getByRole('link', { name: 'The partnership' }).click()
    await page.locator('main h1', { hasText: 'Northshire Safeguarding Children Partnership' }).waitFor()
    await page.getByLabel('From', { exact: true }).fill('2026-04-01')
    await page.getByRole('button', { name: 'Show' }).click()
    await page.getByText('1 Apr 2026 to 24 Nov 2026').waitFor()
    await page.locator('details.write:has(#story-actions-on-time) summary').click()
    const box = page.locator('#story-actions-on-time')
    await box.fill('Police actions slipped while the policy was rewritten.')
    await page.locator('form:has(#story-actions-on-time) button').click()
    await page.getByText('Mark Ellis, 24 Nov 2026').waitFor()
    await page.screenshot({ path: path.join(SHOTS, 'mark-story.png'), fullPage: true })
    await page.context().close()
  })

  it('is usable at 320 px wide and in the dark and high-contrast themes', async () => {
    for (const [name, width, theme] of [
      ['narrow', 320, undefined],
      ['dark', 1024, 'dark'],
      ['contrast', 1024, 'contrast'],
    ] as const) {
      const page = await open('mark', width, theme)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow, `${name}: the page scrolls sideways`).toBeLessThanOrEqual(0)
      await page.screenshot({ path: path.join(SHOTS, `mark-${name}.png`), fullPage: true })
      expect(await seriousViolations(page), name).toEqual([])
      await page.context().close()
    }
  })

  it('lets the business manager download the yearly report from the tab', async () => {
    const page = await open('claire')
    await page.getByRole('link', { name: 'Draft the yearly report' }).click()
    await page.locator('main h1', { hasText: 'Yearly report' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'claire-report.png'), fullPage: true })
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Word document' }).click(),
    ])
    expect(file.suggestedFilename()).toBe('yearly-report-2025-04-01-to-2026-03-31.docx')
    await page.context().close()
  })

  it("shows a theme's loop and a lesson that came back", async () => {
    const db = h.app.db
    const p = await db.partnership.findFirstOrThrow()
    const helen = await db.person.findFirstOrThrow({ where: { key: 'helen' } })
    const review = await db.review.create({
      data: {
        partnershipId: p.id,
        typeKey: 'lcspr',
        reference: 'NSCP-2026-0031',
        status: 'IN_PROGRESS',
        awarenessDate: new Date('2026-05-01'),
        startedAt: new Date('2026-05-10T09:00:00Z'),
        startedById: helen.id,
      },
    })
    await db.learningPoint.create({
      data: {
        reviewId: review.id,
        kind: 'improvement',
        text: 'Neglect was seen but not named.',
        themes: ['Neglect'],
        createdById: helen.id,
        createdAt: new Date('2026-09-01T09:00:00Z'),
      },
    })
    const verified = await db.action.findFirstOrThrow({ where: { completedAt: { not: null } } })
    await db.action.update({ where: { id: verified.id }, data: { verifiedAt: new Date('2026-03-03T10:00:00Z') } })
    await db.recurrenceFlag.create({
      data: {
        partnershipId: p.id,
        theme: 'Neglect',
        findingKind: 'learning-point',
        findingId: 'lp-shot',
        findingReference: 'NSCP-2026-0031',
        earlierActionIds: [verified.id],
        raisedAt: new Date('2026-09-01T09:00:00Z'),
      },
    })
    const page = await open('mark')
    await page.getByRole('link', { name: 'Theme: Neglect' }).click()
    await page.locator('main h1', { hasText: 'Theme: Neglect' }).waitFor()
    await page.getByText('Learning did not transfer: Neglect came back in NSCP-2026-0031').waitFor()
    await page.getByText('No action: the loop is broken here').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'mark-theme.png'), fullPage: true })
    await page.context().close()
  })

  it('says to open it in Teams when there is no sign-in', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${h.app.url}/tab`)
    await page.getByText('Please open Learning Loop in Microsoft Teams').waitFor()
    await context.close()
  })

  it("opens from the playground's button as the person chosen there", async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${h.app.url}/`)
    await page.locator('#person').selectOption('claire')
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByText('Open the Dashboard tab').click()])
    await tab!.locator('main h1', { hasText: 'Northshire Safeguarding Children Partnership' }).waitFor()
    await context.close()
  })
})
