/**
 * The tab's pages as HTML, drawn on the server from what the services return: the dashboard of a scope (the
 * three questions, a chart and a table per panel, the story behind the curve), and a person's own items.
 * Every text is escaped; nothing here reads the database or decides who may see what.
 */
import type { ActionLine } from '../../services/actions/index.js'
import type { Dashboard, InsightScope, Panel, RecurrenceFlagView, ThemeLoop } from '../../services/insight/index.js'
import { OBA_QUESTIONS } from '../../services/insight/index.js'
import type { ReferralSummary } from '../../services/referrals/index.js'
import { trendSvg } from '../charts.js'

/** HTML-escapes a text. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** The query string of a scope's dashboard link. */
function scopeQuery(scope: InsightScope): string {
  return scope.kind === 'partnership' ? 'scope=partnership' : `scope=${scope.kind}&key=${encodeURIComponent(scope.key)}`
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** "3 Mar 2026". */
const day = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`

function figure(p: Panel): string {
  if (p.value === null) return `<p class="figure none">${esc(p.empty ?? 'Nothing to measure yet.')}</p>`
  if (p.unit === 'count') return `<p class="figure"><strong>${p.value.toLocaleString('en-GB')}</strong></p>`
  if (p.unit === 'points')
    return `<p class="figure"><strong>${p.value > 0 ? '+' : ''}${p.value}</strong> <span>points, from ${p.n.toLocaleString('en-GB')} answers</span></p>`
  return `<p class="figure"><strong>${p.value}%</strong> <span>of ${p.n.toLocaleString('en-GB')}</span></p>`
}

function trendTable(p: Panel): string {
  const rows = p.trend
    .map((t) => {
      const value = t.value === null ? '–' : p.unit === 'share' ? `${t.value}%` : t.value.toLocaleString('en-GB')
      return `<tr><th scope="row">${esc(t.quarter)}</th><td>${value}</td>${p.unit === 'count' ? '' : `<td>${t.n}</td>`}</tr>`
    })
    .join('')
  const head = p.unit === 'count' ? '<th scope="col">Number</th>' : '<th scope="col">Share</th><th scope="col">Of</th>'
  return `<details><summary>The figures by quarter</summary><table><caption class="visually-hidden">${esc(p.label)}
    by quarter</caption><thead><tr><th scope="col">Quarter</th>${head}</tr></thead><tbody>${rows}</tbody></table></details>`
}

function breakdown(p: Panel): string {
  if (!p.breakdown?.length) return ''
  const rows = p.breakdown
    .map(
      (b) =>
        `<tr><th scope="row">${esc(b.label)}</th><td>${b.value === null ? '–' : `${b.value}%`}</td><td>${b.n}</td></tr>`,
    )
    .join('')
  return `<table class="breakdown"><caption>By agency</caption><thead><tr><th scope="col">Agency</th>
    <th scope="col">On time</th><th scope="col">Due</th></tr></thead><tbody>${rows}</tbody></table>`
}

function story(p: Panel, d: Dashboard): string {
  const shown = p.story
    ? `<blockquote class="story"><p>${esc(p.story.text)}</p><footer>${esc(p.story.by)}, ${day(p.story.on)}</footer></blockquote>`
    : ''
  if (!d.canWriteStory) return shown
  const scope = d.scope.kind === 'partnership' ? '' : `<input type="hidden" name="key" value="${esc(d.scope.key)}">`
  return `${shown}<details class="write"><summary>Write the story behind the curve</summary>
    <form class="story-form" data-post="/tab/api/story">
    <input type="hidden" name="panelKey" value="${esc(p.key)}"><input type="hidden" name="kind" value="${d.scope.kind}">${scope}
    <label for="story-${esc(p.key)}">The story behind the curve</label>
    <textarea id="story-${esc(p.key)}" name="text" rows="3" maxlength="1500" aria-describedby="story-${esc(p.key)}-help"></textarea>
    <p id="story-${esc(p.key)}-help" class="help">What lies behind these figures, and what is being done. Dated and
    signed with your name. No names or details of children or families.</p>
    <p class="error" role="alert" data-error-for="text"></p>
    <button type="submit">Save the story</button></form></details>`
}

async function panelHtml(p: Panel, d: Dashboard): Promise<string> {
  // Nothing to draw: no measure in any quarter, or no count above zero.
  const chart = p.trend.some((t) => t.value) ? await trendSvg(p.label, p.unit, p.trend) : ''
  return `<section class="panel" aria-labelledby="panel-${esc(p.key)}"><h3 id="panel-${esc(p.key)}">${esc(p.label)}</h3>
    ${figure(p)}<div class="chart">${chart}</div>${trendTable(p)}${breakdown(p)}${story(p, d)}</section>`
}

/**
 * The OBA quadrant (DOMAIN.md §5): quantity and quality of effort above, of effect below; the lower right
 * (% better off) matters most. Each cell lists its measures' headline figures; the panels below have the detail.
 */
function quadrant(d: Dashboard): string {
  const line = (p: Panel, text: string) => `<li><a href="#panel-${esc(p.key)}">${esc(p.label)}</a>: ${esc(text)}</li>`
  const headline = (p: Panel) =>
    p.value === null
      ? 'nothing to measure'
      : p.unit === 'share'
        ? `${p.value}% of ${p.n}`
        : p.value.toLocaleString('en-GB')
  const better = d.panels.filter((p) => p.question === 'better-off')
  const cells = [
    [
      'How much did we do?',
      'Quantity of effort',
      d.panels.filter((p) => p.question === 'how-much').map((p) => line(p, headline(p))),
    ],
    [
      'How well did we do it?',
      'Quality of effort',
      d.panels.filter((p) => p.question === 'how-well').map((p) => line(p, headline(p))),
    ],
    [
      'Is anyone better off? (#)',
      'Quantity of effect',
      better.map((p) =>
        line(
          p,
          p.value === null
            ? 'nothing to measure'
            : p.unit === 'points'
              ? `${p.n} answers`
              : `${Math.round((p.value * p.n) / 100)} of ${p.n}`,
        ),
      ),
    ],
    ['Is anyone better off? (%)', 'Quality of effect: what matters most', better.map((p) => line(p, headline(p)))],
  ] as const
  const html = cells
    .map(
      ([title, kind, items]) =>
        `<div class="cell"><h3>${esc(title)}</h3><p class="help">${esc(kind)}</p><ul>${items.join('') || '<li>No measure yet.</li>'}</ul></div>`,
    )
    .join('')
  return `<section aria-labelledby="quadrant"><h2 id="quadrant">The quadrant</h2><div class="quadrant">${html}</div></section>`
}

/** Lessons that came back: each flag's sentence and, once answered, the chair's response. */
function recurrencesHtml(flags: RecurrenceFlagView[]): string {
  if (!flags.length) return ''
  const items = flags
    .map((f) => {
      const answer = f.response
        ? `<p class="help">Response: ${esc(f.response.label)}${f.response.note ? ` (${esc(f.response.note)})` : ''}, ` +
          `${esc(f.response.by)}, ${day(f.response.on)}.</p>`
        : '<p class="help">Waiting for the chair’s response.</p>'
      return `<li><p>${esc(f.sentence)}</p>${answer}</li>`
    })
    .join('')
  return `<section aria-labelledby="recurrences"><h2 id="recurrences">Lessons that came back (${flags.length})</h2>
    <ul class="flags">${items}</ul></section>`
}

/** The chain for a theme: findings, the actions they became, verification and impact; where it is broken. */
function loopHtml(loop: ThemeLoop): string {
  if (!loop.findings.length)
    return `<section aria-labelledby="loop"><h2 id="loop">The loop for ${esc(loop.theme)}</h2>
      <p>No finding has been tagged with this theme yet.</p>${followedHtml(loop)}</section>`
  const rows = loop.findings
    .map((f) => {
      const actions = f.actions.length
        ? f.actions
            .map((a) => {
              const verified = a.verifiedOn ? `verified ${day(a.verifiedOn)}` : 'not verified yet'
              const impact = a.impact
                ? `impact: ${esc(a.impact)}`
                : a.impactOverdue
                  ? '<strong>impact check overdue</strong>'
                  : 'impact not checked yet'
              return `${esc(a.reference)} (${verified}; ${impact})`
            })
            .join('<br>')
        : f.noAction
          ? '<strong>No action: the loop is broken here</strong>'
          : '–'
      const kind = f.kind === 'improvement' ? 'Area for improvement' : 'Good practice'
      const source = f.from === 'audit' ? `${esc(f.source)} (audit)` : esc(f.source)
      return `<tr><th scope="row">${source}</th><td>${kind}</td><td>${day(f.recordedOn)}</td><td>${actions}</td></tr>`
    })
    .join('')
  const breaks = loop.breaks
    ? `${loop.breaks} place${loop.breaks === 1 ? '' : 's'} where the loop is broken.`
    : 'No break in the loop.'
  return `<section aria-labelledby="loop"><h2 id="loop">The loop for ${esc(loop.theme)}</h2><p>${breaks}</p>
    <table><thead><tr><th scope="col">Finding in</th><th scope="col">Kind</th><th scope="col">Recorded</th>
    <th scope="col">Actions</th></tr></thead><tbody>${rows}</tbody></table>${followedHtml(loop)}</section>`
}

/** What followed on the theme: the learning products sent and read, and the courses held and attended. */
function followedHtml(loop: ThemeLoop): string {
  const { products, courses } = loop.followedBy
  if (!products.length && !courses.length)
    return `<h3 class="followed">What followed</h3><p>No briefing or course on ${esc(loop.theme)} yet.</p>`
  const productItems = products.map(
    (p) =>
      `<li>${esc(p.reference)}: ${esc(p.title)} (${p.status === 'SENT' || p.sent ? `sent to ${p.sent}, read by ${p.read}` : 'not sent yet'})</li>`,
  )
  const courseItems = courses.map(
    (c) =>
      `<li>${esc(c.reference)}: ${esc(c.title)} (${c.sessions} session${c.sessions === 1 ? '' : 's'}, ${c.attended} attended)</li>`,
  )
  return `<h3 class="followed">What followed</h3><ul class="followed">${[...productItems, ...courseItems].join('')}</ul>`
}

/** The dashboard of one scope: navigation between the scopes the person may open, the period, the panels. */
export async function dashboardPage(
  d: Dashboard,
  scopes: { scope: InsightScope; label: string }[],
  extra: { recurrences?: RecurrenceFlagView[]; loop?: ThemeLoop } = {},
): Promise<{ title: string; html: string }> {
  const nav = scopes
    .map((s) => {
      const current = JSON.stringify(s.scope) === JSON.stringify(d.scope) ? ' aria-current="page"' : ''
      return `<li><a href="#" data-view="dashboard?${scopeQuery(s.scope)}"${current}>${esc(s.label)}</a></li>`
    })
    .join('')
  const sections = await Promise.all(
    (Object.keys(OBA_QUESTIONS) as (keyof typeof OBA_QUESTIONS)[]).map(async (q) => {
      const panels = d.panels.filter((p) => p.question === q)
      if (!panels.length) return ''
      const body = (await Promise.all(panels.map((p) => panelHtml(p, d)))).join('')
      return `<section class="question" aria-labelledby="q-${q}"><h2 id="q-${q}">${esc(OBA_QUESTIONS[q])}</h2>
        <div class="panels">${body}</div></section>`
    }),
  )
  const key = d.scope.kind === 'partnership' ? '' : `<input type="hidden" name="key" value="${esc(d.scope.key)}">`
  const html = `<h1>${esc(d.scopeLabel)}</h1>
    <nav aria-label="Dashboards you can open"><ul class="scopes">${nav}</ul></nav>
    <form class="period" data-view-form="dashboard"><input type="hidden" name="scope" value="${d.scope.kind}">${key}
      <label for="from">From</label><input id="from" name="from" type="date" value="${d.from}">
      <label for="to">To</label><input id="to" name="to" type="date" value="${d.to}">
      <button type="submit">Show</button></form>
    <p class="period-label">${day(d.from)} to ${day(d.to)}. Counts, dates and themes only: no case detail is shown here.</p>
    ${d.canDraftReport ? '<p><a href="#" data-view="report">Draft the yearly report</a></p>' : ''}
    ${quadrant(d)}
    ${extra.recurrences ? recurrencesHtml(extra.recurrences) : ''}${extra.loop ? loopHtml(extra.loop) : ''}
    ${sections.join('')}`
  return { title: d.scopeLabel, html }
}

/** A person's own items: the referrals they raised and the actions they own. */
export function myItemsPage(referrals: ReferralSummary[], actions: ActionLine[]): { title: string; html: string } {
  const refRows = referrals
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r.reference)}</th><td>${esc(r.statusLabel)}</td><td>${day(r.submittedAt)}</td></tr>`,
    )
    .join('')
  const actRows = actions
    .map(
      (a) =>
        `<tr><th scope="row">${esc(a.reference)}</th><td>${esc(a.what)}</td><td>${esc(a.statusLabel)}</td>` +
        `<td>${day(a.dueDate)}</td></tr>`,
    )
    .join('')
  const html = `<h1>Your items</h1>
    <p>What you have raised and what you own. Your partnership's dashboard is for the safeguarding partners,
    chairs and agency safeguarding leads.</p>
    <h2>Your referrals</h2>${
      refRows
        ? `<table><thead><tr><th scope="col">Reference</th><th scope="col">Status</th><th scope="col">Raised</th></tr>
          </thead><tbody>${refRows}</tbody></table>`
        : '<p>You have not raised a referral.</p>'
    }
    <h2>Your actions</h2>${
      actRows
        ? `<table><thead><tr><th scope="col">Reference</th><th scope="col">What</th><th scope="col">Status</th>
          <th scope="col">Due</th></tr></thead><tbody>${actRows}</tbody></table>`
        : '<p>You have no actions.</p>'
    }`
  return { title: 'Your items', html }
}

/** The yearly report page: the period, and the three downloads (Word, XLSX, CSV). */
export function reportPage(defaults: { from: string; to: string }): { title: string; html: string } {
  const html = `<h1>Yearly report</h1>
    <p>A draft of the partnership's yearly report for the period you choose: the figures and charts of the
    dashboard, the reviews undertaken and published, action progress by agency and the lessons that came back.
    It is yours to edit. Learning Loop records that you generated it and for which period.</p>
    <form class="period" data-download="/tab/api/yearly-report">
      <label for="report-from">From</label><input id="report-from" name="from" type="date" value="${defaults.from}">
      <label for="report-to">To</label><input id="report-to" name="to" type="date" value="${defaults.to}">
      <button type="submit" name="format" value="docx">Word document</button>
      <button type="submit" name="format" value="xlsx">Spreadsheet (XLSX)</button>
      <button type="submit" name="format" value="csv">Figures (CSV)</button>
      <p class="error" role="alert" data-error-for="to"></p>
    </form>`
  return { title: 'Yearly report', html }
}
