/**
 * The services the bot and the web pages are given: every use case and query, bound to one context (the
 * database, the clock, delivery). bot/ and web/ never see the database client; they call these.
 */
import type { ServiceContext } from '../lib/context.js'
import { actionService } from './actions/index.js'
import { insightService } from './insight/index.js'
import { learningService } from './learning/index.js'
import { auditService } from './audits/index.js'
import { notificationService } from './notifications/index.js'
import { nudgeService } from './nudges/index.js'
import { peopleService } from './people/index.js'
import { can } from './people/policy.js'
import { referralService } from './referrals/index.js'
import { reviewService } from './reviews/index.js'
import { taskService } from './tasks/index.js'
import { trainingService } from './training/index.js'

// biome-ignore lint/suspicious/noExplicitAny: any function whose first parameter is the context
type ContextFn = (ctx: ServiceContext, ...args: any[]) => unknown
type Bound<T extends Record<string, ContextFn>> = {
  [K in keyof T]: T[K] extends (ctx: ServiceContext, ...args: infer A) => infer R ? (...args: A) => R : never
}

/** Binds each function of a domain to the context, so callers pass only the actor and the input. */
function bind<T extends Record<string, ContextFn>>(ctx: ServiceContext, fns: T): Bound<T> {
  return Object.fromEntries(
    Object.entries(fns).map(([name, fn]) => [name, (...args: unknown[]) => fn(ctx, ...args)]),
  ) as Bound<T>
}

export function createServices(ctx: ServiceContext) {
  return {
    people: bind(ctx, peopleService),
    referrals: bind(ctx, referralService),
    reviews: bind(ctx, reviewService),
    actions: bind(ctx, actionService),
    nudges: bind(ctx, nudgeService),
    notifications: bind(ctx, notificationService),
    tasks: bind(ctx, taskService),
    insight: bind(ctx, insightService),
    learning: bind(ctx, learningService),
    training: bind(ctx, trainingService),
    audits: bind(ctx, auditService),
    /** What an actor may do: for showing or hiding buttons and commands. Use cases check again. */
    can,
  }
}

export type Services = ReturnType<typeof createServices>
