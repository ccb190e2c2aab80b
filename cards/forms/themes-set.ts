/** The business manager edits the partnership's learning themes, which findings are tagged with. */
import { defineForm } from '../interaction.js'
import { VERBS } from '../verbs.js'
import { about, done } from './shared.js'

export const themesSetForm = defineForm({
  verb: VERBS.themesSet,
  title: 'Learning themes',
  submitLabel: 'Save themes',
  fields: [{ id: 'themes', label: 'Themes, one per line', kind: 'textarea', required: true, maxLength: 2500 }],
  load: ({ services, actor }) => services.reviews.listThemesToEdit(actor),
  view: (themes: string[]) => ({
    meta: {},
    intro: about('Findings are tagged with these. Findings already tagged keep their themes.'),
    values: { themes: themes.join('\n') },
  }),
  submit: async ({ services, actor, values }) => {
    const themes = await services.reviews.setThemes(actor, values)
    return done('Themes saved', `New findings can be tagged with: ${themes.join(', ')}.`)
  },
})
