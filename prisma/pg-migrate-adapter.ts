/**
 * Driver adapter for the Prisma CLI only (migrate deploy/dev/diff). Works around prisma/prisma#27403:
 * the wasm schema engine reads catalog columns of type `name` and `"char"`, which adapter-pg 6.19 cannot
 * deserialise, so their type ids are remapped to text. It also gives migrate dev a real, throwaway
 * shadow database. At run time the plain PrismaPg adapter is used (lib/db.ts).
 */
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'

const OID_REMAP: Record<number, number> = { 18: 25, 19: 25, 1003: 1009 }

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function patchOids<T extends object>(queryable: T): T {
  const target = queryable as any
  const performIO = target.performIO.bind(target)
  target.performIO = async (query: unknown) => {
    const result = await performIO(query)
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID in OID_REMAP) field.dataTypeID = OID_REMAP[field.dataTypeID]
    }
    return result
  }
  if (typeof target.executeScript === 'function' && target.client) {
    // adapter-pg splits scripts on every ';', which breaks comments and function bodies in migrations;
    // PostgreSQL's simple query protocol runs a whole multi-statement script as it is.
    target.executeScript = async (script: string) => {
      try {
        await target.client.query(script)
      } catch (error) {
        target.onError(error)
      }
    }
  }
  if (typeof target.startTransaction === 'function') {
    const startTransaction = target.startTransaction.bind(target)
    target.startTransaction = async (...args: unknown[]) => patchOids(await startTransaction(...args))
  }
  return queryable
}

function pgConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  }
}

async function adminQuery(cfg: pg.PoolConfig, sql: string): Promise<void> {
  const client = new pg.Client({ ...cfg, database: 'postgres' })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export function pgMigrateAdapter(url: string) {
  const cfg = pgConfigFromUrl(url)
  const main = new PrismaPg(cfg)
  return {
    provider: 'postgres' as const,
    adapterName: main.adapterName,
    connect: async () => patchOids(await main.connect()),
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`
      await adminQuery(cfg, `CREATE DATABASE "${name}"`)
      const shadow = patchOids(await new PrismaPg({ ...cfg, database: name }).connect())
      const dispose = shadow.dispose.bind(shadow)
      shadow.dispose = async () => {
        await dispose()
        await adminQuery(cfg, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      }
      return shadow
    },
  }
}
