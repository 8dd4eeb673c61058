// The statistical judge (Kayenta-style canary/baseline comparison): its public surface.
export {
  type Classification,
  type Direction,
  type GroupScore,
  KAYENTA_TOLERANCE,
  type NanStrategy,
  type SampleSummary,
} from './classify.js';
export { JudgeGate, type JudgeGateOptions } from './gate.js';
export {
  formatJudgment,
  type JudgedSeries,
  type Judgment,
  type JudgmentRow,
  type JudgmentTable,
  judgmentRows,
  type MetricJudgment,
  parseJudgment,
} from './report.js';
export { type JudgeConfig, type JudgeConfigInput, judgeConfigSchema } from './schema.js';
