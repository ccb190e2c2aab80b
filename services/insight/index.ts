/** The insight domain's public surface (issue 15): the dashboard, its stories, and who may see what. */
import { readDashboard } from './dashboard.queries.js'
import { listInsightScopes } from './insight-scopes.queries.js'
import { writeStory } from './write-story.js'

export * from './insight.schema.js'

/** Every insight use case and query, each `(ctx, actor, …)`; services/index.ts binds them. */
export const insightService = {
  readDashboard,
  writeStory,
  listInsightScopes,
}
