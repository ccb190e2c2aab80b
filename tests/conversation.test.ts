/**
 * Issue 11, items 1, 2 and 12 and "every form can be cancelled", through the real protocols: `help` by role
 * without a form under it, natural phrases and synonyms, "Did you mean" for a typo, the Cancel button of a
 * whole-card form in Teams, and the immediate-risk line at the top of the referral form (Teams and Slack).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../lib/clock.js'
import { cardOf, cardText, verbsIn } from './support/fake-connector.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import { eventually, type Harness, type PersonKey, person, startHarness } from './support/harness.js'

let h: Harness

beforeAll(async () => {
  h = await startHarness({ clock: fixedClock('2026-11-24T09:30:00Z') })
})
afterAll(async () => h?.stop())

const IMMEDIATE_RISK =
  'If a child is at immediate risk, follow your safeguarding procedures now: call the police on 999 or ' +
  'children\u2019s social care.'

/** Types `text` in the person's 1:1 Teams chat; the cards the bot posted in answer. */
async function say(key: PersonKey, text: string): Promise<any[]> {
  const chat = h.teams.personalConversation(key)
  const before = h.connector.sentTo(chat).length
  expect((await h.teams.message(key, text)).status).toBe(200)
  return h.connector.sentTo(chat).slice(before).map(cardOf)
}
const answerTo = async (key: PersonKey, text: string) => {
  const cards = await say(key, text)
  expect(cards).toHaveLength(1)
  return cards[0]
}
/** Every Action.Execute of a card, with its fields. */
const executes = (card: any): any[] => {
  const out: any[] = []
  const walk = (n: any) => {
    if (!n || typeof n !== 'object') return
    if (n.type === 'Action.Execute') out.push(n)
    for (const v of Object.values(n)) walk(v)
  }
  walk(card)
  return out
}

/** A direct message to the bot in Slack; the blocks of its answer. */
async function slackDm(key: PersonKey, text: string): Promise<any[]> {
  const before = h.slack.callsTo('chat.postMessage').length
  const channel = `D0${key.toUpperCase()}01`
  const event = { type: 'message', channel_type: 'im', channel, user: person(key).slackUserId, text, ts: '1.2' }
  expect((await h.slackClient.event(event)).status).toBe(200)
  const posted = await eventually(() => {
    const calls = h.slack.callsTo('chat.postMessage').slice(before)
    return calls.length ? calls : null
  }, `reply to ${text}`)
  return posted.flatMap((c) => c.args.blocks)
}
const slashText = async (key: PersonKey, text: string) => {
  const res = await h.slackClient.command(key, text)
  expect(res.status).toBe(200)
  return blocksText((res.body as { blocks?: unknown })?.blocks ?? [])
}

describe('help (item 1)', () => {
  const HELP_ONLY = ['review NSCP-2026-0001', 'escalations', 'themes', 'cdop', 'new review', 'awaiting']

  it('shows a practitioner only what she may use, and no form under it', async () => {
    const cards = await say('priya', 'help')
    // One card: the help. The form is behind its button, so nothing scrolls the help out of view.
    expect(cards).toHaveLength(1)
    const text = cardText(cards[0])
    expect(text).toContain('"my referrals"')
    expect(text).toContain('"my actions"')
    for (const command of [...HELP_ONLY, 'review status', 'actions overdue', 'new actions']) {
      expect(text).not.toContain(`"${command}"`)
    }
    expect(verbsIn(cards[0])).toEqual(['open:referral.submit'])
    expect(text).toContain('Raise a review referral')
  })

  it('"hi" is the same help card', async () => {
    const cards = await say('priya', 'hi')
    expect(cards).toHaveLength(1)
    expect(cardText(cards[0])).toContain('Hello Priya')
    expect(JSON.stringify(cards[0])).not.toContain('"verb":"referral.submit"')
  })

  it('lists review, escalations, themes, cdop and new review for the people who may use them', async () => {
    const helen = cardText(await answerTo('helen', 'help'))
    for (const c of [...HELP_ONLY, 'review status', 'actions overdue']) expect(helen).toContain(`"${c}"`)
    const claire = cardText(await answerTo('claire', 'help'))
    for (const c of ['review NSCP-2026-0001', 'escalations', 'themes', 'cdop', 'new review', 'new actions']) {
      expect(claire).toContain(`"${c}"`)
    }
    expect(claire).not.toContain('"awaiting"')
    // A safeguarding partner oversees and signs off: no referral decisions, no new reviews.
    const mark = cardText(await answerTo('mark', 'help'))
    for (const c of ['review NSCP-2026-0001', 'escalations', 'themes', 'actions overdue'])
      expect(mark).toContain(`"${c}"`)
    for (const c of ['cdop', 'new review', 'awaiting', 'new actions']) expect(mark).not.toContain(`"${c}"`)
  })

  it('the help card\u2019s button opens the referral form in place', async () => {
    const opened = await h.teams.invoke('priya', 'open:referral.submit', {})
    expect(opened.status).toBe(200)
    expect(verbsIn(opened.card)).toEqual(['referral.submit'])
  })

  it('Slack: help in a DM and as /learning is the help card with its button, and no form', async () => {
    const blocks = await slackDm('priya', 'help')
    expect(blocksText(blocks)).toContain('Hello Priya')
    expect(buttonIds(blocks)).toEqual(['open:referral.submit'])
    const opened = h.slack.callsTo('views.open').length
    const slash = await slashText('priya', 'help')
    expect(slash).toContain('"my actions"')
    expect(slash).not.toContain('"review status"')
    expect(h.slack.callsTo('views.open')).toHaveLength(opened)
  })
})

describe('natural phrases (item 2)', () => {
  it('thanks gets a short friendly reply', async () => {
    for (const phrase of ['thanks', 'Thank you!', 'cheers']) {
      const card = await answerTo('priya', phrase)
      expect(cardText(card)).toContain('You\u2019re welcome')
    }
  })

  it('"show my actions" is "my actions"', async () => {
    expect(cardText(await answerTo('sam', 'show my actions'))).toContain('Your actions')
    expect(cardText(await answerTo('sam', 'Please show me my actions.'))).toContain('Your actions')
  })

  it('"what\u2019s overdue?" is the overview for a chair, and your own actions for anyone else', async () => {
    const helen = cardText(await answerTo('helen', "What's overdue?"))
    expect(helen).toMatch(/^Actions/)
    expect(helen).not.toContain('Not allowed')
    expect(cardText(await answerTo('priya', 'what\u2019s overdue?'))).toContain('Your actions')
    expect(cardText(await answerTo('helen', 'overdue'))).toMatch(/^Actions/)
  })

  it('"approvals" and "what needs my approval?" are what waits for the person\u2019s decision', async () => {
    for (const phrase of ['approvals', 'What needs my approval?']) {
      expect(cardText(await answerTo('helen', phrase))).toContain('Waiting for your decision')
      const mark = cardText(await answerTo('mark', phrase))
      expect(mark).toContain('Your sign-offs')
      expect(mark).toContain('"review status"')
    }
  })

  it('a typo or another word gets the nearest command the person may use, and "help"', async () => {
    const typo = cardText(await answerTo('priya', 'my actoins'))
    expect(typo).toContain('Did you mean "my actions"?')
    expect(typo).toContain('"help"')
    expect(cardText(await answerTo('helen', 'reveiw status'))).toContain('Did you mean "review status"?')
    expect(cardText(await answerTo('helen', 'overdue things'))).toContain('Did you mean "actions overdue"?')
    // Never a command the person may not use.
    expect(cardText(await answerTo('priya', 'reveiw status'))).not.toContain('"review status"?')
    const unknown = cardText(await answerTo('priya', 'the weather in Leeds'))
    expect(unknown).toContain('Sorry, I did not understand')
    expect(unknown).toContain('Type "help"')
  })

  it('Slack: the same phrases in a DM and as /learning', async () => {
    expect(blocksText(await slackDm('priya', 'thanks'))).toContain('You\u2019re welcome')
    expect(blocksText(await slackDm('priya', 'my actoins'))).toContain('Did you mean "my actions"?')
    expect(await slashText('helen', 'approvals')).toContain('Waiting for your decision')
    expect(await slashText('mark', 'what needs my approval?')).toContain('Your sign-offs')
    expect(await slashText('helen', "what's overdue?")).toMatch(/Actions/)
    expect(await slashText('priya', 'cancel')).toContain('Nothing to cancel')
  })
})

describe('every form can be cancelled', () => {
  it('typing "cancel" says how forms close', async () => {
    const text = cardText(await answerTo('priya', 'cancel'))
    expect(text).toContain('Nothing to cancel')
    expect(text).toContain('Cancel button')
  })

  it('Teams: a form opened by a command has Cancel, which sends no answers and saves nothing', async () => {
    const form = (await say('priya', 'referral')).at(-1)
    const cancel = executes(form).find((a) => a.verb === 'form.cancel')
    expect(cancel).toMatchObject({ title: 'Cancel', associatedInputs: 'none' })
    expect(cancel.fallback).toMatchObject({ type: 'Action.Submit', associatedInputs: 'none' })
    const referrals = await h.app.db.referral.count()
    const res = await h.teams.invoke('priya', 'form.cancel', {})
    expect(res.status).toBe(200)
    expect(cardText(res.card)).toContain('Cancelled. Nothing was saved.')
    expect(verbsIn(res.card)).toEqual([])
    expect(await h.app.db.referral.count()).toBe(referrals)
  })

  it('Teams: a form opened from a button has Cancel too; an inline show-card form needs none', async () => {
    const opened = await h.teams.invoke('claire', 'open:review.start', {})
    expect(executes(opened.card).map((a) => a.verb)).toEqual(['review.start', 'form.cancel'])
    const actions = (await say('claire', 'new actions')).at(-1)
    expect(executes(actions).map((a) => a.verb)).toContain('form.cancel')
  })

  it('Slack: a modal closes with its own Cancel button', async () => {
    const opened = h.slack.callsTo('views.open').length
    await h.slackClient.command('priya', 'referral')
    const view = (await eventually(() => h.slack.callsTo('views.open')[opened], 'referral modal')).args.view
    expect(view.close).toMatchObject({ text: 'Cancel' })
  })
})

describe('the referral form (item 12)', () => {
  it('Teams: says first what to do when a child is at immediate risk', async () => {
    const form = (await say('priya', 'referral')).at(-1)
    const text = cardText(form)
    expect(text).toContain(IMMEDIATE_RISK)
    expect(text.indexOf(IMMEDIATE_RISK)).toBeLessThan(text.indexOf("Case reference in your agency's system"))
  })

  it('Slack: the modal says it too', async () => {
    const opened = h.slack.callsTo('views.open').length
    await h.slackClient.shortcut('priya')
    const view = (await eventually(() => h.slack.callsTo('views.open')[opened], 'referral modal')).args.view
    expect(blocksText(view.blocks)).toContain(IMMEDIATE_RISK)
  })
})
