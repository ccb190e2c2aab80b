/** The one PrismaClient factory. Repo functions take `db` (client or transaction) as their first argument. */
import { PrismaClient, Prisma } from '@prisma/client'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'

export type Db = PrismaClient | Prisma.TransactionClient
export type DbClient = PrismaClient

/**
 * What a raw-SQL repo function needs of a transaction: `$queryRaw` and `$executeRaw` as tagged templates. A Prisma
 * transaction is one; so is the plain connection of `plainTransaction`.
 */
export interface SqlTx {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>
}

/** The pg pool under each client createDb made: Prisma's adapter and plainTransaction share its connections. */
const pools = new WeakMap<PrismaClient, pg.Pool>()

export function createDb(databaseUrl: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10 })
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  pools.set(db, pool)
  return db
}

/**
 * Runs `work` in one transaction on a plain pg connection from `db`'s pool, without Prisma's query compiler and
 * runtime: for statements that carry megabytes of parameters (Prisma copies every parameter into and out of its
 * WebAssembly module, half a second of CPU for the nudge run's 100,000 actions), and for hot paths written in
 * plain SQL (services/use-case.ts's plainUseCase). Committed if `work` resolves, rolled back if it throws. A
 * client not made by createDb (none in the app) runs `work` in a Prisma transaction instead.
 */
export async function plainTransaction<T>(
  db: PrismaClient,
  work: (tx: SqlTx) => Promise<T>,
  options: { timeoutMs: number },
): Promise<T> {
  const pool = pools.get(db)
  if (!pool) return db.$transaction((tx) => work(tx), { timeout: options.timeoutMs })
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    // One round trip: the simple protocol takes both statements at once.
    await client.query(`begin; set local statement_timeout = ${Math.trunc(options.timeoutMs)}`)
    const result = await work(sqlOver(client))
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch((e: Error) => {
      broken = e
    })
    throw error
  } finally {
    // A connection that could not even roll back is closed rather than handed to the next caller.
    client.release(broken)
  }
}

/**
 * `db` as a SqlTx whose statements run straight on its pool, each on its own, skipping Prisma: for the reads
 * on every request's path (who is asking, what a form needs). A transaction, or a client not made by createDb,
 * is returned as it is.
 */
export function plain(db: Db): SqlTx {
  const pool = pools.get(db as PrismaClient)
  return pool ? sqlOver(pool) : db
}

/** `$queryRaw` and `$executeRaw` over a pg pool or connection, with values in and out as Prisma's raw queries. */
function sqlOver(client: pg.Pool | pg.PoolClient): SqlTx {
  const run = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    const sql = 'raw' in query ? Prisma.sql(query, ...values) : query
    // Instants as UTC ISO text: pg would otherwise write local time, which a `timestamp` column keeps as is.
    return client.query({
      text: sql.text,
      values: sql.values.map((v) => (v instanceof Date ? v.toISOString() : v)),
      types: RESULT_TYPES,
    })
  }
  return {
    $queryRaw: async <T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await run(query, values)).rows as T,
    $executeRaw: async (query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) =>
      (await run(query, values)).rowCount ?? 0,
  }
}

/**
 * Results as Prisma's raw queries give them: a `timestamp` is a UTC instant and a `date` is UTC midnight (pg
 * reads both as local time), and a `bigint` is a BigInt (pg gives text).
 */
const RESULT_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.TIMESTAMP) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
    if (oid === pg.types.builtins.DATE) return (v: string) => new Date(`${v}T00:00:00Z`)
    if (oid === pg.types.builtins.INT8) return (v: string) => BigInt(v)
    return pg.types.getTypeParser(oid, format)
  }) as pg.CustomTypesConfig['getTypeParser'],
}

/**
 * True when an error is a unique-constraint violation: Prisma's P2002 from its own queries, its P2010 wrapping
 * PostgreSQL's 23505 from a raw one, or 23505 itself from a plain connection.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } }
  return e.code === 'P2002' || e.code === '23505' || e.meta?.driverAdapterError?.cause?.originalCode === '23505'
}
