/**
 * Dialogs in Teams, through the task module protocol against the real app and PostgreSQL: a card's opener
 * sends `task/fetch` and gets the first page as a task module; each move is a `task/submit` with the page's
 * answers, answered with the next page or closed with a message while the outcome card is posted to the 1:1
 * chat. Driven with the small check-in dialog of tests/support/check-in-dialog.ts, routed only here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { messageCard } from '../cards/messages/general.js'
import { cardToAdaptive } from '../cards/render/adaptive.js'
import { CHECK_IN_VERB, createCheckIn } from './support/check-in-dialog.js'
import { cardOf, cardText } from './support/fake-connector.js'
import { eventually, type Harness, NO_SUBMIT_LIMITS, startHarness, TENANT, teamsInputs } from './support/harness.js'

const checkIn = createCheckIn({ refuse: ['Robert Finch'] })
let h: Harness

beforeAll(async () => {
  h = await startHarness({ interactions: [checkIn.dialog], env: NO_SUBMIT_LIMITS })
})
afterAll(async () => h?.stop())

/** A card with the check-in's opener, as a notice would carry it. */
const invitation = cardToAdaptive({
  ...messageCard('Team check-in', 'Please fill in this month\u2019s check-in.'),
  blocks: [
    { type: 'actions', actions: [{ type: 'dialog', verb: CHECK_IN_VERB, label: 'Start the check-in', data: {} }] },
  ],
})

/** The inputs of a task module's card, by id. */
const inputs = (card: any): Record<string, any> =>
  Object.fromEntries(card.body.filter((e: any) => String(e.type).startsWith('Input.')).map((e: any) => [e.id, e]))
/** The message shown under a field, if any. */
const messageUnder = (card: any, id: string) => card.body.find((e: any) => e.id === `${id}-error`)?.text
const buttons = (card: any) => card.actions.map((a: any) => a.title)

describe('Teams: a dialog as a task module', () => {
  let page: any

  it('opens at the first page from a card button (task/fetch)', async () => {
    const opener = invitation.body.flatMap((e: any) => e.actions ?? [])[0]
    expect(opener).toMatchObject({
      type: 'Action.Submit',
      data: { verb: CHECK_IN_VERB, msteams: { type: 'task/fetch' } },
    })
    const res = await h.teams.openDialog('tom', invitation, 'Start the check-in')
    expect(res.status).toBe(200)
    expect(res.task.type).toBe('continue')
    expect(res.title).toBe('Team check-in')
    expect(res.task.value).toMatchObject({ height: 'large', width: 'large' })
    page = res.card
    expect(cardText(page)).toContain('Page 1 of 3: Your team')
    expect(inputs(page).staff).toMatchObject({ type: 'Input.Number', min: 0, max: 500 })
    expect(inputs(page).staff.label).toBe('How many staff are in your team? (required)')
    // Required is checked by the bot on Next only: Teams would check it on Save and close too.
    expect(inputs(page).staff.isRequired).toBeUndefined()
    expect(buttons(page)).toEqual(['Save and close', 'Next'])
  })

  it('keeps the answers and marks a blank required question on Next, saving nothing', async () => {
    const res = await h.teams.move('tom', page, 'Next', { trained: '4', rating: 'good' })
    expect(cardText(res.card)).toContain('Please answer the question marked below.')
    expect(messageUnder(res.card, 'staff')).toBe('Please answer this question.')
    expect(inputs(res.card).trained.value).toBe(4)
    expect(inputs(res.card).rating.value).toBe('good')
    expect(checkIn.saves).toEqual([])
  })

  it("shows the definition's own message next to its field, answers kept", async () => {
    const res = await h.teams.move('tom', page, 'Next', { staff: '3', trained: '4', rating: 'good' })
    expect(messageUnder(res.card, 'trained')).toBe('This cannot be more than the staff in your team.')
    expect(inputs(res.card).staff.value).toBe(3)
    expect(checkIn.saves).toEqual([])
  })

  it('saves the page on Next (numbers read as numbers) and shows the next one', async () => {
    const res = await h.teams.move('tom', page, 'Next', { staff: '12', trained: '10', rating: 'good' })
    expect(checkIn.store.get('csc')?.values).toMatchObject({ staff: 12, trained: 10, rating: 'good' })
    page = res.card
    expect(cardText(page)).toContain('Page 2 of 3: What helps')
    expect(buttons(page)).toEqual(['Back', 'Save and close', 'Next'])
  })

  it('asks to confirm or edit text that may identify a child, saving nothing until then', async () => {
    const risky = 'Kayden was absent; DOB 12/03/2018.'
    const res = await h.teams.move('tom', page, 'Save and close', { notes: risky })
    expect(res.card).toBeDefined()
    expect(cardText(res.card)).toContain('may identify a child or family member')
    expect(messageUnder(res.card, 'notes')).toContain('date of birth')
    expect(inputs(res.card).notes.value).toBe(risky)
    expect(inputs(res.card).confirmSensitive).toBeDefined()
    expect(checkIn.store.get('csc')?.values.notes).toBeUndefined()
  })

  it('saves and closes with a message, posting where to carry on to the 1:1 chat', async () => {
    const res = await h.teams.move('tom', page, 'Save and close', { notes: 'Supervision every fortnight.' })
    expect(res.task).toEqual({ type: 'message', value: 'Check-in saved' })
    expect(checkIn.store.get('csc')).toMatchObject({ page: 1, values: { notes: 'Supervision every fortnight.' } })
    const posted = await eventually(
      () =>
        h.connector
          .sentTo('a:personal-tom')
          .map(cardOf)
          .find((c) => cardText(c).includes('You stopped on page 2 of 3.')),
      'the saved card',
    )
    // Where the person left off, from the card in the chat.
    const again = await h.teams.openDialog('tom', posted, 'Carry on with the check-in')
    page = again.card
    expect(cardText(page)).toContain('Page 2 of 3: What helps')
    expect(inputs(page).notes.value).toBe('Supervision every fortnight.')
  })

  it('shows the latest, and who changed it, when someone else saved the page first', async () => {
    // Helen is in the same team (Children's Social Care) and saves page 2 while Tom has it open.
    const helens = await h.teams.openDialog('helen', posted())
    await h.teams.move('helen', helens.card, 'Save and close', { notes: 'Peer reviews.' })
    const res = await h.teams.move('tom', page, 'Next', { notes: 'Team meetings.' })
    expect(cardText(res.card)).toContain('Changed by Helen Marsh at 10:42; here is the latest.')
    expect(inputs(res.card).notes.value).toBe('Peer reviews.')
    expect(checkIn.store.get('csc')?.values.notes).toBe('Peer reviews.')
    page = res.card
  })

  it('saves a repeated task/submit (the same activity) once', async () => {
    const before = checkIn.saves.length
    const id = 'activity-repeated-move'
    const first = await h.teams.move('tom', page, 'Next', { notes: 'Team meetings.' }, { id })
    const second = await h.teams.move('tom', page, 'Next', { notes: 'Team meetings.' }, { id })
    expect(second.task).toEqual(first.task)
    expect(checkIn.saves.length).toBe(before + 1)
    page = first.card
    expect(cardText(page)).toContain('Page 3 of 3: Confirm')
    expect(buttons(page)).toEqual(['Back', 'Save and close', 'Send check-in'])
  })

  it('goes back with the answers kept', async () => {
    const res = await h.teams.move('tom', page, 'Back')
    expect(cardText(res.card)).toContain('Page 2 of 3: What helps')
    expect(inputs(res.card).notes.value).toBe('Team meetings.')
    page = (await h.teams.move('tom', res.card, 'Next')).card
  })

  it('finishes only with the required answer, then closes and posts the outcome', async () => {
    const missing = await h.teams.move('tom', page, 'Send check-in')
    expect(messageUnder(missing.card, 'confirm')).toBe('Please answer this question.')
    const res = await h.teams.move('tom', page, 'Send check-in', { confirm: 'true' })
    expect(res.task).toEqual({ type: 'message', value: 'Check-in sent' })
    expect(checkIn.store.get('csc')?.sent).toBe(true)
    await eventually(
      () => h.connector.sentTo('a:personal-tom').some((c) => cardText(cardOf(c)).includes('Check-in sent')),
      'the sent card',
    )
    // Sent: a late move is refused on the page, with the answers kept.
    const late = await h.teams.move('tom', page, 'Save and close', { confirm: 'true' })
    expect(cardText(late.card)).toContain('This check-in was sent, so it cannot change.')
  })
})

describe('Teams: a dialog opened from a channel card', () => {
  it('closes with the message only: the outcome is never posted where everyone would see it', async () => {
    const channel = { id: '19:team-channel@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: TENANT }
    const opened = await h.teams.openDialog('sam', invitation, undefined, { conversation: channel })
    const before = h.connector.calls.length
    const res = await h.teams.task(
      'sam',
      'task/submit',
      {
        ...teamsInputs(opened.card, { staff: '9', rating: 'good' }),
        verb: CHECK_IN_VERB,
        move: 'close',
        page: '0',
        version: '0',
      },
      { conversation: channel },
    )
    expect(res.task).toEqual({ type: 'message', value: 'Check-in saved' })
    expect(checkIn.store.get('health')?.values.staff).toBe(9)
    expect(h.connector.calls.slice(before)).toEqual([])
  })
})

describe('Teams: dialog refusals', () => {
  it('answers a person who may not see the dialog with a card in the task module', async () => {
    const res = await h.teams.openDialog('robert', invitation)
    expect(res.task.type).toBe('continue')
    expect(res.title).toBe('Not allowed')
    expect(cardText(res.card)).toContain('Only team members can fill in the check-in.')
  })

  it('answers someone who is not registered', async () => {
    const res = await h.teams.task(
      'tom',
      'task/fetch',
      { verb: CHECK_IN_VERB },
      {
        conversation: { id: 'a:personal-stranger', conversationType: 'personal', tenantId: 'another-tenant' },
      },
    )
    expect(res.title).toBe('Not registered')
  })

  it('answers an unknown verb or move with "no longer available"', async () => {
    expect((await h.teams.task('tom', 'task/fetch', { verb: 'review.approve' })).title).toBe('Not found')
    expect((await h.teams.task('tom', 'task/submit', { verb: CHECK_IN_VERB, move: 'jump' })).title).toBe('Not found')
  })

  it('says nothing was saved when the database is away', async () => {
    const opened = await h.teams.openDialog('dana', invitation)
    checkIn.failures.push(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))
    const res = await h.teams.move('dana', opened.card, 'Next', { staff: '4', rating: 'good' })
    expect(res.title).toBe('Something went wrong')
    expect(cardText(res.card)).toContain('cannot reach its database just now, so nothing was saved')
    expect(checkIn.store.has('police')).toBe(false)
    expect(h.logs.join('\n')).not.toContain('127.0.0.1:5432')
  })
})

/** The card posted to Tom's chat after he saved and closed. */
function posted(): any {
  return h.connector
    .sentTo('a:personal-tom')
    .map(cardOf)
    .find((c) => cardText(c).includes('You stopped on page 2 of 3.'))
}
