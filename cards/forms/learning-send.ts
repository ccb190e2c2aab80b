/**
 * Send an approved learning product: to agencies, roles, sub-groups, education settings or everyone (each
 * person once), 1:1 on the platform they used last, and to chosen channels; now, or at a date and time.
 */
import { randomUUID } from 'node:crypto'
import type { ProductView } from '../../services/learning/learning.schema.js'
import { defineForm, type Option } from '../interaction.js'
import { productCard } from '../messages/learning-cards.js'
import { about } from './shared.js'
import { VERBS } from '../verbs.js'

const TIMES: Option[] = Array.from({ length: 11 }, (_, i) => {
  const hour = String(8 + i).padStart(2, '0')
  return { value: `${hour}:00`, label: `${hour}:00` }
})

type Data = {
  product: ProductView
  audience: { agencies: Option[]; roles: Option[]; subGroups: Option[]; settings: Option[] }
  channels: Option[]
}

export const learningSendForm = defineForm({
  verb: VERBS.learningSend,
  title: 'Send a learning product',
  submitLabel: 'Send it',
  fields: [
    { id: 'agencies', label: 'Agencies', kind: 'multiselect', options: [] },
    { id: 'roles', label: 'Roles', kind: 'multiselect', options: [] },
    { id: 'subGroups', label: 'Sub-groups', kind: 'multiselect', options: [] },
    { id: 'settings', label: 'Schools and colleges', kind: 'multiselect', options: [] },
    { id: 'everyone', label: 'Everyone', kind: 'checkbox', help: 'Send it to everyone in the partnership' },
    { id: 'channels', label: 'Also post it in', kind: 'multiselect', options: [] },
    { id: 'sendOn', label: 'Send on', kind: 'date', help: 'Leave empty to send now.' },
    { id: 'sendAt', label: 'At', kind: 'select', options: TIMES, help: '09:00 if you choose a date only.' },
  ],
  load: ({ services, actor, meta }): Promise<Data> => services.learning.getSendChoices(actor, meta.productId ?? ''),
  view: (d: Data) => ({
    meta: { productId: d.product.id, formKey: randomUUID() },
    intro: about(
      `${d.product.reference}: ${d.product.title}. Each person gets it once, however many groups they are in, ` +
        'in Teams or Slack, wherever they used Learning Loop last.',
    ),
    options: { ...d.audience, channels: d.channels },
  }),
  submit: async (scope) => {
    const { services, actor, meta, values } = scope
    const r = await services.learning.sendProduct(actor, {
      ...values,
      productId: meta.productId,
      formKey: meta.formKey,
    })
    const who = `${r.recipients.toLocaleString('en-GB')} ${r.recipients === 1 ? 'person' : 'people'}${
      r.channels ? ` and ${r.channels} channel${r.channels === 1 ? '' : 's'}` : ''
    }`
    const when = r.isScheduled ? `It will be sent to ${who}` : `It is on its way to ${who}`
    const view = await services.learning.getProductView(actor, r.productId)
    const message = r.isNew
      ? `${when}${r.audience ? ` (${r.audience})` : ''}. Your progress card shows how it goes.`
      : `${r.reference} was already sent or scheduled.`
    return [{ type: 'card', card: productCard(view, { text: message }) }]
  },
})
