/** The tasks domain's public surface: `my tasks`, what is waiting for one person across the other domains. */
import { listMyTasks } from './my-tasks.queries.js'

export type { MyTask, TaskGroup } from './my-tasks.queries.js'

/** Every tasks query, each taking the context first; services/index.ts binds them. */
export const taskService = { listMyTasks }
