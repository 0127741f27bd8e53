/** Availability figures: schedule expansion, busy time, totals, periods, CSV and week-grid data. */
export {
  mergeIntervals,
  subtractIntervals,
  intersectIntervals,
  totalMs,
  MINUTE_MS,
  HOUR_MS,
  type Interval,
} from './intervals';
export { expandSchedule, expandScheduleBlocks, parseWallTime, type ScheduleBlock } from './schedule';
export { splitBusy, busyInterval } from './busy';
export {
  computeFigures,
  roundHours,
  DEFAULT_LOW_FREE_THRESHOLD_HOURS,
  type DayFigures,
  type Figures,
} from './figures';
export { periodRange, MAX_CUSTOM_WEEKS, type PeriodKind } from './period';
export { figuresToCsv, csvField } from './csv';
export { weekGrid, type GridBlock, type GridBlockKind, type GridDay } from './weekGrid';
