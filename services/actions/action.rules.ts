/** Pure rules of actions: where a new action came from, and what counts as evidence of completion. */
import type { ActionSource, CreateActions } from './action.schema.js'

/** What the input says; without a source, 'review' if it names a recommendation, else 'other' (not 'national'). */
export const sourceOf = (input: Pick<CreateActions, 'source' | 'recommendationId'>): ActionSource =>
  input.source ?? (input.recommendationId ? 'review' : 'other')

/** The links or file references in the evidence box: one per line or comma-separated, blanks dropped. */
export const evidenceLinks = (text: string): string[] =>
  text
    .split(/[\n,]+/)
    .map((l) => l.trim())
    .filter(Boolean)
