/** Renders the neutral model to Slack Block Kit: message blocks, modals for forms, and a dialog's pages. */
import { openId } from '../action-id.js'
import type { DialogMove, DialogPage } from '../dialog.js'
import type { Action, Block, Card, Field, FieldValue, Form, Tone } from '../model.js'
import { clip, SLACK } from './limits.js'

export type SlackBlock = Record<string, unknown>
export type SlackView = {
  type: 'modal' | 'home'
  callback_id?: string
  title?: unknown
  submit?: unknown
  close?: unknown
  private_metadata?: string
  blocks: SlackBlock[]
}

const plain = (t: string, max = 3000) => ({ type: 'plain_text', text: clip(t, max), emoji: true })
const mrkdwn = (t: string, max: number = SLACK.sectionText) => ({ type: 'mrkdwn', text: clip(t, max) })
const TONE_PREFIX: Record<Tone, string> = {
  default: '',
  good: ':white_check_mark: ',
  attention: ':warning: ',
  warning: ':warning: ',
  accent: '',
}

/** Escapes Slack's control characters in user text. */
const escapeSlack = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Button value for a form action: which form to open, with its hidden data. */
export type FormButtonValue = { form: string; meta: Record<string, string> }

function button(action: Action, index: number): SlackBlock {
  switch (action.type) {
    case 'link':
      return {
        type: 'button',
        action_id: `link-${index}`,
        text: plain(action.label, SLACK.buttonText),
        url: action.url,
      }
    case 'submit':
    case 'open':
    case 'dialog':
      return {
        type: 'button',
        // A dialog opens as a modal, as a form does: its button is the verb's opener.
        action_id: action.type === 'submit' ? action.verb : openId(action.verb),
        text: plain(action.label, SLACK.buttonText),
        value: clip(JSON.stringify(action.data), SLACK.buttonValue),
        ...(action.style === 'positive'
          ? { style: 'primary' }
          : action.style === 'destructive'
            ? { style: 'danger' }
            : {}),
      }
    case 'form': {
      const value: FormButtonValue = { form: action.form.id, meta: action.form.meta }
      return {
        type: 'button',
        action_id: openId(action.form.id),
        text: plain(action.label, SLACK.buttonText),
        value: JSON.stringify(value),
        ...(action.style === 'destructive' ? { style: 'danger' } : {}),
      }
    }
  }
}

function toBlocks(block: Block): SlackBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'section', text: mrkdwn(`*${escapeSlack(block.text)}*`) }]
    case 'text': {
      // Plain text, never mrkdwn: what a person typed is shown as typed (no live links, no bold from asterisks).
      if (block.subtle) return [{ type: 'context', elements: [plain(block.text, SLACK.contextText)] }]
      // Long free text continues in further sections rather than being cut at Slack's 3000 characters.
      const whole = `${TONE_PREFIX[block.tone ?? 'default']}${block.text}`
      const parts: SlackBlock[] = []
      for (let i = 0; i < whole.length; i += SLACK.sectionText)
        parts.push({ type: 'section', text: plain(whole.slice(i, i + SLACK.sectionText)) })
      return parts
    }
    case 'facts': {
      const out: SlackBlock[] = []
      for (let i = 0; i < block.facts.length; i += SLACK.sectionFields) {
        out.push({
          type: 'section',
          fields: block.facts
            .slice(i, i + SLACK.sectionFields)
            .map((f) => plain(`${f.label}\n${f.value}`, SLACK.fieldText)),
        })
      }
      return out
    }
    case 'divider':
      return [{ type: 'divider' }]
    case 'actions':
      return block.actions.length ? [{ type: 'actions', elements: block.actions.map(button) }] : []
  }
}

/** Message blocks for a card (the title becomes a header). */
export function cardToBlocks(card: Card): SlackBlock[] {
  const blocks: SlackBlock[] = [{ type: 'header', text: plain(card.title, SLACK.headerText) }]
  for (const b of card.blocks) blocks.push(...toBlocks(b))
  return fitBlocks(blocks)
}

/** Keeps within Slack's 100-block limit, saying so in the last block. */
function fitBlocks(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= SLACK.maxBlocks) return blocks
  return [
    ...blocks.slice(0, SLACK.maxBlocks - 1),
    { type: 'context', elements: [mrkdwn('More in Learning Loop: this list was shortened.')] },
  ]
}

function element(field: Field, value: FieldValue | undefined): SlackBlock {
  const options = (field.options ?? [])
    .slice(0, SLACK.selectOptions)
    .map((o) => ({ text: plain(o.label, SLACK.optionText), value: o.value }))
  const selected = (values: string[]) => options.filter((o) => values.includes(o.value))
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        type: 'plain_text_input',
        action_id: field.id,
        multiline: field.kind === 'textarea',
        ...(field.maxLength ? { max_length: Math.min(field.maxLength, SLACK.inputMaxLength) } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
        ...(typeof value === 'string' && value ? { initial_value: value } : {}),
      }
    case 'date':
      return {
        type: 'datepicker',
        action_id: field.id,
        ...(typeof value === 'string' && value ? { initial_date: value } : {}),
      }
    case 'number': {
      // Slack's number input takes its limits and its value as text.
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
      return {
        type: 'number_input',
        action_id: field.id,
        is_decimal_allowed: field.decimal === true,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {}),
        ...(value !== undefined && value !== '' && Number.isFinite(n) ? { initial_value: String(n) } : {}),
      }
    }
    case 'select': {
      const chosen = typeof value === 'string' ? selected([value]) : []
      return {
        type: field.expanded && options.length <= SLACK.checkboxOptions ? 'radio_buttons' : 'static_select',
        action_id: field.id,
        options,
        ...(chosen[0] ? { initial_option: chosen[0] } : {}),
      }
    }
    case 'multiselect': {
      const chosen = Array.isArray(value) ? selected(value) : []
      const type = options.length <= SLACK.checkboxOptions ? 'checkboxes' : 'multi_static_select'
      return { type, action_id: field.id, options, ...(chosen.length ? { initial_options: chosen } : {}) }
    }
    case 'checkbox': {
      const option = { text: plain(field.help ?? field.label, SLACK.optionText), value: 'true' }
      return {
        type: 'checkboxes',
        action_id: field.id,
        options: [option],
        ...(value === true ? { initial_options: [option] } : {}),
      }
    }
  }
}

type FormParts = Pick<Form, 'intro' | 'notice' | 'fields' | 'values' | 'errors'>

/** Input blocks for a form's fields, with a message under each field that has one. */
function inputBlocks(form: FormParts): SlackBlock[] {
  const blocks: SlackBlock[] = []
  for (const b of form.intro ?? []) blocks.push(...toBlocks(b))
  if (form.notice) blocks.push(...toBlocks({ type: 'text', text: form.notice.text, tone: form.notice.tone }))
  for (const field of form.fields) {
    blocks.push({
      type: 'input',
      block_id: field.id,
      label: plain(field.label, SLACK.inputLabel),
      optional: !field.required,
      element: element(field, form.values?.[field.id]),
      ...(field.help && field.kind !== 'checkbox' ? { hint: plain(field.help, SLACK.hint) } : {}),
    })
    const error = form.errors?.[field.id]
    if (error) blocks.push({ type: 'context', elements: [plain(`:warning: ${error}`, SLACK.contextText)] })
  }
  return blocks
}

/** A form's blocks; errors are also returned by Slack itself (response_action: errors). */
const formToBlocks = (form: Form): SlackBlock[] => fitBlocks(inputBlocks(form))

export function formToModal(form: Form): SlackView {
  return {
    type: 'modal',
    callback_id: form.id,
    title: plain(form.title, SLACK.modalTitle),
    submit: plain(form.submitLabel, SLACK.modalButton),
    close: plain('Cancel', SLACK.modalButton),
    private_metadata: clip(JSON.stringify(form.meta), SLACK.privateMetadata),
    blocks: formToBlocks(form),
  }
}

/** A modal that only shows a card (e.g. a confirmation after submit). */
export function cardToModal(card: Card, title: string): SlackView {
  return {
    type: 'modal',
    title: plain(title, SLACK.modalTitle),
    close: plain('Close', SLACK.modalButton),
    blocks: cardToBlocks(card),
  }
}

/** The action ids of the moves inside a dialog's modal (Next and the finish are its submit button). */
export const DIALOG_BUTTONS = { back: 'dialog.back', close: 'dialog.close' } as const satisfies Partial<
  Record<DialogMove, string>
>

/** A dialog's modal title: its own short title, or the step before a colon if that fits. */
function dialogTitle(page: DialogPage): string {
  if (page.shortTitle) return page.shortTitle
  const before = page.step.split(':')[0]!.trim()
  return before.length <= SLACK.modalTitle ? before : 'Learning Loop'
}

/**
 * A dialog's page as a Slack modal: the submit moves on (Next, or the finish on the last page), Back and
 * Save and close are buttons inside the view (block_actions, answered with views.update). The hidden values
 * and the submit's move travel in private_metadata. Nothing is cut: a page's blocks are tested to fit.
 */
export function dialogPageToModal(verb: string, page: DialogPage): SlackView {
  const submitMove: DialogMove = page.canGoNext ? 'next' : 'finish'
  const moves: SlackBlock[] = []
  if (page.canGoBack)
    moves.push({ type: 'button', action_id: DIALOG_BUTTONS.back, text: plain('Back', SLACK.buttonText) })
  moves.push({ type: 'button', action_id: DIALOG_BUTTONS.close, text: plain('Save and close', SLACK.buttonText) })
  return {
    type: 'modal',
    callback_id: verb,
    title: plain(dialogTitle(page), SLACK.modalTitle),
    submit: plain(page.canGoNext ? 'Next' : (page.finishLabel ?? 'Finish'), SLACK.modalButton),
    close: plain('Cancel', SLACK.modalButton),
    private_metadata: clip(JSON.stringify({ ...page.meta, move: submitMove }), SLACK.privateMetadata),
    blocks: [
      { type: 'header', text: plain(page.step, SLACK.headerText) },
      { type: 'context', elements: [plain(page.title, SLACK.contextText)] },
      ...inputBlocks(page),
      { type: 'actions', block_id: 'dialog-moves', elements: moves },
    ],
  }
}
