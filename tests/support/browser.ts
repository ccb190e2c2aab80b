/**
 * Debian's Chromium for the browser tests (playwright-core): where it is, and a page in a fresh profile that
 * collects the page's errors and console errors, so a test can say the page had none.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'

/** Chromium's path, or undefined when it is not installed (the tests that need it are skipped). */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && existsSync(p)),
)

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']

export type BrowserPage = { context: BrowserContext; page: Page; problems: string[]; close(): Promise<void> }

/** A page in a new persistent profile, en-GB, the given size, with its errors collected in `problems`. */
export async function openPage(viewport = { width: 1280, height: 900 }): Promise<BrowserPage> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    locale: 'en-GB',
    args: LAUNCH_ARGS,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(15_000)
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  return {
    context,
    page,
    problems,
    async close() {
      await context.close()
      rmSync(userDataDir, { recursive: true, force: true })
    },
  }
}
