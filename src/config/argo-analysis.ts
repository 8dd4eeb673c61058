import { z } from 'zod';
import { rolloutAnalysisFields } from '../gates/argo-analysis/schema.js';
import type { GateConfig } from '../gates/schemas.js';
import type { Target } from '../targets/types.js';
import { type ConfigStep, isTemplatesAnalysis, type Step, type TemplatesAnalysis } from './steps.js';

// Argo Rollouts' analysis as written, planned into gitcanary's steps: an analysis step that lists
// AnalysisTemplates becomes an analysis step naming one `argoAnalysis` gate, and the Rollout's
// background analysis (`strategy.canary.analysis`, `spec.backgroundAnalysis` here) measures during
// every timed pause from `startingStep` on — the pause's time spent measuring, as Argo's
// background AnalysisRun measures while the Rollout waits there. Pure: (steps) → (steps, gates).

export const backgroundAnalysisSchema = z
  .strictObject({
    ...rolloutAnalysisFields,
    startingStep: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('Index (from 0) of the step from which the analysis runs (Argo: default 0).'),
  })
  .describe(
    "Argo Rollouts' background analysis: AnalysisTemplates measured during every timed pause from startingStep on.",
  );

export type BackgroundAnalysis = z.infer<typeof backgroundAnalysisSchema>;

export interface ArgoAnalysisPlan {
  steps: Step[];
  /** The `argoAnalysis` gates the steps name. */
  gates: Record<string, GateConfig>;
}

/** The gate name of an analysis: its templates, and the step it belongs to (1-based). */
export function argoAnalysisGateName(
  analysis: TemplatesAnalysis,
  stepNumber: number,
  background = false,
): string {
  const names = analysis.templates.map((ref) => ref.templateName).join('+');
  return `${names}@${background ? 'background-' : ''}step${stepNumber}`;
}

/**
 * `steps` with AnalysisTemplates turned into gates. `workload` is the spec.workload block: the
 * target that declares a fieldRef object (the Rollout) is what `valueFrom.fieldRef` reads.
 */
export function planArgoAnalysis(
  steps: readonly ConfigStep[],
  background: BackgroundAnalysis | undefined,
  workload: Record<string, unknown>,
  targets: readonly Target[],
): ArgoAnalysisPlan {
  const fieldRefObject = Object.entries(workload)
    .filter(([, config]) => config !== undefined)
    .map(([key, config]) => targets.find((target) => target.key === key)?.fieldRefObject?.(config))
    .find((object) => object !== undefined);
  const gates: Record<string, GateConfig> = {};
  const gate = (analysis: TemplatesAnalysis, extra: Record<string, unknown>): GateConfig => {
    const { analysisRunMetadata: _metadata, ...fields } = analysis as TemplatesAnalysis & {
      startingStep?: number;
    };
    const { startingStep: _start, ...rest } = fields as typeof fields & { startingStep?: number };
    return {
      argoAnalysis: { ...rest, path: '.', ...(fieldRefObject ? { fieldRefObject } : {}), ...extra },
    } as GateConfig;
  };
  const planned = steps.map((step, index): Step => {
    if ('analysis' in step && isTemplatesAnalysis(step.analysis)) {
      const name = argoAnalysisGateName(step.analysis, index + 1);
      gates[name] = gate(step.analysis, {});
      return { analysis: { gates: [name] } };
    }
    if (
      background !== undefined &&
      index >= (background.startingStep ?? 0) &&
      'pause' in step &&
      step.pause.duration !== undefined
    ) {
      const name = argoAnalysisGateName(background, index + 1, true);
      gates[name] = gate(background, { runFor: step.pause.duration });
      return { analysis: { gates: [name] } };
    }
    return step as Step;
  });
  return { steps: planned, gates };
}
