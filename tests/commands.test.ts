/**
 * Every typed command, through both protocols: a Teams message to /api/messages and a Slack DM and slash
 * command to /slack/events. Each is answered with its own card or form (never "did not understand"), a
 * command that opens a form in a Slack DM offers a button that opens that very form, and `help` lists only
 * what the person may use. tests/conversation.test.ts covers synonyms, "Did you mean" and Cancel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS, type Command } from '../bot/core/commands.js'
import { openId } from '../cards/action-id.js'
import { fixedClock } from '../lib/clock.js'
import { cardOf, cardText } from './support/fake-connector.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import { eventually, person, startHarness, type Harness, type PersonKey } from './support/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness({ clock: fixedClock('2026-11-24T09:30:00Z') })
})
afterAll(async () => h?.stop())

/** Who types each command in these tests: someone allowed to use it. */
const WHO: Record<string, PersonKey> = { awaiting: 'helen', notifications: 'kate', 'sign-offs': 'mark' }
const whoFor = (c: Command): PersonKey => WHO[c.name] ?? 'claire'
/** What is typed: the name, with a real reference where the name shows an example. */
const typed = (c: Command) => c.name
/** The verb of the form a command opens, if it opens one. */
const FORM_OF: Record<string, string> = {
  referral: 'referral.submit',
  'new review': 'review.start',
  cdop: 'review.cdop',
  'new actions': 'action.create',
}
const CONFUSED = /Sorry, I did not understand|Something went wrong|Not allowed/
const inDm = COMMANDS.filter((c) => !c.inChannel)

describe('every typed command in Teams', () => {
  it.each(inDm.map((c) => [c.name, c] as const))('%s', async (_name, command) => {
    const key = whoFor(command)
    const chat = h.teams.personalConversation(key)
    const before = h.connector.sentTo(chat).length
    expect((await h.teams.message(key, typed(command))).status).toBe(200)
    const cards = h.connector.sentTo(chat).slice(before).map(cardOf)
    expect(cards.length).toBeGreaterThan(0)
    const text = cards.map(cardText).join('\n')
    expect(text).not.toMatch(CONFUSED)
    const verb = FORM_OF[command.name]
    if (verb) expect(JSON.stringify(cards.at(-1))).toContain(`"verb":"${verb}"`)
  })

  it('answers "set channel" in a channel, and refuses it in a 1:1 chat', async () => {
    expect((await h.teams.channelMessage('claire', 'set channel case-review')).status).toBe(200)
    const chat = h.teams.personalConversation('claire')
    const before = h.connector.sentTo(chat).length
    await h.teams.message('claire', 'set channel case-review')
    expect(cardText(cardOf(h.connector.sentTo(chat).slice(before).at(-1)))).toContain(
      'Type this in the channel you want to use',
    )
  })
})

describe('every typed command in Slack', () => {
  it.each(inDm.map((c) => [c.name, c] as const))('%s, as a direct message', async (_name, command) => {
    const key = whoFor(command)
    const user = person(key).slackUserId
    const before = h.slack.callsTo('chat.postMessage').length
    const event = {
      type: 'message',
      channel_type: 'im',
      channel: `D0${key.toUpperCase()}01`,
      user,
      text: typed(command),
      ts: '1.2',
    }
    expect((await h.slackClient.event(event)).status).toBe(200)
    const posted = await eventually(() => {
      const calls = h.slack.callsTo('chat.postMessage').slice(before)
      return calls.length ? calls : null
    }, `reply to ${command.name}`)
    const blocks = posted.flatMap((c) => c.args.blocks)
    expect(blocksText(blocks)).not.toMatch(CONFUSED)
    const verb = FORM_OF[command.name]
    if (!verb) return
    // The DM offers the command's own form: pressing the button opens that form as a modal.
    expect(buttonIds(blocks)).toContain(openId(verb as never))
    const opened = h.slack.callsTo('views.open').length
    await h.slackClient.button(key, openId(verb as never), '{}', event.channel)
    const view = (await eventually(() => h.slack.callsTo('views.open')[opened], `modal for ${command.name}`)).args.view
    expect(view.callback_id).toBe(verb)
  })

  it.each(inDm.map((c) => [c.name, c] as const))('%s, as /learning', async (_name, command) => {
    const key = whoFor(command)
    const opened = h.slack.callsTo('views.open').length
    const res = await h.slackClient.command(key, typed(command))
    expect(res.status).toBe(200)
    const verb = FORM_OF[command.name]
    if (verb && command.name !== 'help') {
      const view = (await eventually(() => h.slack.callsTo('views.open')[opened], `modal for ${command.name}`)).args
        .view
      expect(view.callback_id).toBe(verb)
    } else {
      expect(blocksText((res.body as { blocks?: unknown })?.blocks ?? [])).not.toMatch(CONFUSED)
    }
  })
})

describe('refusals name what was refused', () => {
  it('a practitioner typing escalations is told the escalation list is not theirs, not about the action overview', async () => {
    const chat = h.teams.personalConversation('priya')
    const before = h.connector.sentTo(chat).length
    await h.teams.message('priya', 'escalations')
    const text = cardText(cardOf(h.connector.sentTo(chat).slice(before).at(-1)))
    expect(text).toContain('The escalation list')
    expect(text).not.toContain('action overview')
  })
})

describe('help', () => {
  it('lists only the commands the person may use', async () => {
    const read = async (key: PersonKey) => {
      const chat = h.teams.personalConversation(key)
      const before = h.connector.sentTo(chat).length
      await h.teams.message(key, 'help')
      return cardText(cardOf(h.connector.sentTo(chat).slice(before)[0]))
    }
    const practitioner = await read('priya')
    expect(practitioner).toContain('"my referrals"')
    expect(practitioner).not.toContain('review status')
    expect(practitioner).not.toContain('actions overdue')
    for (const c of ['review NSCP-2026-0001', 'escalations', 'themes', 'cdop', 'new review']) {
      expect(practitioner).not.toContain(`"${c}"`)
    }
    const manager = await read('claire')
    expect(manager).toContain('"review status"')
    expect(manager).toContain('"new actions"')
    expect(manager).toContain('"cdop"')
    for (const c of ['review NSCP-2026-0001', 'escalations', 'themes', 'new review'])
      expect(manager).toContain(`"${c}"`)
  })
})
