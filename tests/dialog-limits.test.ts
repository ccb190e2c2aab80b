/**
 * A dialog's moves count against a person's submit budget (bot/core/throttle.ts) on both platforms, as form
 * submits do; opening one only reads. Over the budget, the dialog shows the slow-down card and nothing is
 * saved. A harness of its own, with a budget of two moves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openId } from '../cards/action-id.js'
import { CHECK_IN_VERB, createCheckIn } from './support/check-in-dialog.js'
import { cardText } from './support/fake-connector.js'
import { blocksText } from './support/fake-slack.js'
import { type Harness, startHarness } from './support/harness.js'

const checkIn = createCheckIn()
let h: Harness

beforeAll(async () => {
  h = await startHarness({
    interactions: [checkIn.dialog],
    env: { RATE_LIMIT_SUBMIT_BURST: '2', RATE_LIMIT_SUBMITS_PER_MINUTE: '0.01' },
  })
})
afterAll(async () => h?.stop())

describe('dialogs and the per-person limits', () => {
  it('Teams: opening reads; the third move in a row gets the slow-down card and saves nothing', async () => {
    let page = (await h.teams.task('tom', 'task/fetch', { verb: CHECK_IN_VERB })).card
    for (let i = 0; i < 3; i++) page = (await h.teams.task('tom', 'task/fetch', { verb: CHECK_IN_VERB })).card
    expect(cardText(page)).toContain('Page 1 of 3')
    await h.teams.move('tom', page, 'Save and close', { staff: '5' })
    await h.teams.move('tom', page, 'Save and close', { staff: '6' })
    const third = await h.teams.move('tom', page, 'Save and close', { staff: '7' })
    expect(third.title).toBe('Slow down')
    expect(cardText(third.card)).toContain('nothing was done with that last one')
    expect(checkIn.store.get('csc')?.values.staff).not.toBe(7)
  })

  it('Slack: the same, in the modal', async () => {
    await h.slackClient.button('dana', openId(CHECK_IN_VERB), '{}')
    const view = h.slack.callsTo('views.open').at(-1)!.args.view
    const answers = (staff: number) => h.slackClient.dialogView(view, { staff, rating: 'good' })
    await h.slackClient.dialogSubmit('dana', answers(5))
    await h.slackClient.dialogSubmit('dana', answers(6))
    const third = await h.slackClient.dialogSubmit('dana', answers(7))
    expect(blocksText((third.body as any).view)).toContain('nothing was done with that last one')
    expect(checkIn.store.get('police')?.values.staff).not.toBe(7)
  })
})
