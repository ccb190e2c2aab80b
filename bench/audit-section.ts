/**
 * Issue 12 benchmark: the time to save one audit section through Teams (`task/submit` to /api/messages, the
 * section saved with its version check and audit event, the next page answered) for 50 auditors at once, each
 * working through a 60-question Section 11 tool (the seeded tool copied with 10 more questions), beside the
 * bare botbuilder handler and the durable floor (bench/bare-bot.ts) answering the same number of task module
 * submits at the same concurrency. Also prints the largest Teams card and Slack view the dialog produced, and
 * the largest Slack view with a message on every field. Its own embedded PostgreSQL in a temporary folder.
 * Run: npx tsx bench/audit-section.ts (BENCH_AUDITORS scales it).
 */
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { pino } from 'pino'
import { startApp } from '../app/start.js'
import { REGISTRY } from '../cards/registry.js'
import { dialogPageToModal } from '../cards/render/blockkit.js'
import { VERBS } from '../cards/verbs.js'
import { loadConfig } from '../lib/config.js'
import { createDb } from '../lib/db.js'
import { startEmbeddedDb } from '../lib/embedded-db.js'
import type { ToolDefinition } from '../services/audits/audit-tool.schema.js'
import { createServices } from '../services/index.js'
import { durableWrite, startBareBot } from './bare-bot.js'

const AUDITORS = Number(process.env.BENCH_AUDITORS ?? 50)
const EXTRA_QUESTIONS = 10
const LIFTED = '1000000'

const dir = await mkdtemp(path.join(tmpdir(), 'learning-loop-bench-audit-'))
// The temporary folder goes however the run ends (a failed run too); the database stops with this process.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
const embedded = await startEmbeddedDb({ dataDir: dir })
await embedded.ensureDatabase('bench')
const databaseUrl = embedded.urlFor('bench')
const connector = await startConnector()
const config = loadConfig({
  NODE_ENV: 'test',
  PORT: '0',
  DATABASE_URL: databaseUrl,
  SEED_DEMO: 'true',
  SLACK_ENABLED: 'false',
  RATE_LIMIT_ENDPOINT_PER_SECOND: LIFTED,
  RATE_LIMIT_ENDPOINT_BURST: LIFTED,
  RATE_LIMIT_PERSON_BURST: LIFTED,
  RATE_LIMIT_SUBMIT_BURST: LIFTED,
})
const app = await startApp(config, { logger: pino({ level: 'silent' }), scheduler: false })
const services = createServices({ db: app.db, clock: { now: () => new Date() }, deliver: () => app.outbox.kick() })
const agent = new http.Agent({ keepAlive: true, maxSockets: AUDITORS + 8 })

// ------------------------------------------------------------------ the auditors, their agencies, the audit

const partnership = await app.db.partnership.findFirstOrThrow()
const tenantId = partnership.teamsTenantId ?? 'bench-tenant'
const client = new pg.Client({ connectionString: databaseUrl })
await client.connect()
await client.query(
  `insert into "Agency" (id, "partnershipId", key, name)
   select gen_random_uuid(), $1, 'bench-' || g, 'Bench agency ' || g from generate_series(1, $2::int) g`,
  [partnership.id, AUDITORS + 1],
)
await client.query(
  `insert into "Person" (id, "partnershipId", key, name, "agencyId", "jobTitle", email, roles, active, "teamsAadObjectId")
   select gen_random_uuid(), $1, 'bench-lead-' || g, 'Lead ' || g,
          (select id from "Agency" where key = 'bench-' || g and "partnershipId" = $1),
          'Safeguarding lead', 'lead' || g || '@bench.example', array['safeguarding-lead'], true,
          '00000000-0000-4000-8000-' || lpad(g::text, 12, '0')
   from generate_series(1, $2::int) g`,
  [partnership.id, AUDITORS + 1],
)
await client.end()

const teamsIdentity = (aadObjectId: string) => ({ platform: 'teams' as const, aadObjectId, tenantId })
const garethAad = (await app.db.person.findFirstOrThrow({ where: { key: 'gareth' } })).teamsAadObjectId!
const gareth = await services.people.resolveActor(teamsIdentity(garethAad))
const seeded = await app.db.auditTool.findFirstOrThrow({ where: { key: 'section-11' }, orderBy: { version: 'desc' } })
const definition = structuredClone(seeded.definition) as ToolDefinition
// Ten more questions, one more in each of the first ten sections, so the tool asks 60.
for (let i = 0; i < EXTRA_QUESTIONS; i++) {
  const section = definition.sections[i % definition.sections.length]!
  section.questions.push({
    id: `${section.key}-bench-${i}`,
    label: 'How well do your staff know what to do when a practitioner disagrees with a decision about a child?',
    kind: 'score',
    required: true,
    evidence: { prompt: 'Evidence: where this is written down, and how you know it is used.', requiredFor: ['0'] },
  } as never)
}
const questions = definition.sections.reduce((n, s) => n + s.questions.length, 0)
const copy = await services.audits.copyTool(gareth, {
  formToken: randomUUID(),
  toolId: seeded.id,
  name: 'Section 11 self-assessment, 60 questions',
  definition,
})
const today = new Date().toISOString().slice(0, 10)
const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10)
const plan = await services.audits.planAudit(gareth, {
  formToken: randomUUID(),
  type: 'section-11',
  title: 'Section 11 self-assessment, benchmark cycle',
  toolId: copy.toolId,
  participants: Array.from({ length: AUDITORS + 1 }, (_, i) => `bench-${i + 1}`),
  openingDate: today,
  deadline,
})
const everyLead = await app.db.person.findMany({
  where: { key: { startsWith: 'bench-lead-' } },
  select: { key: true, teamsAadObjectId: true, agency: { select: { key: true } } },
  orderBy: { teamsAadObjectId: 'asc' },
})
// The first works alone (the time of a save with nobody else about), then the other 50 at once.
const [alone, ...leads] = everyLead as [(typeof everyLead)[number], ...typeof everyLead]
/** Each agency's return ("agency:<key>" is its participant). */
const returnOf = new Map<string, string>()
for (const r of await app.db.auditReturn.findMany({
  where: { auditId: plan.auditId },
  select: { id: true, participantKey: true },
}))
  returnOf.set(r.participantKey.replace(/^agency:/, ''), r.id)

// ------------------------------------------------------------------ Teams, as each auditor's client

function activity(lead: (typeof leads)[number], name: string, data: Record<string, unknown>): string {
  return JSON.stringify({
    type: 'invoke',
    name,
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: `29:${lead.key}`, name: lead.key, aadObjectId: lead.teamsAadObjectId },
    recipient: { id: '28:learning-loop' },
    conversation: { id: `a:bench-${lead.key}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    value: { data, context: { theme: 'default' } },
  })
}

/** The parts of a task module's Adaptive Card the auditors read and press. */
type CardElement = { type: string; id?: string; text?: string; max?: number; choices?: { value: string }[] }
type TaskCard = { body: CardElement[]; actions: { data?: Record<string, unknown> & { move?: string } }[] }
type TaskAnswer = { task: { type: string; value?: { card?: { content: TaskCard } } } }

function post(url: string, body: string): Promise<{ ms: number; json: TaskAnswer }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let raw = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (raw += c))
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6
          if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`))
          resolve({ ms, json: raw ? JSON.parse(raw) : null })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** An answer to every input a page shows, as the Teams client sends them (text). */
function answers(card: TaskCard): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of card.body) {
    if (!e.id) continue
    // The second choice: "2" on a score, "good", "no" (which asks nothing more) on yes or no.
    if (e.type === 'Input.ChoiceSet') out[e.id] = e.choices?.[1]?.value ?? e.choices?.[0]?.value ?? ''
    else if (e.type === 'Input.Number') out[e.id] = String(Math.min(e.max ?? 60, 60))
    else if (e.type === 'Input.Text') out[e.id] = 'The policy on the intranet, reviewed in March; the training records.'
    else if (e.type === 'Input.Toggle') out[e.id] = 'true'
  }
  return out
}

let saves: number[] = []
let largestCard = { bytes: 0, step: '' }
const stepOf = (card: TaskCard) => String(card.body[0]?.text ?? '')
const seeCard = (card: TaskCard) => {
  const bytes = Buffer.byteLength(JSON.stringify(card))
  if (bytes > largestCard.bytes) largestCard = { bytes, step: stepOf(card) }
}

/** What a card says, for a fault's message. */
const texts = (card: TaskCard) =>
  card.body
    .filter((e) => e.type === 'TextBlock')
    .map((e) => e.text)
    .join(' | ')
    .slice(0, 600)

/** The card of a task module that continues; a fault if it closed. */
function cardOf(answer: TaskAnswer): TaskCard {
  const card = answer.task.value?.card?.content
  if (!card) throw new Error(`the task module answered ${answer.task.type}`)
  return card
}

/** One auditor: opens the return, then Next through every section and Save and close on the last. */
async function auditor(lead: (typeof leads)[number]) {
  const returnId = returnOf.get(lead.agency!.key)!
  const url = `${app.url}/api/messages`
  let card = cardOf((await post(url, activity(lead, 'task/fetch', { verb: VERBS.auditReturn, returnId }))).json)
  seeCard(card)
  // A page answered again (a question an answer called for) is answered once more; anything else is a fault.
  for (let step = 0; ; step++) {
    if (step > definition.sections.length * 3) throw new Error(`no way on from ${stepOf(card)}: ${texts(card)}`)
    const next = card.actions.find((a) => a.data?.move === 'next')
    const move = next ?? card.actions.find((a) => a.data?.move === 'close')
    const { ms, json } = await post(url, activity(lead, 'task/submit', { ...answers(card), ...move?.data }))
    saves.push(ms)
    if (json.task.type !== 'continue') break
    card = cardOf(json)
    seeCard(card)
    if (!next) break
  }
}

await auditor(alone)
const aloneSaves = saves.sort((a, b) => a - b)
saves = []
const started = Date.now()
await Promise.all(leads.map((lead) => auditor(lead)))
const wall = Date.now() - started
saves.sort((a, b) => a - b)

// ------------------------------------------------------------------ Slack views of the same pages

const dialog = REGISTRY.find(VERBS.auditReturn)!.def
if (dialog.kind !== 'dialog') throw new Error('audit.return is not a dialog')
const lead0 = await services.people.resolveActor(teamsIdentity(leads[0]!.teamsAadObjectId!))
let largestView = { blocks: 0, bytes: 0, step: '' }
let largestWithErrors = { blocks: 0, step: '' }
for (let i = 0; i < definition.sections.length; i++) {
  const page = await dialog.page({
    services,
    actor: lead0,
    meta: { returnId: returnOf.get(leads[0]!.agency!.key)!, section: String(i) },
  })
  const view = dialogPageToModal(dialog.verb, page)
  const bytes = Buffer.byteLength(JSON.stringify(view))
  if (view.blocks.length > largestView.blocks) largestView = { blocks: view.blocks.length, bytes, step: page.step }
  const errors = Object.fromEntries(page.fields.map((f) => [f.id, 'Please answer this question.']))
  const worst = dialogPageToModal(dialog.verb, {
    ...page,
    errors,
    notice: { tone: 'attention', text: 'Please check.' },
  })
  if (worst.blocks.length > largestWithErrors.blocks)
    largestWithErrors = { blocks: worst.blocks.length, step: page.step }
}

// ------------------------------------------------------------------ the baselines, at the same concurrency

const floorDb = createDb(databaseUrl)
const bare = await startBareBot()
const floor = await startBareBot(await durableWrite(floorDb, partnership.id))
async function baseline(url: string): Promise<number[]> {
  const times: number[] = []
  let left = saves.length
  const body = activity(leads[0]!, 'task/submit', { verb: VERBS.auditReturn, move: 'next' })
  await Promise.all(
    Array.from({ length: AUDITORS }, async () => {
      while (left > 0) {
        left -= 1
        times.push((await post(`${url}/api/messages`, body)).ms)
      }
    }),
  )
  return times.sort((a, b) => a - b)
}
await baseline(bare.url)
const bareTimes = await baseline(bare.url)
await baseline(floor.url)
const floorTimes = await baseline(floor.url)

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const ms = (x: number) => `${x.toFixed(1)} ms`
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`
console.log(
  `audit section save (Teams task/submit), ${AUDITORS} auditors at once, ${questions}-question Section 11 tool ` +
    `(${definition.sections.length} sections), ${saves.length} saves in ${(wall / 1000).toFixed(1)} s: ` +
    `p50 ${ms(pct(saves, 50))}, p99 ${ms(pct(saves, 99))}; bare botbuilder p50 ${ms(pct(bareTimes, 50))}, ` +
    `p99 ${ms(pct(bareTimes, 99))}; durable floor p50 ${ms(pct(floorTimes, 50))}, p99 ${ms(pct(floorTimes, 99))}`,
)
console.log(
  `audit section save (Teams task/submit), 1 auditor alone, the same tool: p50 ${ms(pct(aloneSaves, 50))}, ` +
    `p99 ${ms(pct(aloneSaves, 99))}`,
)
console.log(
  `audit dialog: largest Teams card ${kb(largestCard.bytes)} of 40 KB (${largestCard.step}); largest Slack view ` +
    `${largestView.blocks} of 100 blocks, ${kb(largestView.bytes)} (${largestView.step}); with a message on every ` +
    `field ${largestWithErrors.blocks} blocks (${largestWithErrors.step})`,
)

agent.destroy()
await Promise.all([bare.stop(), floor.stop(), connector.stop()])
await floorDb.$disconnect()
await app.stop()
await embedded.stop()
await rm(dir, { recursive: true, force: true })

/** A Bot Connector that accepts the activities the app sends (the outcome card after Save and close). */
async function startConnector(): Promise<{ url: string; stop(): Promise<void> }> {
  let n = 0
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ id: `a-${++n}` }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    stop: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}
