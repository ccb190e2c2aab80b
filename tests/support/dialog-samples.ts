/**
 * Every dialog page the app can show, for the rendering checks (tests/cards.test.ts) and the wording checks
 * (tests/wording.test.ts): each dialog in the registry gives its largest realistic pages in DIALOG_DATA, and
 * each page is checked blank, with every answer as long as the platform allows and a message on every field,
 * and with the identifying-details box. A page with every kind of field checks the renderers themselves.
 */
import type { DialogPage } from '../../cards/dialog.js'
import { CONFIRM_SENSITIVE_FIELD } from '../../cards/forms/shared.js'
import type { Field, FieldValue } from '../../cards/model.js'
import { INTERACTIONS } from '../../cards/registry.js'
import { SLACK } from '../../cards/render/limits.js'
import type { Verb } from '../../cards/verbs.js'
import { prose } from './card-samples.js'
import { auditDialogPages } from './audit-samples.js'

/** A page with every kind of field, long labels and help, as the renderers must take them. */
const EVERY_KIND: DialogPage = {
  title: 'Section 11 return: Northshire NHS Foundation Trust',
  step: 'Section 4 of 9: Safer recruitment and allegations against people who work with children',
  shortTitle: 'Section 11 return',
  intro: [{ type: 'text', text: prose(600), subtle: true }],
  fields: [
    {
      id: 'grade',
      label: prose(300),
      kind: 'select',
      required: true,
      help: 'Evidence: the safer recruitment policy, and the last audit of recruitment files.',
      options: ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'].map((label, i) => ({
        value: `g${i}`,
        label,
      })),
    },
    { id: 'staff', label: 'How many staff have had safer recruitment training?', kind: 'number', min: 0, max: 100_000 },
    { id: 'share', label: 'What share of files were complete?', kind: 'number', min: 0, max: 100, decimal: true },
    { id: 'reviewed', label: 'When did the governors last review this?', kind: 'date' },
    {
      id: 'areas',
      label: 'Which teams does this cover?',
      kind: 'multiselect',
      options: Array.from({ length: 8 }, (_, i) => ({ value: `t${i}`, label: `Team ${i + 1}` })),
    },
    { id: 'met', label: 'Is the standard met?', kind: 'checkbox', help: 'The standard is met in full' },
    { id: 'link', label: 'Link to the evidence', kind: 'text', maxLength: 500, placeholder: 'https://…' },
    { id: 'comment', label: 'Comment', kind: 'textarea', maxLength: 4000 },
  ],
  meta: { returnId: '6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c', section: '3', version: '12' },
  canGoBack: true,
  canGoNext: true,
}

/** Each dialog's largest realistic pages, as its service query and page builder would give them. */
export const DIALOG_DATA: Partial<Record<Verb, DialogPage[]>> = {
  'audit.return': auditDialogPages(),
}

/** An answer to every field, as long as the platform lets a person type (`longest` for long text). */
function filled(fields: Field[], longest: number): Record<string, FieldValue> {
  const value = (f: Field): FieldValue => {
    switch (f.kind) {
      case 'textarea':
        return prose(Math.min(f.maxLength ?? longest, longest))
      case 'text':
        return 'x'.repeat(Math.min(f.maxLength ?? 60, 60))
      case 'date':
        return '2026-12-03'
      case 'select':
        return f.options?.[0]?.value ?? ''
      case 'multiselect':
        return (f.options ?? []).map((o) => o.value)
      case 'checkbox':
        return true
      case 'number':
        return f.max ?? 999_999
    }
  }
  return Object.fromEntries(fields.map((f) => [f.id, value(f)]))
}

/** A page blank, answered in full with a message on every field, with the identifying-details box, and last. */
function variants(name: string, page: DialogPage, longest: number): [string, DialogPage][] {
  const values = filled(page.fields, longest)
  const errors = Object.fromEntries(page.fields.map((f) => [f.id, 'Please answer this question.']))
  return [
    [`${name}, blank`, page],
    [
      `${name}, with errors`,
      { ...page, values, errors, notice: { tone: 'attention', text: 'Please check the answers marked below.' } },
    ],
    [
      `${name}, identifying details`,
      {
        ...page,
        values: { ...values, confirmSensitive: false },
        fields: [...page.fields, CONFIRM_SENSITIVE_FIELD],
        notice: { tone: 'attention', text: 'Some answers may identify a child or family member (see below).' },
      },
    ],
    [
      `${name}, last page, changed by someone else`,
      {
        ...page,
        values,
        canGoNext: false,
        finishLabel: 'Submit for sign-off',
        notice: { tone: 'warning', text: 'Changed by Dana Okafor at 10:42; here is the latest.' },
      },
    ],
  ]
}

const pages = (longest: number): [string, Verb, DialogPage][] => [
  ...variants('every kind of field', EVERY_KIND, longest).map(([n, p]): [string, Verb, DialogPage] => [
    n,
    'sample.dialog' as Verb,
    p,
  ]),
  ...Object.entries(DIALOG_DATA).flatMap(([verb, list]) =>
    (list ?? []).flatMap((page, i) =>
      variants(`${verb} page ${i + 1}`, page, longest).map(([n, p]): [string, Verb, DialogPage] => [
        n,
        verb as Verb,
        p,
      ]),
    ),
  ),
]

/** Every page as Teams shows it (answers up to the services' 4000 characters). */
export const TEAMS_DIALOG_PAGES = pages(4000)
/** Every page as Slack shows it (answers up to its plain-text input's 3000 characters). */
export const SLACK_DIALOG_PAGES = pages(SLACK.inputMaxLength)

/** The dialogs in the registry, which DIALOG_DATA must cover. */
export const DIALOG_DEFS = INTERACTIONS.filter((i) => i.kind === 'dialog')
