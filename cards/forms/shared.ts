/** Small pieces the form definitions share. */
import type { Option, Reply } from '../interaction.js'
import { messageCard } from '../messages/general.js'
import type { Block, Field } from '../model.js'
import { text } from '../model.js'

/** Select options from a `{ value: label }` record of a schema. */
export const optionsOf = (record: Record<string, string>): Option[] =>
  Object.entries(record).map(([value, label]) => ({ value, label }))

/** The subtle line under a form's title that says what it is about. */
export const about = (line: string): Block[] => [text(line, 'default', true)]

/** The confirmation a person ticks after being warned that free text may identify someone. */
export const CONFIRM_SENSITIVE_FIELD: Field = {
  id: 'confirmSensitive',
  label: 'Confirm',
  kind: 'checkbox',
  help: 'I have checked: these details are needed and the child is not named',
}

/** A confirmation card. */
export const done = (title: string, message: string): Reply[] => [
  { type: 'card', card: messageCard(title, message, 'good') },
]

/** What a form about one review needs to say which review it is about. */
export type ReviewRef = { id: string; reference: string }
