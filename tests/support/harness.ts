/**
 * Starts the real app (HTTP server, Bot Framework adapter, Bolt, outbox, real PostgreSQL) against a fake
 * Bot Connector and a fake Slack Web API, and speaks both protocols to it as Teams and Slack would.
 */
import { createHmac, randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { pino } from 'pino'
import { startApp, type RunningApp, type StartOptions } from '../../app/start.js'
import { loadConfig } from '../../lib/config.js'
import { createTestDatabase } from './database.js'
import { cardOf, cardText, FakeConnector } from './fake-connector.js'
import { FakeSlackApi } from './fake-slack.js'

export const fixture = JSON.parse(
  readFileSync(new URL('../../prisma/seed/demo-partnership.json', import.meta.url), 'utf8'),
)
export type PersonKey =
  | 'priya'
  | 'tom'
  | 'dana'
  | 'sam'
  | 'helen'
  | 'gareth'
  | 'aisha'
  | 'robert'
  | 'claire'
  | 'mark'
  | 'joanne'
  | 'nadia'
  | 'kate'
  | 'ben'
  | 'ruth'
export const person = (key: PersonKey) => fixture.people.find((p: any) => p.key === key)
export const TENANT = fixture.partnership.teamsTenantId as string
/** Lifts the per-person rate limits (tests/security.test.ts covers them): a review story is many submits by few people. */
export const NO_SUBMIT_LIMITS = { RATE_LIMIT_PERSON_BURST: '100000', RATE_LIMIT_SUBMIT_BURST: '100000' }
export const SLACK_TEAM = fixture.partnership.slackTeamId as string
const SIGNING_SECRET = 'test-signing-secret-0123456789'
export const CASE_REVIEW_SLACK_CHANNEL = 'C0CASEREV1'
export const CASE_REVIEW_TEAMS_CHANNEL = '19:case-review-channel@thread.tacv2'

export type Harness = {
  app: RunningApp
  connector: FakeConnector
  slack: FakeSlackApi
  logs: string[]
  teams: TeamsClient
  slackClient: SlackClient
  stop(): Promise<void>
}

export async function startHarness(options: StartOptions & { env?: Record<string, string> } = {}): Promise<Harness> {
  const [databaseUrl, connector, slack] = await Promise.all([
    createTestDatabase(),
    new FakeConnector().start(),
    new FakeSlackApi().start(),
  ])
  const logs: string[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) })
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'true',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.url,
    SLACK_CASE_REVIEW_CHANNEL: CASE_REVIEW_SLACK_CHANNEL,
    ...options.env,
  })
  // Retry waits (ours, not the Bot Framework SDK's own Retry-After handling) return at once: no test here
  // measures them. A test that does can pass its own `retry`.
  const retry = { baseDelayMs: 10, sleep: noWait }
  const app = await startApp(config, { scheduler: false, skipMigrations: true, logger, retry, ...options })
  const teams = new TeamsClient(app.url, connector.url)
  const harness: Harness = {
    app,
    connector,
    slack,
    logs,
    teams,
    slackClient: new SlackClient(app.url),
    async stop() {
      await app.stop()
      await Promise.all([connector.stop(), slack.stop()])
    },
  }
  return harness
}

const noWait = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Waits until `probe` returns a truthy value (the outbox delivers in the background). */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what = 'condition',
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const start = Date.now()
  for (;;) {
    const value = await probe()
    if (value) return value as NonNullable<T>
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** The newest card sent to a person's Teams 1:1 chat whose text includes `needle`, waiting for it to arrive. */
export const newestCardTo = (h: Harness, key: PersonKey, needle: string) =>
  eventually(
    () =>
      h.connector
        .sentTo(`a:personal-${key}`)
        .map(cardOf)
        .reverse()
        .find((c) => cardText(c).includes(needle)),
    `"${needle}" to ${key}`,
  )

// ------------------------------------------------------------------ Teams

class TeamsClient {
  constructor(
    private readonly appUrl: string,
    readonly serviceUrl: string,
  ) {}

  personalConversation(key: PersonKey) {
    return `a:personal-${key}`
  }

  private activity(
    key: PersonKey | { aadObjectId?: string; id: string; name: string },
    extra: Record<string, unknown>,
    conversation?: Record<string, unknown>,
  ) {
    const p = typeof key === 'string' ? person(key) : null
    const from = p ? { id: `29:${p.key}`, name: p.name, aadObjectId: p.teamsAadObjectId } : key
    const conv = conversation ?? {
      id: `a:personal-${typeof key === 'string' ? key : (key as { id: string }).id}`,
      conversationType: 'personal',
      tenantId: TENANT,
    }
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      from,
      recipient: { id: '28:learning-loop', name: 'Learning Loop' },
      conversation: conv,
      channelData: { tenant: { id: TENANT } },
      ...extra,
    }
  }

  async post(activity: object, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.appUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    })
    const text = await res.text()
    return { status: res.status, body: text ? safeJson(text) : null }
  }

  message(
    key: PersonKey | { aadObjectId?: string; id: string; name: string },
    text: string,
    conversation?: Record<string, unknown>,
  ) {
    return this.post(this.activity(key, { type: 'message', text }, conversation))
  }

  channelMessage(key: PersonKey, text: string, channelId = CASE_REVIEW_TEAMS_CHANNEL) {
    return this.message(key, `<at>Learning Loop</at> ${text}`, {
      id: `${channelId};messageid=${Date.now()}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    })
  }

  /** An Action.Execute press: the invoke Teams sends, and the card that comes back. */
  async invoke(key: PersonKey, verb: string, data: Record<string, unknown>, conversation?: Record<string, unknown>) {
    const res = await this.post(
      this.activity(
        key,
        {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
        },
        conversation,
      ),
    )
    return { status: res.status, body: res.body, card: (res.body as any)?.value }
  }

  /** The same press from a client without Universal Actions: the Action.Submit fallback, as a message. */
  submitFallback(key: PersonKey, data: Record<string, unknown>) {
    return this.post(this.activity(key, { type: 'message', value: data }))
  }

  /**
   * A task module invoke (`task/fetch` when a dialog's opener is pressed, `task/submit` for a move inside it),
   * and what Teams would show: the task module's title, size and card, or the message it closes with.
   */
  async task(
    key: PersonKey,
    name: 'task/fetch' | 'task/submit',
    data: Record<string, unknown>,
    options: { conversation?: Record<string, unknown>; id?: string } = {},
  ) {
    const activity = this.activity(
      key,
      { type: 'invoke', name, value: { data, context: { theme: 'default' } } },
      options.conversation,
    )
    const res = await this.post(options.id ? { ...activity, id: options.id } : activity)
    const task = (res.body as any)?.task
    return {
      status: res.status,
      task,
      title: task?.value?.title as string | undefined,
      card: task?.type === 'continue' ? task.value?.card?.content : undefined,
      message: task?.type === 'message' ? (task.value as string) : undefined,
    }
  }

  /** Presses the button on `card` that opens a dialog (its label containing `label`, if given): `task/fetch`. */
  openDialog(key: PersonKey, card: any, label?: string, options?: { conversation?: Record<string, unknown> }) {
    const openers = collectActions(card).filter(
      (a) => a.type === 'Action.Submit' && a.data?.msteams?.type === 'task/fetch',
    )
    const opener = label ? openers.find((a) => String(a.title).includes(label)) : openers[0]
    if (!opener) throw new Error(`no dialog button${label ? ` "${label}"` : ''} on the card`)
    return this.task(key, 'task/fetch', opener.data, options)
  }

  /**
   * Presses a move's button in a task module's card (`Back`, `Save and close`, `Next` or the finish, by title),
   * sending every input's value as Teams does (as text), with `answers` typed over them.
   */
  move(key: PersonKey, card: any, title: string, answers: Record<string, unknown> = {}, options?: { id?: string }) {
    const action = collectActions(card).find((a) => a.type === 'Action.Submit' && a.title === title)
    if (!action) throw new Error(`no "${title}" button in the dialog`)
    return this.task(key, 'task/submit', { ...teamsInputs(card, answers), ...action.data }, options)
  }
}

/** Every action object in an Adaptive Card. */
function collectActions(card: any): any[] {
  const out: any[] = []
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) out.push(node)
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value)
  }
  walk(card)
  return out
}

/** The values a Teams client sends for a card's inputs: what each shows, with `answers` typed over it, as text. */
export function teamsInputs(card: any, answers: Record<string, unknown> = {}): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(walk)
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id) {
      const value = node.id in answers ? answers[node.id] : node.value
      if (value !== undefined && value !== null)
        out[node.id] = Array.isArray(value)
          ? value.join(',')
          : typeof value === 'boolean'
            ? String(value)
            : String(value)
      else if (node.type === 'Input.Toggle') out[node.id] = 'false'
      else out[node.id] = ''
    }
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value)
  }
  walk(card.body)
  return out
}

const safeJson = (text: string) => {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

// ------------------------------------------------------------------ Slack

class SlackClient {
  constructor(private readonly appUrl: string) {}

  async send(
    body: string,
    contentType: string,
    options: { secret?: string; timestamp?: number; retryNum?: number } = {},
  ) {
    const ts = options.timestamp ?? Math.floor(Date.now() / 1000)
    const signature =
      'v0=' +
      createHmac('sha256', options.secret ?? SIGNING_SECRET)
        .update(`v0:${ts}:${body}`)
        .digest('hex')
    const res = await fetch(`${this.appUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signature,
        ...(options.retryNum
          ? { 'x-slack-retry-num': String(options.retryNum), 'x-slack-retry-reason': 'http_timeout' }
          : {}),
      },
      body,
    })
    const text = await res.text()
    return { status: res.status, body: text ? safeJson(text) : null }
  }

  interaction(payload: object, options?: { secret?: string; retryNum?: number }) {
    return this.send(
      `payload=${encodeURIComponent(JSON.stringify(payload))}`,
      'application/x-www-form-urlencoded',
      options,
    )
  }

  command(key: PersonKey, text: string, channel = { id: 'D0DIRECT01', name: 'directmessage' }) {
    const p = person(key)
    const params = new URLSearchParams({
      token: 'x',
      team_id: SLACK_TEAM,
      team_domain: 'northshire',
      channel_id: channel.id,
      channel_name: channel.name,
      user_id: p.slackUserId,
      user_name: p.key,
      command: '/learning',
      text,
      api_app_id: 'A0LEARN001',
      response_url: 'http://127.0.0.1:9/response',
      trigger_id: `trigger-${randomUUID()}`,
    })
    return this.send(params.toString(), 'application/x-www-form-urlencoded')
  }

  event(event: object, options?: { eventId?: string; retryNum?: number }) {
    const body = JSON.stringify({
      token: 'x',
      team_id: SLACK_TEAM,
      api_app_id: 'A0LEARN001',
      type: 'event_callback',
      event_id: options?.eventId ?? `Ev${randomUUID().slice(0, 8)}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    })
    return this.send(body, 'application/json', { retryNum: options?.retryNum })
  }

  shortcut(key: PersonKey | string, callbackId = 'referral.raise') {
    const userId = key.startsWith('U') ? key : person(key as PersonKey).slackUserId
    return this.interaction({
      type: 'shortcut',
      callback_id: callbackId,
      trigger_id: `trigger-${randomUUID()}`,
      user: { id: userId, team_id: SLACK_TEAM },
      team: { id: SLACK_TEAM },
      token: 'x',
      action_ts: '1',
    })
  }

  viewSubmission(
    key: PersonKey,
    view: { callback_id: string; private_metadata?: string; id?: string },
    values: Record<string, any>,
    options?: { retryNum?: number },
  ) {
    const p = person(key)
    const state = { values: Object.fromEntries(Object.entries(values).map(([id, v]) => [id, { [id]: v }])) }
    return this.interaction(
      {
        type: 'view_submission',
        team: { id: SLACK_TEAM },
        user: { id: p.slackUserId, team_id: SLACK_TEAM },
        view: {
          id: view.id ?? 'V0VIEW0001',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata ?? '',
          state,
          hash: 'h',
        },
        token: 'x',
        trigger_id: `trigger-${randomUUID()}`,
      },
      options,
    )
  }

  /**
   * A dialog's modal as Slack sends it back in a view_submission or a block action: its id, a hash that
   * changes with its content (as Slack's does when a view is opened or updated), its blocks, and the state of
   * its inputs: what each shows, with `answers` typed over it.
   */
  dialogView(view: any, answers: Record<string, unknown> = {}, id = 'V0DIALOG01') {
    const hash = createHmac('sha256', 'view').update(JSON.stringify(view)).digest('hex').slice(0, 16)
    return { ...view, id, hash, state: { values: slackState(view, answers) } }
  }

  /** The modal's submit (Next, or the finish), as a view_submission. */
  dialogSubmit(key: PersonKey, view: any, options?: { retryNum?: number }) {
    const p = person(key)
    return this.interaction(
      {
        type: 'view_submission',
        team: { id: SLACK_TEAM },
        user: { id: p.slackUserId, team_id: SLACK_TEAM },
        view: { type: 'modal', ...view },
        token: 'x',
        trigger_id: `trigger-${randomUUID()}`,
      },
      options,
    )
  }

  /** A button inside the modal (Back, Save and close), as a block action from the view. */
  dialogButton(key: PersonKey, view: any, actionId: string) {
    const p = person(key)
    return this.interaction({
      type: 'block_actions',
      team: { id: SLACK_TEAM },
      user: { id: p.slackUserId, team_id: SLACK_TEAM },
      container: { type: 'view', view_id: view.id },
      view: { type: 'modal', ...view },
      trigger_id: `trigger-${randomUUID()}`,
      token: 'x',
      actions: [{ type: 'button', action_id: actionId, block_id: 'dialog-moves', action_ts: '1' }],
    })
  }

  button(key: PersonKey, actionId: string, value: string, channel = 'D0HELENM05') {
    const p = person(key)
    return this.interaction({
      type: 'block_actions',
      team: { id: SLACK_TEAM },
      user: { id: p.slackUserId, team_id: SLACK_TEAM },
      channel: { id: channel },
      container: { type: 'message', channel_id: channel, message_ts: '1.1' },
      trigger_id: `trigger-${randomUUID()}`,
      token: 'x',
      response_url: 'http://127.0.0.1:9/response',
      actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' }],
    })
  }
}

/** The state Slack sends for a view's inputs: each input's initial value, or the answer typed over it. */
function slackState(view: any, answers: Record<string, unknown> = {}) {
  const values: Record<string, Record<string, unknown>> = {}
  for (const block of view.blocks ?? []) {
    if (block.type !== 'input') continue
    const e = block.element
    const has = block.block_id in answers
    const answer = answers[block.block_id]
    const option = (value: unknown) => (e.options ?? []).find((o: any) => o.value === value) ?? null
    let state: Record<string, unknown>
    switch (e.type) {
      case 'static_select':
        state = { selected_option: has ? option(answer) : (e.initial_option ?? null) }
        break
      case 'checkboxes':
      case 'multi_static_select': {
        const chosen = has
          ? (Array.isArray(answer) ? answer : answer === true ? ['true'] : []).map(option).filter(Boolean)
          : (e.initial_options ?? [])
        state = { selected_options: chosen }
        break
      }
      case 'datepicker':
        state = { selected_date: has ? answer : (e.initial_date ?? null) }
        break
      default:
        state = {
          value: has ? (answer === undefined || answer === null ? null : String(answer)) : (e.initial_value ?? null),
        }
    }
    values[block.block_id] = { [e.action_id]: { type: e.type, ...state } }
  }
  return values
}

/** Slack input values for the referral form, as view_submission state. */
export function slackReferralValues(v: {
  caseReference?: string
  ageBand?: string
  incidentDate?: string
  awarenessDate?: string
  criteria?: string[]
  agencies?: string[]
  whatHappened?: string
  whyReview?: string
  confirmSensitive?: boolean
  location?: string
  normallyResident?: boolean
  lookedAfter?: boolean
}) {
  return {
    caseReference: { type: 'plain_text_input', value: v.caseReference ?? null },
    ageBand: { type: 'static_select', selected_option: v.ageBand ? { value: v.ageBand } : null },
    incidentDate: { type: 'datepicker', selected_date: v.incidentDate ?? null },
    awarenessDate: { type: 'datepicker', selected_date: v.awarenessDate ?? null },
    criteria: { type: 'checkboxes', selected_options: (v.criteria ?? []).map((value) => ({ value })) },
    agencies: { type: 'checkboxes', selected_options: (v.agencies ?? []).map((value) => ({ value })) },
    whatHappened: { type: 'plain_text_input', value: v.whatHappened ?? null },
    whyReview: { type: 'plain_text_input', value: v.whyReview ?? null },
    ...(v.location ? { location: { type: 'static_select', selected_option: { value: v.location } } } : {}),
    ...(v.normallyResident !== undefined
      ? { normallyResident: { type: 'checkboxes', selected_options: v.normallyResident ? [{ value: 'true' }] : [] } }
      : {}),
    ...(v.lookedAfter !== undefined
      ? { lookedAfter: { type: 'checkboxes', selected_options: v.lookedAfter ? [{ value: 'true' }] : [] } }
      : {}),
    ...(v.confirmSensitive !== undefined
      ? { confirmSensitive: { type: 'checkboxes', selected_options: v.confirmSensitive ? [{ value: 'true' }] : [] } }
      : {}),
  }
}
