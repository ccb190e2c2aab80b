import path from 'node:path'
import { defineConfig } from 'prisma/config'
import { pgMigrateAdapter } from './prisma/pg-migrate-adapter'

// The schema's datasource url must resolve even when the adapter is used, or the CLI tries to download
// an engine. scripts/prisma.ts starts the embedded database and sets DATABASE_URL before calling the CLI.
process.env.DATABASE_URL ??= 'postgresql://postgres:postgres@127.0.0.1:5432/learning_loop'

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    return pgMigrateAdapter(process.env.DATABASE_URL!)
  },
})
