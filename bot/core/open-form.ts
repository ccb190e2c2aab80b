/** Opening a form from its definition, and showing it again with the person's answers and messages. */
import { CONFIRM_SENSITIVE_FIELD } from '../../cards/forms/shared.js'
import { type AnyForm, formOf, type Meta, type Reply, type Scope } from '../../cards/interaction.js'
import type { Field, Form } from '../../cards/model.js'
import type { FormValues } from '../../cards/submit.js'

/** The form, loaded fresh through its service query (which refuses a person who may not open it). */
export async function openForm(def: AnyForm, scope: Scope): Promise<Reply> {
  return { type: 'form', form: formOf(def, await def.load(scope)), reason: 'open' }
}

/** The fields a submit of this form carries, with the identifying-details confirmation. */
export const submittedFields = (def: AnyForm): Field[] => [...def.fields, CONFIRM_SENSITIVE_FIELD]

/**
 * The same form again, with the answers kept, the field messages and (for identifying details) the
 * confirmation box. The hidden values are the ones the person's copy carried (its form token, its ids).
 */
export async function formAgain(
  def: AnyForm,
  scope: Scope,
  state: { values: FormValues; errors: Record<string, string>; sensitive: boolean },
): Promise<Form | null> {
  const data = await def.load(scope).catch(() => null)
  if (data === null) return null
  const form = formOf(def, data)
  const meta: Meta = Object.fromEntries(Object.keys(form.meta).map((k) => [k, scope.meta[k] ?? form.meta[k]!]))
  return {
    ...form,
    meta,
    values: state.values,
    errors: state.errors,
    fields: state.sensitive ? [...form.fields, CONFIRM_SENSITIVE_FIELD] : form.fields,
    notice: state.sensitive
      ? {
          tone: 'attention',
          text: 'Please check the answers marked below. Some may identify a child or family member: edit them, or tick the box to confirm. Then submit again.',
        }
      : { tone: 'attention', text: 'Please check the answers marked below.' },
  }
}
