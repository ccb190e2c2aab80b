/**
 * An audit return as a dialog, a section per page ("Section 3 of 12: Listening to children"), with Back, Save and
 * close, Next and, on the last page, the submit. Each page is saved as the person leaves it (services/audits
 * save-section.ts), so they can stop and carry on in Teams or Slack where they left off. A rating that needs
 * evidence has its evidence box under it; an answer carried from the last cycle has a box to confirm it; a
 * question an answer calls for appears on the same page once that answer is saved.
 */
import { defineDialog, type DialogPage } from '../dialog.js'
import type { Reply, Scope } from '../interaction.js'
import { continueButton } from '../messages/audit-cards.js'
import type { Block, Field, FieldValue } from '../model.js'
import { text } from '../model.js'
import type { FormValues } from '../submit.js'
import { VERBS } from '../verbs.js'
import type { ReturnPage } from '../../services/audits/index.js'
import type { AuditType } from '../../services/audits/audit.schema.js'
import { choiceLabel, confirmId, evidenceId, MAX_TEXT } from '../../services/audits/audit-tool.schema.js'
import { isAppError } from '../../lib/errors.js'

/** Slack's modal title, at most 24 characters. */
const SHORT_TITLES: Record<AuditType, string> = {
  'section-11': 'Section 11 return',
  'section-175': 'Section 175 return',
  'case-audit': 'Case audit',
  themed: 'Themed audit return',
  'single-agency': 'Audit return',
}

/** The fields of one page: a question, its evidence box, and the box that confirms a carried answer. */
function fieldsOf(page: ReturnPage): Field[] {
  return page.questions.flatMap((q): Field[] => {
    const main: Field = {
      id: q.id,
      label: q.label,
      required: q.required,
      ...(q.help ? { help: q.help } : {}),
      ...(q.options
        ? { kind: 'select' as const, options: q.options }
        : q.kind === 'number'
          ? { kind: 'number' as const, decimal: true }
          : {
              kind: 'textarea' as const,
              maxLength: MAX_TEXT,
              ...(q.kind === 'evidence' ? { help: q.help ?? 'Links, or where the evidence is kept.' } : {}),
            }),
    }
    const evidence: Field[] = q.evidencePrompt
      ? [
          {
            id: evidenceId(q.id),
            label: q.evidencePrompt,
            kind: 'textarea',
            maxLength: MAX_TEXT,
            help: q.evidenceRequiredFor.length
              ? `Needed when you answer ${q.evidenceRequiredFor.map((v) => choiceLabel(q.kind, v)).join(' or ')}.`
              : 'Links, or where the evidence is kept.',
          },
        ]
      : []
    const confirm: Field[] = q.isCarried
      ? [
          {
            id: confirmId(q.id),
            label: 'From last cycle: confirm or change',
            kind: 'checkbox',
            help: 'This answer is still right',
          },
        ]
      : []
    return [main, ...evidence, ...confirm]
  })
}

/** The saved answers as the page's values: numbers as numbers, the rest as text. */
function valuesOf(page: ReturnPage, fields: Field[]): FormValues {
  const out: FormValues = {}
  for (const f of fields) {
    const v = page.answers[f.id]
    if (f.kind === 'checkbox') out[f.id] = false
    else if (v !== undefined) out[f.id] = f.kind === 'number' ? Number(v) : String(v)
  }
  return out
}

/** The page, ready to render (exported for the rendering checks of every seeded section). */
export function returnDialogPage(page: ReturnPage): DialogPage {
  const fields = fieldsOf(page)
  const intro: Block[] = [
    ...(page.intro ? [text(page.intro)] : []),
    ...(page.questions.some((q) => q.isCarried)
      ? [text('Some answers are carried from the last cycle: confirm or change each before you submit.', 'accent')]
      : []),
    ...(page.lastSaved ? [text(`Last saved by ${page.lastSaved.by} at ${page.lastSaved.at}.`, 'default', true)] : []),
  ]
  return {
    title: page.title,
    step: `Section ${page.index + 1} of ${page.count}: ${page.sectionTitle}`,
    shortTitle: SHORT_TITLES[page.auditType] ?? 'Audit return',
    ...(intro.length ? { intro } : {}),
    fields,
    values: valuesOf(page, fields),
    // Read back by `move` from the page the core loads (not from the client's copy): the section's key and
    // whether the return still takes answers. `seen` is read from the client's copy: the version it showed.
    meta: {
      returnId: page.returnId,
      section: String(page.index),
      seen: String(page.version),
      sectionKey: page.sectionKey,
      ...(page.closedNote ? { closed: '1' } : {}),
    },
    canGoBack: page.index > 0,
    canGoNext: page.index < page.count - 1,
    ...(page.index === page.count - 1 ? { finishLabel: page.finishLabel } : {}),
    ...(page.closedNote ? { notice: { tone: 'attention' as const, text: page.closedNote } } : {}),
  }
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined) =>
  (a === undefined || a === '' || a === false ? '' : String(a)) ===
  (b === undefined || b === '' || b === false ? '' : String(b))

export const auditReturnDialog = defineDialog({
  verb: VERBS.auditReturn,
  size: 'large',
  page: async ({ services, actor, meta }) => {
    const asked = meta.section !== undefined && /^\d{1,3}$/.test(meta.section) ? Number(meta.section) : undefined
    const page = await services.audits.getReturnPage(actor, meta.returnId ?? '', asked)
    return returnDialogPage(page)
  },
  move: async ({ services, actor, meta, values, move, page }) => {
    // `page` is the page the core just loaded for this move (server-built, its meta included); `meta` is what the
    // person's copy carried, whose `seen` is the version they answered (a newer save in between is a conflict).
    const returnId = page.meta.returnId ?? ''
    const index = Number(page.meta.section ?? 0)
    const target = move === 'back' ? index - 1 : move === 'next' ? index + 1 : index
    const unchanged = page.fields.every((f) => same(values[f.id], page.values?.[f.id]))
    const at = async (i: number) => returnDialogPage(await services.audits.getReturnPage(actor, returnId, i))
    // A sent-in or closed return can still be read page by page; nothing is saved.
    if (page.meta.closed && (move === 'back' || move === 'next')) return { type: 'page', page: await at(target) }
    if (!(move === 'back' && unchanged)) {
      const result = await services.audits.saveSection(actor, {
        returnId,
        sectionKey: page.meta.sectionKey,
        seenVersion: meta.seen ?? '0',
        values,
        nextSection: Math.max(0, target),
        confirmSensitive: values.confirmSensitive === true,
      })
      if (result.appeared.length && move !== 'close') {
        const again = await at(index)
        return {
          type: 'page',
          page: {
            ...again,
            notice: { tone: 'accent', text: 'Your answer needs one more answer below. It is marked.' },
            errors: Object.fromEntries(result.appeared.map((id) => [id, 'Please answer this question.'])),
          },
        }
      }
    }
    if (move === 'close') return { type: 'done', replies: savedReply(page) }
    if (move === 'finish') return finish(services, actor, returnId, page)
    return { type: 'page', page: await at(target) }
  },
})

/** "Saved": where the person stopped, with the button that carries on. */
function savedReply(page: DialogPage): Reply[] {
  return [
    {
      type: 'card',
      card: {
        title: 'Return saved',
        blocks: [
          text(`${page.title}. You stopped at ${page.step.replace(/^Section/, 'section')}.`),
          text(
            'Carry on here or in Slack whenever you are ready. Type "my audits" to see all of yours.',
            'default',
            true,
          ),
          { type: 'actions', actions: [continueButton(page.meta.returnId ?? '')] },
        ],
      },
    },
  ]
}

/**
 * The submit: sent in, or the first section with something missing, shown with its messages. Carried answers
 * not yet confirmed count as missing.
 */
async function finish(services: Scope['services'], actor: Scope['actor'], returnId: string, page: DialogPage) {
  try {
    const result = await services.audits.submitReturn(actor, { returnId })
    const next = result.isCasePart
      ? 'The chair of the Quality Assurance and Audit Sub-group will bring every agency\u2019s part to the audit discussion.'
      : 'The people who sign it off have been asked to. You will hear when it is moderated.'
    return {
      type: 'done' as const,
      replies: [
        {
          type: 'card' as const,
          card: {
            title: result.alreadyDone ? 'Already submitted' : 'Return submitted',
            blocks: [text(`${page.title} (${result.reference}) is in. ${next}`, 'good')],
          },
        },
      ],
    }
  } catch (error) {
    if (!isAppError(error) || error.code !== 'INVALID_INPUT' || typeof error.detail.section !== 'number') throw error
    const at = await services.audits.getReturnPage(actor, returnId, error.detail.section)
    return {
      type: 'page' as const,
      page: {
        ...returnDialogPage(at),
        notice: { tone: 'attention' as const, text: `${error.userMessage} The answers still needed are marked below.` },
        errors: error.fieldErrors,
      },
    }
  }
}
