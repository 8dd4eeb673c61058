import type { Clock } from '../shared/clock.js';
import type { Judgment } from './judge/report.js';

// Gates are evaluated between commits. A gate that cannot be evaluated never passes.

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** One measurement of a gate (a query result, an HTTP status, a command's exit code). */
export interface Measurement {
  verdict: Verdict;
  value?: number | string | undefined;
  message: string;
  at: string;
}

export interface GateResult {
  gate: string;
  kind: string;
  verdict: Verdict;
  /** The deciding measured value, for reports and commit messages. */
  value?: number | string | undefined;
  /** Human form of the threshold, e.g. `>= 99`, `exit 0`, `synced abc1234 Healthy`. */
  threshold?: string | undefined;
  message: string;
  measurements: Measurement[];
  /** The judge gate's per-metric comparison (both series, shifts, p-values), for summaries and charts. */
  judgment?: Judgment | undefined;
}

/** Variables every gate may use in templates (handlebars) and payloads. */
export interface GateContext {
  releaseName: string;
  namespace: string;
  /** The commit the step wrote (sync gates wait for it). */
  commit: string;
  /** Git branch the commit is on. */
  branch: string;
  stepIndex: number;
  canaryWeight: number;
  canaryImage: string | undefined;
  stableImage: string | undefined;
  canaryService?: string | undefined;
  stableService?: string | undefined;
  route?: string | undefined;
  /** The release's `spec.baseline` workload (e.g. `kustomization apps/podinfo/baseline`), if any. */
  baselineWorkload?: string | undefined;
  /** Routers sending the baseline backend the canary's share (`apisix → podinfo-baseline`); none: empty or undefined. */
  baselineTraffic?: readonly string[] | undefined;
  /** Phase in Flagger's words for webhooks (`Progressing`, `Promoting`, `Failed`, …). */
  phase: string;
  /** User variables from the config. */
  variables: Record<string, string>;
  /** Folder command gates run in: the release config's folder (default: the process's). */
  cwd?: string | undefined;
  /** The GitOps working copy at the commit the step wrote: gates that read manifests (AnalysisTemplates) read here. */
  repoRoot?: string | undefined;
  signal: AbortSignal;
  /** Time and sleep between measurements and polls; the engine passes its own (virtual in tests). */
  clock?: Clock | undefined;
  /** Progress line while waiting (e.g. `waiting for argocd: OutOfSync`). */
  progress(message: string): void;
}

/**
 * What a gate's verdict does to the release, declared by the gate so the engine never reads its
 * config: `decide` (default) — a failure fails the check; `wait` — anything but a pass means "not
 * yet, ask again next interval" (Flagger's confirm-* webhooks); `rollback` — a *fail* verdict asks
 * for a rollback, anything else lets the release go on (Flagger's rollback webhooks); `notify` —
 * reported, never acted on (post-rollout and event webhooks).
 */
export type GateEffect = 'decide' | 'wait' | 'rollback' | 'notify';

export interface Gate {
  readonly name: string;
  readonly kind: string;
  /** Default `decide`. */
  readonly effect?: GateEffect;
  evaluate(context: GateContext): Promise<GateResult>;
  /** What the gate can check before the release commits anything (templates it reads from the repository). */
  check?(repoRoot: string, namespace: string): Promise<unknown>;
}

/** Measurement limits shared by repeated gates, as in Argo Rollouts' analysis. */
export interface MeasurementLimits {
  /** Time between measurements, ms. */
  intervalMs: number;
  /** Number of measurements (default 1). */
  count: number;
  /** Failed measurements tolerated before the gate fails (Argo Rollouts' failureLimit; -1 unlimited). */
  failureLimit: number;
  /** Inconclusive measurements tolerated before the gate is inconclusive. */
  inconclusiveLimit: number;
  /** Consecutive errors (query failed, server down) tolerated before the gate fails. */
  consecutiveErrorLimit: number;
  /** Argo's consecutiveSuccessLimit: this many passes in a row pass the gate early (0 or absent: off). */
  consecutiveSuccessLimit?: number | undefined;
  /** Argo's initialDelay: wait this long before the first measurement. */
  initialDelayMs?: number | undefined;
  /** Time to the next measurement after an error (Argo: 10s); default `intervalMs`. */
  errorIntervalMs?: number | undefined;
  /** Ends the loop when it aborts (the step ended), a pass unless a limit was crossed; `count` may then be Infinity. */
  until?: AbortSignal | undefined;
}

/** Worst verdict wins: fail > inconclusive > pass. */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('inconclusive')) return 'inconclusive';
  return verdicts.length === 0 ? 'inconclusive' : 'pass';
}
