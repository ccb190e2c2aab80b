/**
 * Renders the neutral model to Adaptive Cards 1.5 with Universal Actions (Action.Execute), and a dialog's page
 * to the card of a Teams task module (its moves are Action.Submit: Teams sends them as `task/submit`).
 */
import { openId } from '../action-id.js'
import type { DialogMove, DialogPage } from '../dialog.js'
import type { Action, Block, Card, Field, FieldValue, Form, Tone } from '../model.js'
import { VERBS } from '../verbs.js'

export type AdaptiveCardJson = {
  type: 'AdaptiveCard'
  version: '1.5'
  $schema: string
  body: unknown[]
  actions?: unknown[]
  refresh?: unknown
  [k: string]: unknown
}

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json'
const COLORS: Record<Tone, string> = {
  default: 'Default',
  good: 'Good',
  attention: 'Attention',
  warning: 'Warning',
  accent: 'Accent',
}

/** Action.Execute, with an Action.Submit fallback for clients without Universal Actions. */
function execute(verb: string, title: string, data: Record<string, string>, style?: 'positive' | 'destructive') {
  return {
    type: 'Action.Execute',
    verb,
    title,
    data: { ...data, verb },
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: { ...data, verb }, ...(style ? { style } : {}) },
  }
}

/**
 * Text is shown as typed: Teams renders TextBlock and FactSet text as markdown, so the characters that would
 * make a link, emphasis, code or a list are escaped with a backslash (CommonMark, as Teams reads it). A
 * practitioner's `[Open the secure case file](https://…)` stays text, never a live link.
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_[\]`~]/g, '\\$&')
    .replace(/^(\s*)([-+>#])/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.')
}

function blockToElements(block: Block): unknown[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'TextBlock', text: escapeMarkdown(block.text), weight: 'Bolder', size: 'Medium', wrap: true }]
    case 'text':
      return [
        {
          type: 'TextBlock',
          text: escapeMarkdown(block.text),
          wrap: true,
          ...(block.tone && block.tone !== 'default'
            ? { color: COLORS[block.tone], weight: block.tone === 'attention' ? 'Bolder' : 'Default' }
            : {}),
          ...(block.subtle ? { isSubtle: true, size: 'Small' } : {}),
        },
      ]
    case 'facts':
      return block.facts.length
        ? [
            {
              type: 'FactSet',
              facts: block.facts.map((f) => ({ title: escapeMarkdown(f.label), value: escapeMarkdown(f.value) })),
            },
          ]
        : []
    case 'divider':
      return [{ type: 'TextBlock', text: ' ', separator: true, spacing: 'Medium' }]
    case 'actions':
      return block.actions.length ? [{ type: 'ActionSet', actions: block.actions.map(toAction) }] : []
  }
}

function toAction(action: Action): unknown {
  switch (action.type) {
    case 'submit':
      return execute(action.verb, action.label, action.data, action.style)
    case 'open':
      return execute(openId(action.verb), action.label, action.data, action.style)
    case 'link':
      return { type: 'Action.OpenUrl', title: action.label, url: action.url }
    case 'dialog':
      return dialogOpener(action.verb, action.label, action.data, action.style)
    case 'form':
      return {
        type: 'Action.ShowCard',
        title: action.label,
        card: {
          type: 'AdaptiveCard',
          body: formBody(action.form),
          actions: [execute(action.form.id, action.form.submitLabel, action.form.meta, action.style)],
        },
      }
  }
}

/**
 * A button that opens a dialog: Teams sends an Action.Submit whose data asks for a task module as a
 * `task/fetch` invoke carrying the same data (the verb and the hidden values), and shows what the bot answers.
 */
function dialogOpener(verb: string, title: string, data: Record<string, string>, style?: 'positive' | 'destructive') {
  return {
    type: 'Action.Submit',
    title,
    data: { ...data, verb, msteams: { type: 'task/fetch' } },
    ...(style ? { style } : {}),
  }
}

/**
 * An input for a field. In a dialog, `required` is checked by the bot on Next and the finish only (Teams
 * would check an isRequired input on every button, Back and Save and close too), so the label says it.
 */
function input(field: Field, value: FieldValue | undefined, inDialog = false): Record<string, unknown> {
  const common =
    inDialog && field.required
      ? { id: field.id, label: `${field.label} (required)` }
      : {
          id: field.id,
          label: field.label,
          ...(field.required ? { isRequired: true, errorMessage: `${field.label} is required.` } : {}),
        }
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        type: 'Input.Text',
        ...common,
        isMultiline: field.kind === 'textarea',
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(typeof value === 'string' && value ? { value } : {}),
      }
    case 'date':
      return { type: 'Input.Date', ...common, ...(typeof value === 'string' && value ? { value } : {}) }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
      return {
        type: 'Input.Number',
        ...common,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...(value !== undefined && value !== '' && Number.isFinite(n) ? { value: n } : {}),
      }
    }
    case 'select':
    case 'multiselect':
      return {
        type: 'Input.ChoiceSet',
        ...common,
        isMultiSelect: field.kind === 'multiselect',
        style:
          field.expanded || (field.kind === 'multiselect' && (field.options?.length ?? 0) <= 10)
            ? 'expanded'
            : 'compact',
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...(value !== undefined && value !== ''
          ? { value: Array.isArray(value) ? value.join(',') : String(value) }
          : {}),
      }
    case 'checkbox':
      return {
        type: 'Input.Toggle',
        ...common,
        title: field.help ?? field.label,
        value: value === true ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
      }
  }
}

type FormParts = Pick<Form, 'intro' | 'notice' | 'fields' | 'values' | 'errors'>

function formBody(form: FormParts, inDialog = false): unknown[] {
  const body: unknown[] = []
  for (const b of form.intro ?? []) body.push(...blockToElements(b))
  if (form.notice) body.push(...blockToElements({ type: 'text', text: form.notice.text, tone: form.notice.tone }))
  for (const field of form.fields) {
    body.push(input(field, form.values?.[field.id], inDialog))
    if (field.help && field.kind !== 'checkbox')
      body.push({ type: 'TextBlock', text: field.help, isSubtle: true, size: 'Small', wrap: true, spacing: 'None' })
    const error = form.errors?.[field.id]
    if (error)
      body.push({
        type: 'TextBlock',
        id: `${field.id}-error`,
        text: escapeMarkdown(error),
        color: 'Attention',
        wrap: true,
        spacing: 'None',
      })
  }
  return body
}

export function cardToAdaptive(card: Card): AdaptiveCardJson {
  const body: unknown[] = [
    {
      type: 'TextBlock',
      text: escapeMarkdown(card.title),
      weight: 'Bolder',
      size: 'Large',
      wrap: true,
      style: 'heading',
    },
  ]
  for (const b of card.blocks) body.push(...blockToElements(b))
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    body,
    ...(card.refresh
      ? {
          refresh: {
            action: {
              type: 'Action.Execute',
              verb: card.refresh.verb,
              data: { ...card.refresh.data, verb: card.refresh.verb },
            },
            userIds: card.refresh.userIds,
          },
        }
      : {}),
  }
}

export function formToAdaptive(form: Form): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    body: [
      { type: 'TextBlock', text: form.title, weight: 'Bolder', size: 'Large', wrap: true, style: 'heading' },
      ...formBody(form),
    ],
    actions: [execute(form.id, form.submitLabel, form.meta, 'positive'), cancelAction(form.meta)],
  }
}

/**
 * A form shown as a whole card (after a command or an `open` button) can be cancelled: cards/forms/form-cancel.ts
 * replaces it with "Cancelled". It neither validates nor sends the inputs. Inline show-cards close with their toggle.
 */
function cancelAction(meta: Record<string, string>) {
  // A form opened from a list goes back to that list when cancelled (see cards/forms/form-cancel.ts).
  const action = execute(VERBS.formCancel, 'Cancel', meta.list ? { list: meta.list } : {})
  return { ...action, associatedInputs: 'none', fallback: { ...action.fallback, associatedInputs: 'none' } }
}

/** One move's button in a task module: Teams sends its data, with every input's value, as `task/submit`. */
function moveAction(verb: string, move: DialogMove, title: string, meta: Record<string, string>, primary = false) {
  return { type: 'Action.Submit', title, data: { ...meta, verb, move }, ...(primary ? { style: 'positive' } : {}) }
}

/** A dialog's page as the card of a Teams task module: where the person is, the fields, and the moves. */
export function dialogPageToAdaptive(verb: string, page: DialogPage): AdaptiveCardJson {
  const actions: unknown[] = []
  if (page.canGoBack) actions.push(moveAction(verb, 'back', 'Back', page.meta))
  actions.push(moveAction(verb, 'close', 'Save and close', page.meta))
  if (page.canGoNext) actions.push(moveAction(verb, 'next', 'Next', page.meta, true))
  else actions.push(moveAction(verb, 'finish', page.finishLabel ?? 'Finish', page.meta, true))
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.5',
    body: [
      { type: 'TextBlock', text: escapeMarkdown(page.step), weight: 'Bolder', size: 'Medium', wrap: true },
      ...formBody(page, true),
    ],
    actions,
  }
}
