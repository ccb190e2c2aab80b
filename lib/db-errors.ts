/**
 * Tells "the database is not there right now" apart from every other failure, from the shape of the error
 * alone (no database import, so bot/ may use it): Prisma's connection codes, the pg driver's socket errors
 * and PostgreSQL's shutdown and connection SQLSTATEs. Callers answer "nothing was saved, try again" and
 * retry later instead of treating the error as a bug. The codes were seen against a stopped PostgreSQL 17
 * (tests/database-outage.test.ts keeps them honest).
 */

/** Prisma codes meaning the server could not be reached, closed the connection or did not answer in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024'])

/** Driver-adapter error kinds (@prisma/adapter-pg) for the same conditions. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'])

/** Socket errors from the pg driver. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
])

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin or crash shutdown, cannot connect
 * now, e.g. while starting), 53300 (too many connections).
 */
const isUnavailableSqlState = (code: string) =>
  /^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300'

/** Messages the pg driver throws without a code once a connection is broken. */
const BROKEN_CONNECTION =
  /Client has encountered a connection error|Connection terminated|Client was closed and is not queryable/

type Shape = { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown; errors?: unknown }

function matches(error: unknown, depth: number): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false
  const e = error as Shape
  const code = typeof e.code === 'string' ? e.code : undefined
  if (code && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || isUnavailableSqlState(code))) return true
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true
  if (typeof e.message === 'string' && BROKEN_CONNECTION.test(e.message)) return true
  const adapterError = (e.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError
  const nested = [e.cause, adapterError, ...(Array.isArray(e.errors) ? e.errors : [])]
  return nested.some((n) => matches(n, depth + 1))
}

/** True when `error` says the database is unreachable or went away (not a bug, not a refused query). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return matches(error, 0)
}

/**
 * True when pg itself reported a connection the server closed (a restart, a failover, an administrator): the
 * error is a database-unavailable one and was raised inside pg or pg-protocol, as pg does when it emits it on a
 * connection nobody listens on. None of our code was half-way through anything, so the app can carry on.
 */
export function isConnectionClosedByServer(error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false
  const first = errorFrames(error, 1)?.[0] ?? ''
  return /[/\\]node_modules[/\\]pg(-protocol)?[/\\]/.test(first)
}

/**
 * What may be logged about any error without risking case text: its name, its code (Prisma, pg, SQLSTATE or
 * socket), the Prisma model it concerned and whether it means the database is unavailable. Messages are left
 * out: Prisma's quote the query (a validation error its whole input), PostgreSQL's the failing row.
 */
export function errorSummary(error: unknown): {
  name: string
  code?: string
  model?: string
  databaseUnavailable?: true
} {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Shape & { name?: unknown }
  // Prisma's known request errors name the model (an identifier, never data).
  const modelName = (e.meta as { modelName?: unknown } | undefined)?.modelName
  const model = typeof modelName === 'string' && /^\w{1,64}$/.test(modelName) ? modelName : undefined
  const adapterCause = (e.meta as { driverAdapterError?: { cause?: Shape } } | undefined)?.driverAdapterError?.cause
  const code = [e.code, adapterCause?.code, adapterCause?.kind, (e.cause as Shape | undefined)?.code].find(
    (c): c is string => typeof c === 'string',
  )
  return {
    name: typeof e.name === 'string' ? e.name : typeof error,
    ...(code ? { code } : {}),
    ...(model ? { model } : {}),
    ...(isDatabaseUnavailable(error) ? { databaseUnavailable: true as const } : {}),
  }
}

/** Where an error was thrown: its first stack frames, code locations only (the message line is left out). */
export function errorFrames(error: unknown, count = 3): string[] | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined
  return error.stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, count)
    .map((line) => line.trim())
}
