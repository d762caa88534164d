export {
  type Answer,
  type AppOptions,
  buildApp,
  DEFAULT_TIMEOUTS,
  type RouteSchema,
  routeSchemas,
  type Timeouts,
} from './app.js';
export { writeKeyOf } from './auth.js';
export { DEFAULT_QUERY_DEADLINES, type QueryDeadlines } from './query-scope.js';
export {
  type RunningServer,
  readServerFile,
  SERVER_CHECKPOINT_THRESHOLD,
  type ServeOptions,
  type ServerFile,
  serverFilePath,
  startServer,
} from './serve.js';
