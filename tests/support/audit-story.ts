/**
 * What the audit stories (tests/audit-*.test.ts) share: answering a return's page as a person would, in a
 * Teams task module or a Slack modal (a good answer to every question shown, with evidence, confirming answers
 * carried from the last cycle), and walking a return's dialog to its end.
 */
import { expect } from 'vitest'
import { cardText } from './fake-connector.js'
import { blocksText } from './fake-slack.js'
import type { Harness, PersonKey } from './harness.js'

/** The answer picked for a choice: "good" on every scale (evidence is then given too), else the first. */
const PREFERRED = ['2', 'good', 'green', 'met', 'yes']
const TEXT = 'Reviewed by the board every quarter; the minutes are on the intranet.'
const EVIDENCE = 'https://intranet.example/safeguarding/evidence'

const pick = (values: string[]): string => PREFERRED.find((v) => values.includes(v)) ?? values[0] ?? ''

/** Answers for every input of a Teams task module page (as text, as Teams sends them), with `overrides`. */
export function teamsAnswers(card: any, overrides: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of card.body ?? []) {
    if (typeof e.type !== 'string' || !e.type.startsWith('Input.') || e.id === 'confirmSensitive') continue
    if (e.type === 'Input.ChoiceSet') out[e.id] = pick(e.choices.map((c: any) => c.value))
    else if (e.type === 'Input.Number') out[e.id] = '10'
    else if (e.type === 'Input.Toggle') out[e.id] = 'true'
    else if (e.type === 'Input.Date') out[e.id] = '2026-10-14'
    else out[e.id] = e.id.endsWith('--evidence') || /link/i.test(e.label ?? '') ? EVIDENCE : TEXT
  }
  return { ...out, ...overrides }
}

/** Answers for every input of a Slack modal page, with `overrides`. */
export function slackAnswers(view: any, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const b of view.blocks ?? []) {
    if (b.type !== 'input' || b.block_id === 'confirmSensitive') continue
    const e = b.element
    if (e.type === 'static_select') out[b.block_id] = pick(e.options.map((o: any) => o.value))
    else if (e.type === 'number_input') out[b.block_id] = 10
    else if (e.type === 'checkboxes') out[b.block_id] = true
    else if (e.type === 'datepicker') out[b.block_id] = '2026-10-14'
    else out[b.block_id] = b.block_id.endsWith('--evidence') ? EVIDENCE : TEXT
  }
  return { ...out, ...overrides }
}

/** "Section 3 of 12: …" of a Teams task module card or a Slack view. */
export const stepOf = (page: any): string => {
  const text = page.blocks ? blocksText(page) : cardText(page)
  return text.match(/Section \d+ of \d+: [^\n]+/)?.[0] ?? ''
}

/**
 * Answers every page of a return's Teams dialog from `card` on, pressing Next, then the finish (`finishLabel`);
 * returns the task module's closing message.
 */
export async function finishInTeams(h: Harness, key: PersonKey, card: any, finishLabel = 'Submit for sign-off') {
  let page = card
  for (let i = 0; i < 40; i++) {
    const isLast = (page.actions ?? []).some((a: any) => a.title === finishLabel)
    const res = await h.teams.move(key, page, isLast ? finishLabel : 'Next', teamsAnswers(page))
    if (res.task?.type === 'message') return res.message
    expect(res.card, `a page after ${stepOf(page)}`).toBeDefined()
    page = res.card
  }
  throw new Error('the dialog did not end')
}

/** The same in Slack: submits each modal page (Next, then the finish); returns the last answer's body. */
export async function finishInSlack(h: Harness, key: PersonKey, view: any) {
  let current = view
  for (let i = 0; i < 40; i++) {
    const res = await h.slackClient.dialogSubmit(key, h.slackClient.dialogView(current, slackAnswers(current)))
    const body = res.body as any
    // A page with a submit is the next page; one without is the dialog's end, shown in the modal.
    if (body?.response_action === 'update' && body.view?.submit) {
      current = body.view
      continue
    }
    return { body, last: current }
  }
  throw new Error('the dialog did not end')
}
