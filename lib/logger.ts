/**
 * JSON logs (pino). Logs carry ids, codes and counts, never the free text of a case: the redaction list
 * is a safety net for fields that must never appear even by mistake, and so is the error handling below.
 *
 * An error object never reaches a line whole: its message can quote what a person typed (a Prisma validation
 * error quotes the query's whole input, a PostgreSQL constraint error the failing row). Under `err` or
 * `error`, or passed alone (`log.error(error)`), it is logged as `errorSummary` has it: name, code and model.
 */
import { pino, type DestinationStream, type Logger } from 'pino'
import { errorSummary } from './db-errors.js'

export type { Logger }

const REDACT = [
  'whatHappened',
  'whyReview',
  'question',
  'answer',
  'rationale',
  'text',
  '*.whatHappened',
  '*.whyReview',
  '*.question',
  '*.answer',
  '*.rationale',
  '*.text',
  '*.values',
  'values',
]

/** An Error becomes its summary; anything else (already a summary, a count) is kept. */
const summariseError = (value: unknown) => (value instanceof Error ? errorSummary(value) : value)

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'learning-loop' },
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: summariseError, error: summariseError },
      hooks: {
        // `log.error(error)` and `log.error(error, 'msg')`: pino would use the error's message as the line's.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[]
          if (first instanceof Error) {
            const msg = typeof rest[0] === 'string' ? rest[0] : 'error'
            return method.apply(this, [{ err: errorSummary(first) }, msg] as never)
          }
          return method.apply(this, args)
        },
      },
    },
    destination,
  )
}
