export { type AppOptions, buildApp, DEFAULT_TIMEOUTS, type Timeouts } from './app.js';
export { writeKeyOf } from './auth.js';
export {
  type RunningServer,
  readServerFile,
  type ServeOptions,
  type ServerFile,
  serverFilePath,
  startServer,
} from './serve.js';
