/**
 * The training web pages (issue 13), served in every environment:
 *
 * - GET /training/results?t=… : a course's full results from the link on its results card (signed, 8 hours,
 *   rights checked again by the service): charts drawn on the server as SVG with vega-lite and vega, each with a
 *   text alternative, and the figures as data tables. GET /training/results.xlsx?t=… : the same as a spreadsheet
 *   (exceljs). Both show only aggregates: nothing on them says who gave an answer.
 * - GET and POST /s/<link> : a survey's public link for children and families: no sign-in, no personal details,
 *   readable on a phone (no script, large targets), rate-limited per caller (web/address-limiter.ts, in memory,
 *   keyed addresses forgotten when their window passes) and per survey, with a hidden box robots fill in and a
 *   signed form token that must be a few seconds old. Nothing about the device is stored or logged.
 *
 * The pages call services only; they never touch the database or check permissions themselves.
 */
import ExcelJS from 'exceljs'
import express, { type Express, type Request, type Response } from 'express'
import type { TopLevelSpec } from 'vega-lite'
import { labelledSvg } from './charts.js'
import type { Clock } from '../lib/clock.js'
import { errorSummary } from '../lib/db-errors.js'
import { isAppError } from '../lib/errors.js'
import type { Logger } from '../lib/logger.js'
import { formatDate } from '../services/calendar/dates.js'
import type { Services } from '../services/index.js'
import type { CourseResults, PublicSurvey, ResultsBlock } from '../services/training/index.js'
import { AddressLimiter } from './address-limiter.js'

export type TrainingPagesDeps = { services: Services; log: Logger; clock: Clock }

const FRAME_ANCESTORS =
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft " +
  'https://*.office.com https://outlook.office.com'

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const STYLE = `
body{font-family:"Segoe UI",system-ui,sans-serif;margin:0 auto;padding:1rem;max-width:52rem;line-height:1.5;color:#242424}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}figure{margin:1rem 0}figcaption{font-size:.95rem}.note{color:#555;font-size:.95rem}
.quote{border-left:4px solid #6264a7;padding-left:.75rem;margin:.5rem 0}
fieldset{border:0;padding:0;margin:1.25rem 0}legend{font-weight:600;margin-bottom:.4rem}
label.choice{display:flex;gap:.6rem;align-items:center;padding:.55rem .4rem;font-size:1.05rem;min-height:2.75rem}
input[type=radio],input[type=checkbox]{width:1.4rem;height:1.4rem}
textarea{width:100%;min-height:6rem;font:inherit;font-size:1rem;padding:.5rem;box-sizing:border-box}
button{font:inherit;font-size:1.1rem;padding:.75rem 1.5rem;background:#464775;color:#fff;border:0;border-radius:4px;width:100%}
.error{color:#a4262c;font-weight:600}.hidden-box{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.good{color:#0b6a0b;font-weight:600}`

function page(res: Response, title: string, body: string, options: { frame?: boolean; status?: number } = {}) {
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      "img-src 'self' data:",
      "form-action 'self'",
      "base-uri 'none'",
      options.frame ? FRAME_ANCESTORS : "frame-ancestors 'none'",
    ].join('; '),
  )
  res.setHeader('cache-control', 'no-store')
  res.setHeader('referrer-policy', 'no-referrer')
  res
    .status(options.status ?? 200)
    .type('html')
    .send(
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>` +
        `<style>${STYLE}</style></head><body>${body}</body></html>`,
    )
}

// ---------------------------------------------------------------- charts

/** A vega-lite chart drawn to SVG on the server (web/charts.ts), labelled for screen readers. */
const chart = (spec: TopLevelSpec, label: string): Promise<string> => labelledSvg(spec, label)

const fmt = (v: number | null, places = 1) => (v === null ? 'not shown' : v.toFixed(places))
const pct = (v: number | null) => (v === null ? 'not shown' : `${Math.round(v * 100)}%`)

/** The confidence chart: mean before and after for each learning outcome (only those shown). */
async function confidenceChart(r: CourseResults): Promise<string> {
  const values = r.course.outcomes.flatMap((o, i) =>
    o.uplift === null
      ? []
      : [
          { outcome: `Outcome ${i + 1}`, stage: '1. Before', mean: o.before.value },
          { outcome: `Outcome ${i + 1}`, stage: '2. After', mean: o.after.value },
        ],
  )
  if (!values.length) return '<p class="note">No outcome has enough answers for a chart yet.</p>'
  const text = r.course.outcomes
    .map((o, i) =>
      o.uplift === null
        ? `Outcome ${i + 1}: not shown.`
        : `Outcome ${i + 1}: ${fmt(o.before.value)} before, ${fmt(o.after.value)} after, up ${fmt(o.uplift)}.`,
    )
    .join(' ')
  const svg = await chart(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 480,
      height: 220,
      data: { values },
      mark: 'bar',
      encoding: {
        x: { field: 'outcome', type: 'nominal', title: null, axis: { labelAngle: 0 } },
        xOffset: { field: 'stage' },
        y: { field: 'mean', type: 'quantitative', title: 'Mean confidence (1 to 5)', scale: { domain: [0, 5] } },
        color: { field: 'stage', type: 'nominal', title: null, scale: { range: ['#a6a7dc', '#464775'] } },
      },
    },
    `Confidence before and after the course, by learning outcome. ${text}`,
  )
  return `<figure>${svg}<figcaption>Text alternative: ${escapeHtml(text)}</figcaption></figure>`
}

/** Relevance and quality per session, over time (sessions with enough answers). */
async function sessionsChart(r: CourseResults): Promise<string> {
  const values = r.sessions.flatMap((s) => [
    ...(s.relevance.value !== null ? [{ date: s.date, measure: 'Relevance', mean: s.relevance.value }] : []),
    ...(s.quality.value !== null ? [{ date: s.date, measure: 'Quality', mean: s.quality.value }] : []),
  ])
  if (!values.length) return '<p class="note">No session has enough answers for a chart over time yet.</p>'
  const text = r.sessions
    .map((s) => `${formatDate(s.date)}: relevance ${fmt(s.relevance.value)}, quality ${fmt(s.quality.value)}.`)
    .join(' ')
  const svg = await chart(
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 480,
      height: 200,
      data: { values },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'date', type: 'temporal', title: 'Session', timeUnit: 'yearmonthdate' },
        y: { field: 'mean', type: 'quantitative', title: 'Mean (1 to 5)', scale: { domain: [0, 5] } },
        color: { field: 'measure', type: 'nominal', title: null },
      },
    },
    `Relevance and quality by session. ${text}`,
  )
  return `<figure>${svg}<figcaption>Text alternative: ${escapeHtml(text)}</figcaption></figure>`
}

// ---------------------------------------------------------------- the results page

/** "60% yes, 30% partly (n = 10)", or "not shown (n = 3)" below the minimum. */
const shares = (yes: number | null, partly: number | null, n: number) =>
  yes === null ? `not shown (n = ${n})` : `${pct(yes)} yes, ${pct(partly)} partly (n = ${n})`

function blockRows(b: ResultsBlock): [string, string][] {
  return [
    ['Asked straight after', String(b.invited)],
    ['Answered', String(b.answered)],
    ['Response rate', pct(b.responseRate)],
    ['Relevance (mean, 1 to 5)', `${fmt(b.relevance.value)} (n = ${b.relevance.n})`],
    ['Quality (mean, 1 to 5)', `${fmt(b.quality.value)} (n = ${b.quality.n})`],
    ['Applied it at follow-up', shares(b.followUp.applied.value, b.followUp.partly.value, b.followUp.answered)],
    ['Managers who saw a change', shares(b.managers.sawChange.value, b.managers.partly.value, b.managers.answered)],
  ]
}

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('')}</tbody></table>`

async function resultsHtml(r: CourseResults): Promise<string> {
  const outcomes = table(
    ['Learning outcome', 'Before (mean, n)', 'After (mean, n)', 'Uplift'],
    r.course.outcomes.map((o, i) => [
      `${i + 1}. ${o.outcome}`,
      `${fmt(o.before.value)} (n = ${o.before.n})`,
      `${fmt(o.after.value)} (n = ${o.after.n})`,
      o.uplift === null ? 'not shown' : `${o.uplift >= 0 ? '+' : ''}${o.uplift.toFixed(2)}`,
    ]),
  )
  const sessions = table(
    ['Session', 'Attended', 'Response rate', 'Relevance', 'Quality', 'Applied at follow-up', 'Managers saw a change'],
    r.sessions.map((s) => [
      formatDate(s.date),
      String(s.attended),
      `${pct(s.responseRate)} (${s.answered} of ${s.invited})`,
      fmt(s.relevance.value),
      fmt(s.quality.value),
      pct(s.followUp.applied.value),
      pct(s.managers.sawChange.value),
    ]),
  )
  const quotes = r.course.quotes.length
    ? r.course.quotes.map((q) => `<p class="quote">\u201c${escapeHtml(q)}\u201d</p>`).join('')
    : '<p class="note">No quotes to show yet.</p>'
  return `<h1>${escapeHtml(r.reference)}: ${escapeHtml(r.title)}</h1>
<p class="note">${r.anonymous ? 'Answers are anonymous.' : 'Answers are named.'} Any figure from fewer than ${r.minAnswers} answer${r.minAnswers === 1 ? '' : 's'} is not shown, so nobody can be picked out. "n" is the number of answers behind a figure.</p>
<h2>The course, all sessions</h2>${table(['Measure', 'Value'], blockRows(r.course))}
<h2>Confidence by learning outcome</h2>${await confidenceChart(r)}${outcomes}
<h2>Sessions over time</h2>${await sessionsChart(r)}${sessions}
<h2>What people said</h2>${quotes}`
}

async function resultsWorkbook(r: CourseResults): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Learning Loop'
  const course = book.addWorksheet('Course')
  course.addRow([`${r.reference}: ${r.title}`])
  course.addRow([`Figures from fewer than ${r.minAnswers} answers are left blank.`])
  course.addRow([])
  course.addRow(['Measure', 'Value'])
  for (const [k, v] of blockRows(r.course)) course.addRow([k, v])
  const outcomes = book.addWorksheet('Outcomes')
  outcomes.addRow(['Learning outcome', 'Mean before', 'n before', 'Mean after', 'n after', 'Uplift'])
  for (const o of r.course.outcomes)
    outcomes.addRow([o.outcome, o.before.value, o.before.n, o.after.value, o.after.n, o.uplift])
  const sessions = book.addWorksheet('Sessions')
  sessions.addRow([
    'Session date',
    'Attended',
    'Asked',
    'Answered',
    'Response rate',
    'Relevance',
    'Quality',
    'Applied (share yes)',
    'Managers saw a change (share yes)',
  ])
  for (const s of r.sessions)
    sessions.addRow([
      formatDate(s.date),
      s.attended,
      s.invited,
      s.answered,
      s.responseRate,
      s.relevance.value,
      s.quality.value,
      s.followUp.applied.value,
      s.managers.sawChange.value,
    ])
  const quotes = book.addWorksheet('Quotes')
  quotes.addRow(['Example quotes'])
  for (const q of r.course.quotes) quotes.addRow([q])
  for (const sheet of [course, outcomes, sessions, quotes]) sheet.getRow(1).font = { bold: true }
  return Buffer.from(await book.xlsx.writeBuffer())
}

// ---------------------------------------------------------------- the public survey

function surveyHtml(
  token: string,
  s: PublicSurvey,
  state: { values?: Record<string, unknown>; errors?: Record<string, string> } = {},
): string {
  const v = state.values ?? {}
  const errors = state.errors ?? {}
  const chosen = (slot: string, value: string) => {
    const x = v[slot]
    return (Array.isArray(x) ? x.map(String) : x === undefined ? [] : [String(x)]).includes(value) ? ' checked' : ''
  }
  const fields = s.fields
    .map((f) => {
      const error = errors[f.slot] ? `<p class="error" id="${f.slot}-error">${escapeHtml(errors[f.slot]!)}</p>` : ''
      const described = errors[f.slot] ? ` aria-describedby="${f.slot}-error"` : ''
      if (f.kind === 'text') {
        const value = typeof v[f.slot] === 'string' ? escapeHtml(String(v[f.slot])) : ''
        return `<fieldset><legend><label for="${f.slot}">${escapeHtml(f.label)}</label></legend>${error}<textarea id="${f.slot}" name="${f.slot}" maxlength="${f.maxLength ?? 1000}"${described}>${value}</textarea></fieldset>`
      }
      const type = f.kind === 'multiple' ? 'checkbox' : 'radio'
      const choices = f.options
        .map(
          (o) =>
            `<label class="choice"><input type="${type}" name="${f.slot}" value="${escapeHtml(o.value)}"${chosen(f.slot, o.value)}${f.required && type === 'radio' ? ' required' : ''}> ${escapeHtml(o.label)}</label>`,
        )
        .join('')
      return `<fieldset${described}><legend>${escapeHtml(f.label)}${f.required ? '' : ' (optional)'}</legend>${error}${choices}</fieldset>`
    })
    .join('')
  const formError = errors.form ? `<p class="error" role="alert">${escapeHtml(errors.form)}</p>` : ''
  const sensitive = Object.values(errors).some((e) => e.includes('looks like'))
  return `<h1>${escapeHtml(s.title)}</h1>
<p>This survey is anonymous. Do not write your name or anyone else's. Nothing about you or your device is kept.</p>
${s.intro ? `<p>${escapeHtml(s.intro)}</p>` : ''}
${s.closesOn ? `<p class="note">Open until ${escapeHtml(formatDate(s.closesOn))}.</p>` : ''}
${formError}
<form method="post" action="/s/${escapeHtml(token)}">
<input type="hidden" name="formToken" value="${escapeHtml(s.formToken)}">
<div class="hidden-box" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
${fields}
${sensitive ? '<fieldset><label class="choice"><input type="checkbox" name="confirmSensitive" value="true"> I have checked: nobody can be identified from what I wrote</label></fieldset>' : ''}
<button type="submit">Send my answers</button>
</form>`
}

/** Form values as the survey reads them: "true" ticks become booleans. */
function formValues(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!body || typeof body !== 'object') return out
  for (const [k, v] of Object.entries(body as Record<string, unknown>))
    out[k] = k === 'confirmSensitive' ? v === 'true' : v
  return out
}

/** Mounts the results page, its spreadsheet, and the public survey link. */
export function mountTrainingPages(app: Express, deps: TrainingPagesDeps): { limiters: AddressLimiter[] } {
  const now = () => deps.clock.now().getTime()
  /** Per caller: 30 page loads and 5 answers each 10 minutes; per survey: 300 answers an hour from everyone. */
  const views = new AddressLimiter(30, 600_000, now)
  const answers = new AddressLimiter(5, 600_000, now)
  const perSurvey = new AddressLimiter(300, 3_600_000, now)
  const address = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown'
  const tooMany = (res: Response) =>
    page(
      res,
      'Please wait',
      '<h1>Please wait a few minutes</h1><p>Too many answers came from here at once. Please try again later.</p>',
      {
        status: 429,
      },
    )

  const failed = (res: Response, error: unknown, what: string) => {
    if (isAppError(error))
      return page(res, 'Not available', `<h1>Not available</h1><p>${escapeHtml(error.userMessage)}</p>`, {
        status: 404,
      })
    deps.log.error({ err: errorSummary(error) }, what)
    page(res, 'Something went wrong', '<h1>Something went wrong</h1><p>Please try again in a few minutes.</p>', {
      status: 500,
    })
  }

  app.get('/training/results', async (req, res) => {
    try {
      const r = await deps.services.training.resultsForLink(String(req.query.t ?? ''))
      page(res, `Results: ${r.title}`, await resultsHtml(r), { frame: true })
    } catch (error) {
      failed(res, error, 'training results page failed')
    }
  })

  app.get('/training/results.xlsx', async (req, res) => {
    try {
      const r = await deps.services.training.resultsForLink(String(req.query.t ?? ''))
      res.setHeader('cache-control', 'no-store')
      res.setHeader('content-disposition', `attachment; filename="${r.reference}-results.xlsx"`)
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await resultsWorkbook(r))
    } catch (error) {
      failed(res, error, 'training results spreadsheet failed')
    }
  })

  app.get('/s/:token', async (req, res) => {
    if (!views.allow(address(req))) return tooMany(res)
    try {
      const token = String(req.params.token)
      const s = await deps.services.training.getPublicSurvey(token)
      if (!s.isOpen)
        return page(
          res,
          s.title,
          `<h1>${escapeHtml(s.title)}</h1><p>This survey has closed. Thank you for your interest.</p>`,
        )
      page(res, s.title, surveyHtml(token, s))
    } catch (error) {
      failed(res, error, 'public survey page failed')
    }
  })

  app.post('/s/:token', express.urlencoded({ extended: false, limit: '32kb' }), async (req, res) => {
    const token = String(req.params.token)
    if (!answers.allow(address(req)) || !perSurvey.allow(token)) return tooMany(res)
    const values = formValues(req.body)
    try {
      await deps.services.training.answerPublicSurvey(token, values)
      page(
        res,
        'Thank you',
        '<h1>Thank you</h1><p class="good">Your answers were sent. Nothing that identifies you was kept.</p>',
      )
    } catch (error) {
      if (isAppError(error) && (error.code === 'INVALID_INPUT' || error.code === 'SENSITIVE_TEXT')) {
        try {
          const s = await deps.services.training.getPublicSurvey(token)
          return page(res, s.title, surveyHtml(token, s, { values, errors: error.fieldErrors }), { status: 400 })
        } catch (again) {
          return failed(res, again, 'public survey page failed')
        }
      }
      failed(res, error, 'public survey answer failed')
    }
  })

  return { limiters: [views, answers, perSurvey] }
}
