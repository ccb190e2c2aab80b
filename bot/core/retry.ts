/**
 * Retries a platform call on 429 and 5xx, honouring Retry-After; gives up with a DeliveryError that says
 * whether a later attempt may succeed. Used by both outbound ports.
 */
import { DeliveryError } from '../../services/notifications/index.js'

export type RetryOptions = {
  attempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  sleep?: (ms: number) => Promise<void>
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

type HttpishError = {
  statusCode?: number
  status?: number
  code?: string
  response?: { status?: number; headers?: unknown }
  headers?: unknown
  data?: { error?: string }
  retryAfter?: number
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined
  if (typeof (headers as { get?: unknown }).get === 'function')
    return (headers as { get(n: string): string | undefined | null }).get(name) ?? undefined
  const record = headers as Record<string, unknown>
  const value = record[name] ?? record[name.toLowerCase()]
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined
}

/** The HTTP status of a failed platform call, if it has one. */
function statusOf(error: unknown): number | undefined {
  const e = error as HttpishError
  return e?.statusCode ?? e?.status ?? e?.response?.status
}

/** Retry-After in milliseconds (seconds or an HTTP date), if the platform sent one. */
function retryAfterMs(error: unknown): number | undefined {
  const e = error as HttpishError
  if (typeof e?.retryAfter === 'number') return e.retryAfter * 1000
  const raw = headerOf(e?.response?.headers, 'retry-after') ?? headerOf(e?.headers, 'retry-after')
  if (!raw) return undefined
  const seconds = Number(raw)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(raw)
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now())
}

const isRetryable = (status: number | undefined) => status === undefined || status === 429 || status >= 500

/**
 * The platform's own error code, never its message: Slack's `error` (e.g. `user_not_found`, carried by the
 * Slack port as `platformCode`), the Bot Connector's `error.code` in its answer body.
 */
function platformCodeOf(error: unknown): string | undefined {
  const e = error as HttpishError & {
    platformCode?: unknown
    body?: { error?: { code?: unknown } }
    response?: { parsedBody?: { error?: { code?: unknown } } }
  }
  const code = e?.platformCode ?? e?.data?.error ?? e?.response?.parsedBody?.error?.code ?? e?.body?.error?.code
  return typeof code === 'string' && /^[\w.:-]{1,64}$/.test(code) ? code : undefined
}

/** Calls `fn`, retrying 429, 5xx and network failures with backoff; a refusal or the last failure becomes a DeliveryError. */
export async function withRetry<T>(what: string, fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4
  const sleep = options.sleep ?? defaultSleep
  const maxDelay = options.maxDelayMs ?? 30_000
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof DeliveryError) throw error
      const status = statusOf(error)
      const platformCode = platformCodeOf(error)
      const wait = Math.min(retryAfterMs(error) ?? (options.baseDelayMs ?? 250) * 2 ** (attempt - 1), maxDelay)
      if (!isRetryable(status)) {
        throw new DeliveryError(`${what} refused (${status}${platformCode ? ` ${platformCode}` : ''})`, false, {
          status,
          platformCode,
        })
      }
      if (attempt >= attempts || retryAfterMs(error)! > maxDelay) {
        const reason = status ?? (error as HttpishError).code ?? 'network'
        throw new DeliveryError(`${what} failed after ${attempt} attempts (${reason})`, true, {
          retryAfterMs: retryAfterMs(error),
          status,
        })
      }
      await sleep(wait)
    }
  }
}
