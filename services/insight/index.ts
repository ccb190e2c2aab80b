/** The insight domain's public surface (issue 15): the dashboard, its stories, and who may see what. */
import { readDashboard } from './dashboard.queries.js'
import { listInsightScopes } from './insight-scopes.queries.js'
import { getRecurrenceFlag, listRecurrences } from './recurrence.queries.js'
import { respondToRecurrence } from './respond-to-recurrence.js'
import { readThemeLoop } from './theme-loop.queries.js'
import { generateYearlyReport, yearlyReportDefaults } from './generate-yearly-report.js'
import { writeStory } from './write-story.js'

export * from './insight.schema.js'
export type { ThemeLoop } from './theme-loop.queries.js'
export type { YearlyReport } from './generate-yearly-report.js'

/** Every insight use case and query, each `(ctx, actor, …)`; services/index.ts binds them. */
export const insightService = {
  readDashboard,
  writeStory,
  listInsightScopes,
  getRecurrenceFlag,
  listRecurrences,
  respondToRecurrence,
  readThemeLoop,
  generateYearlyReport,
  yearlyReportDefaults,
}
