/**
 * Dialogs in Slack, through signed requests to /slack/events against the real app and PostgreSQL: an opener
 * button opens the first page as a modal (views.open); the modal's submit is Next or the finish (answered
 * `update` with the next page, or `errors` next to the fields); Back and Save and close are buttons inside
 * the view (block actions answered with views.update); the outcome is posted to the person's 1:1 chat. The
 * same view sent twice is saved once. Driven with the check-in dialog of tests/support/check-in-dialog.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openId } from '../cards/action-id.js'
import { DIALOG_BUTTONS } from '../cards/render/blockkit.js'
import { CHECK_IN_VERB, createCheckIn } from './support/check-in-dialog.js'
import { blocksText, buttonIds } from './support/fake-slack.js'
import { eventually, type Harness, NO_SUBMIT_LIMITS, person, startHarness } from './support/harness.js'

const checkIn = createCheckIn({ refuse: ['Robert Finch'] })
let h: Harness

beforeAll(async () => {
  h = await startHarness({ interactions: [checkIn.dialog], env: NO_SUBMIT_LIMITS })
})
afterAll(async () => h?.stop())

const lastCall = (method: string) => h.slack.callsTo(method).at(-1)!.args
/** The input block of a field. */
const input = (view: any, id: string) => view.blocks.find((b: any) => b.type === 'input' && b.block_id === id)
/** The message Slack shows under a field after a views.update (a context block after its input). */
const messageUnder = (view: any, id: string) => {
  const at = view.blocks.findIndex((b: any) => b.block_id === id)
  const next = view.blocks[at + 1]
  return next?.type === 'context' ? next.elements[0].text : undefined
}

describe('Slack: a dialog as a modal', () => {
  let view: any

  it('opens the first page as a modal from an opener button', async () => {
    const res = await h.slackClient.button('tom', openId(CHECK_IN_VERB), '{}')
    expect(res.status).toBe(200)
    const opened = await eventually(() => h.slack.callsTo('views.open').at(-1), 'views.open')
    view = opened.args.view
    expect(view.callback_id).toBe(CHECK_IN_VERB)
    expect(view.title.text).toBe('Team check-in')
    expect(view.submit.text).toBe('Next')
    expect(blocksText(view)).toContain('Page 1 of 3: Your team')
    expect(input(view, 'staff')).toMatchObject({
      optional: false,
      element: { type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '500' },
    })
    expect(input(view, 'trained').optional).toBe(true)
    expect(buttonIds(view.blocks)).toEqual([DIALOG_BUTTONS.close])
    expect(JSON.parse(view.private_metadata)).toEqual({ page: '0', version: '0', move: 'next' })
  })

  it('answers field messages with response_action errors, answers kept by Slack, nothing saved', async () => {
    const res = await h.slackClient.dialogSubmit(
      'tom',
      h.slackClient.dialogView(view, { staff: 3, trained: 4, rating: 'good' }),
    )
    expect(res.body).toEqual({
      response_action: 'errors',
      errors: { trained: 'This cannot be more than the staff in your team.' },
    })
    expect(checkIn.saves).toEqual([])
  })

  it('saves the page on Next and answers with the next page (response_action update)', async () => {
    const res = await h.slackClient.dialogSubmit(
      'tom',
      h.slackClient.dialogView(view, { staff: 12, trained: 10, rating: 'good' }),
    )
    expect((res.body as any).response_action).toBe('update')
    view = (res.body as any).view
    expect(checkIn.store.get('csc')?.values).toMatchObject({ staff: 12, trained: 10, rating: 'good' })
    expect(blocksText(view)).toContain('Page 2 of 3: What helps')
    expect(buttonIds(view.blocks)).toEqual([DIALOG_BUTTONS.back, DIALOG_BUTTONS.close])
  })

  it('saves once when Slack sends the same submission again', async () => {
    const sent = h.slackClient.dialogView(view, { notes: 'Supervision every fortnight.' })
    const before = checkIn.saves.length
    const first = await h.slackClient.dialogSubmit('tom', sent)
    const retry = await h.slackClient.dialogSubmit('tom', sent, { retryNum: 1 })
    expect(retry.body).toEqual(first.body)
    expect(checkIn.saves.length).toBe(before + 1)
    expect(blocksText((first.body as any).view)).toContain('Page 3 of 3: Confirm')
    view = (first.body as any).view
    expect(view.submit.text).toBe('Send check-in')
  })

  it('goes back with views.update, keeping the answers', async () => {
    const res = await h.slackClient.dialogButton('tom', h.slackClient.dialogView(view), DIALOG_BUTTONS.back)
    expect(res.status).toBe(200)
    const update = await eventually(() => h.slack.callsTo('views.update').at(-1), 'views.update')
    expect(update.args.view_id).toBe('V0DIALOG01')
    expect(update.args.hash).toBeTruthy()
    view = update.args.view
    expect(blocksText(view)).toContain('Page 2 of 3: What helps')
    expect(input(view, 'notes').element.initial_value).toBe('Supervision every fortnight.')
  })

  it('asks to confirm text that may identify a child, in the view, before saving', async () => {
    const risky = 'Kayden was absent; DOB 12/03/2018.'
    const calls = h.slack.callsTo('views.update').length
    await h.slackClient.dialogButton('tom', h.slackClient.dialogView(view, { notes: risky }), DIALOG_BUTTONS.close)
    const update = await eventually(() => h.slack.callsTo('views.update')[calls], 'views.update')
    view = update.args.view
    expect(blocksText(view)).toContain('may identify a child or family member')
    expect(messageUnder(view, 'notes')).toContain('date of birth')
    expect(input(view, 'notes').element.initial_value).toBe(risky)
    expect(input(view, 'confirmSensitive')).toBeDefined()
    expect(checkIn.store.get('csc')?.values.notes).toBe('Supervision every fortnight.')
  })

  it('saves and closes: the outcome in the modal, and in the 1:1 chat with a button to carry on', async () => {
    const calls = h.slack.callsTo('views.update').length
    const risky = 'Kayden was absent; DOB 12/03/2018.'
    await h.slackClient.dialogButton(
      'tom',
      h.slackClient.dialogView(view, { notes: risky, confirmSensitive: true }),
      DIALOG_BUTTONS.close,
    )
    const update = await eventually(() => h.slack.callsTo('views.update')[calls], 'views.update')
    expect(blocksText(update.args.view)).toContain('Check-in saved')
    expect(update.args.view.submit).toBeUndefined()
    expect(checkIn.store.get('csc')?.values.notes).toBe(risky)
    const post = await eventually(
      () =>
        h.slack
          .callsTo('chat.postMessage')
          .find((c) => c.args.channel === person('tom').slackUserId && blocksText(c.args.blocks).includes('stopped')),
      'the saved message',
    )
    expect(blocksText(post.args.blocks)).toContain('You stopped on page 2 of 3.')
    expect(buttonIds(post.args.blocks)).toEqual([openId(CHECK_IN_VERB)])
  })

  it('opens again where the person left off, and finishes', async () => {
    await h.slackClient.button('tom', openId(CHECK_IN_VERB), '{}', person('tom').slackUserId)
    view = lastCall('views.open').view
    expect(blocksText(view)).toContain('Page 2 of 3: What helps')
    const next = await h.slackClient.dialogSubmit('tom', h.slackClient.dialogView(view))
    view = (next.body as any).view
    const done = await h.slackClient.dialogSubmit('tom', h.slackClient.dialogView(view, { confirm: true }))
    expect(done.body).toMatchObject({ response_action: 'update' })
    expect(blocksText((done.body as any).view)).toContain('Check-in sent')
    expect(checkIn.store.get('csc')?.sent).toBe(true)
    await eventually(
      () => h.slack.callsTo('chat.postMessage').some((c) => blocksText(c.args.blocks).includes('Check-in sent')),
      'the sent message',
    )
  })

  it('shows the latest, and who changed it, when someone else saved first', async () => {
    // Dana and Joanne are both Northshire Police: Joanne saves the first page while Dana has it open.
    await h.slackClient.button('dana', openId(CHECK_IN_VERB), '{}')
    const danas = lastCall('views.open').view
    await h.slackClient.button('joanne', openId(CHECK_IN_VERB), '{}')
    const joannes = lastCall('views.open').view
    await h.slackClient.dialogSubmit('joanne', h.slackClient.dialogView(joannes, { staff: 40, rating: 'good' }))
    const res = await h.slackClient.dialogSubmit(
      'dana',
      h.slackClient.dialogView(danas, { staff: 41, rating: 'requires-improvement' }),
    )
    const latest = (res.body as any).view
    expect(blocksText(latest)).toContain('Changed by Joanne Clarke at 10:42; here is the latest.')
    expect(input(latest, 'staff').element.initial_value).toBe('40')
    expect(checkIn.store.get('police')?.values.staff).toBe(40)
  })
})

describe('Slack: dialog refusals', () => {
  it('shows a person who may not see the dialog a card in the modal', async () => {
    await h.slackClient.button('robert', openId(CHECK_IN_VERB), '{}')
    const view = lastCall('views.open').view
    expect(view.submit).toBeUndefined()
    expect(blocksText(view)).toContain('Only team members can fill in the check-in.')
  })

  it('refuses a submission whose view carries no move it knows', async () => {
    const res = await h.slackClient.dialogSubmit('tom', {
      id: 'V0ODD',
      callback_id: CHECK_IN_VERB,
      private_metadata: JSON.stringify({ page: '0', move: 'jump' }),
      blocks: [],
      state: { values: {} },
    })
    expect(blocksText((res.body as any).view)).toContain('That button is no longer available.')
  })
})
