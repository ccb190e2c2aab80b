/**
 * JSON logs (pino). Logs carry ids, codes and counts, never the free text of a case: the redaction list
 * is a safety net for fields that must never appear even by mistake.
 */
import { pino, type Logger } from 'pino'

export type { Logger }

const REDACT = [
  'whatHappened', 'whyReview', 'question', 'answer', 'rationale', 'text',
  '*.whatHappened', '*.whyReview', '*.question', '*.answer', '*.rationale', '*.text', '*.values', 'values',
]

export function createLogger(level = 'info'): Logger {
  return pino({ level, base: { app: 'learning-loop' }, redact: { paths: REDACT, censor: '[redacted]' } })
}
