export {
  deleteSchedule,
  listScheduleRuns,
  listSchedules,
  MIN_INTERVAL_SECONDS,
  runDue,
  type Schedule,
  type ScheduleRun,
  setSchedule,
  startScheduler,
} from './schedules.js';
export { checkTask, TASKS } from './tasks.js';
