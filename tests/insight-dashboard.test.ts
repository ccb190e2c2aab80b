/**
 * The insight dashboard (issue 15) through the running app's tab pages, on a real PostgreSQL: who sees which
 * scope, the figures of a known history (arranged directly in the database: the stories that create them are
 * tested elsewhere), the quarterly trend, the breakdown by agency, and the story behind the curve written by
 * a chair, refused from someone else or with a child's name in it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness, type PersonKey } from './support/harness.js'
import { insertKnownActions, tabToken } from './support/insight-data.js'

let h: Harness
let mint: (key: PersonKey) => Promise<string>
const NOW = new Date('2026-11-24T10:00:00Z')

async function view(key: PersonKey, page: string) {
  const res = await fetch(`${h.app.url}/tab/view/${page}`, { headers: { authorization: `Bearer ${await mint(key)}` } })
  return { status: res.status, ...((await res.json()) as { title: string; html: string }) }
}

async function story(key: PersonKey, body: Record<string, string>) {
  const res = await fetch(`${h.app.url}/tab/api/story`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await mint(key)}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as { fieldErrors?: Record<string, string>; saved?: boolean } }
}

/** Only the text of the HTML, for checking what a reader sees. */
const words = (html: string) =>
  html
    .replace(/<svg[\s\S]*?<\/svg>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

beforeAll(async () => {
  h = await startHarness({ clock: { now: () => NOW } })
  mint = (key) => tabToken(h.app.url, key)
  await insertKnownActions(h.app.db)
})
afterAll(() => h?.stop())

describe('who sees which dashboard', () => {
  it('shows a safeguarding partner the partnership, with every sub-group, agency and theme to choose', async () => {
    const page = await view('mark', 'home')
    expect(page.status).toBe(200)
    const text = words(page.html)
    expect(text).toContain('Northshire Safeguarding Children Partnership')
    for (const q of ['How much did we do?', 'How well did we do it?', 'Is anyone better off?'])
      expect(text).toContain(q)
    for (const scope of ['Quality Assurance and Audit Sub-group', 'Northshire Police', 'Theme: Neglect'])
      expect(text).toContain(scope)
  })

  it('shows a sub-group chair their sub-group, and refuses them the partnership and another agency', async () => {
    const home = await view('gareth', 'home')
    expect(words(home.html)).toContain('Quality Assurance and Audit Sub-group')
    expect(home.html).not.toContain('Theme: Neglect')
    expect((await view('gareth', 'dashboard?scope=partnership')).status).toBe(403)
    expect((await view('gareth', 'dashboard?scope=agency&key=police')).status).toBe(403)
  })

  it("shows an agency's safeguarding lead their agency only", async () => {
    const home = await view('dana', 'home')
    expect(words(home.html)).toContain('Northshire Police')
    expect((await view('dana', 'dashboard?scope=agency&key=health')).status).toBe(403)
  })

  it('shows a practitioner only their own items', async () => {
    const home = await view('priya', 'home')
    expect(words(home.html)).toContain('Your items')
    expect(home.html).not.toContain('How well did we do it?')
    expect((await view('priya', 'dashboard?scope=partnership')).status).toBe(403)
  })

  it('lets scrutiny read the partnership but not write its story', async () => {
    const page = await view('robert', 'home')
    expect(page.status).toBe(200)
    expect(page.html).not.toContain('data-post="/tab/api/story"')
    const refused = await story('robert', { panelKey: 'actions-on-time', kind: 'partnership', text: 'Behind it.' })
    expect(refused.status).toBe(403)
  })
})

describe('the figures', () => {
  const period = 'dashboard?scope=partnership&from=2026-01-01&to=2026-11-24'

  it('counts actions done on time by quarter and by agency', async () => {
    const text = words((await view('claire', period)).html)
    // 5 due in the period, 3 completed by their due date.
    expect(text).toContain('Actions completed by their due date 60% of 5')
    expect(text).toMatch(/Jan–Mar 2026 75% 4/)
    expect(text).toMatch(/Jul–Sep 2026 0% 1/)
    expect(text).toMatch(/Northshire Police 50% 2/)
    expect(text).toMatch(/Northshire NHS Foundation Trust 66\.7% 3/)
  })

  it('shows the share of impact checks that found the measure met', async () => {
    const text = words((await view('claire', period)).html)
    expect(text).toContain('Impact checks that found the measure of success met 50% of 2')
  })

  it("narrows an agency's dashboard to the actions it owns", async () => {
    const text = words((await view('dana', 'dashboard?scope=agency&key=police&from=2026-01-01&to=2026-11-24')).html)
    expect(text).toContain('Actions completed by their due date 50% of 2')
  })

  it('says when there is nothing to measure rather than showing zero', async () => {
    const text = words((await view('claire', period)).html)
    expect(text).toContain('No serious incident was notified in this period.')
  })

  it('draws each chart with a text alternative', async () => {
    const html = (await view('claire', period)).html
    expect(html).toMatch(/<svg role="img" aria-label="Actions completed by their due date\. Jan–Mar 2026: 75%/)
  })

  it('refuses a period that ends before it starts, in words', async () => {
    const page = await view('claire', 'dashboard?scope=partnership&from=2026-06-01&to=2026-01-01')
    expect(page.status).toBe(400)
    expect(words(page.html)).toContain('Please check the highlighted answers.')
  })
})

describe('the story behind the curve', () => {
  it('is written by the chair, dated and attributed on their dashboard', async () => {
    const saved = await story('gareth', {
      panelKey: 'actions-on-time',
      kind: 'sub-group',
      key: 'qa-audit',
      text: 'Two agencies changed their escalation policy late; both now report monthly.',
    })
    expect(saved).toEqual({ status: 200, body: { saved: true } })
    const text = words((await view('gareth', 'dashboard?scope=sub-group&key=qa-audit')).html)
    expect(text).toContain('Two agencies changed their escalation policy late; both now report monthly.')
    expect(text).toContain('Gareth Lloyd, 24 Nov 2026')
    const audit = await h.app.db.auditEvent.findFirstOrThrow({ where: { action: 'INSIGHT_STORY_WRITTEN' } })
    expect(audit.after).toEqual({ panelKey: 'actions-on-time', scopeKind: 'sub-group', fields: ['text'] })
  })

  it('is refused, next to the field, when it names a child', async () => {
    const refused = await story('gareth', {
      panelKey: 'actions-on-time',
      kind: 'sub-group',
      key: 'qa-audit',
      text: 'This is mostly about Olivia Smith, born 03/04/2019.',
    })
    expect(refused.status).toBe(400)
    expect(refused.body.fieldErrors?.text).toMatch(/identify/)
    expect(await h.app.db.panelStory.count()).toBe(1)
  })

  it("is refused from a chair for another sub-group's dashboard", async () => {
    const refused = await story('helen', {
      panelKey: 'actions-on-time',
      kind: 'sub-group',
      key: 'qa-audit',
      text: 'Mine.',
    })
    expect(refused.status).toBe(403)
  })
})
