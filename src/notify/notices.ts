import type { NotificationTrigger } from '../config/notifications.js';
import type { GateResult } from '../gates/types.js';
import type { WebhookFiring } from '../gates/webhook.js';
import type { ReleaseEvent } from '../report/events.js';

// The release's event stream folded into the moments people are told about (notices): one pure
// place that knows which events mean "started", "step committed", "paused", "analysis failed",
// "rolled back" and "promoted", with Flagger's severity for each (pkg/controller/scheduler.go and
// scheduler_hooks.go call alert() with these severities).

/** Flagger's AlertSeverity. */
export type Severity = 'info' | 'warn' | 'error';

/** What the notifier needs to know about a gate by name. */
export interface GateTraits {
  /** A webhook's effect; other gates decide. */
  effect: WebhookFiring['effect'] | 'decide';
  /** Flagger's muteAlert: this gate's failures and pending confirmations send no alert. */
  muteAlert: boolean;
}

export interface ReleaseNotice {
  trigger: NotificationTrigger;
  severity: Severity;
  /** Flagger sends an alert at this moment, so `analysis.alerts` hear of it. */
  alert: boolean;
  /** Every gate behind it asked for silence (muteAlert). */
  muted: boolean;
  image?: string | undefined;
  stableImage?: string | undefined;
  releaseId?: string | undefined;
  step?: { index: number; total: number } | undefined;
  weight?: number | undefined;
  phase?: string | undefined;
  /** What the step did (`setWeight 30`), for step-committed. */
  summary?: string | undefined;
  /** The commit it is about (the last one this process made or saw). */
  commit?: string | undefined;
  /** Why, in a few words: the failed gate, `gitcanary abort`, a pending confirmation. */
  reason?: string | undefined;
  /** Gate verdicts since the previous commit. */
  evidence: GateResult[];
}

/** Folds release events into notices; one per process (a `run`, a `step`, a `promote`, …). */
export class NoticeTracker {
  #image: string | undefined;
  #releaseId: string | undefined;
  #step: { index: number; total: number } | undefined;
  #weight: number | undefined;
  #phase: string | undefined;
  #commit: string | undefined;
  #summaries = new Map<number, string>();
  #evidence: GateResult[] = [];
  /** Confirmation gates whose last answer was "not yet". */
  #pending = new Map<string, boolean>();
  #waitingNoticed = new Set<string>();
  #committedPromotion = false;

  constructor(private readonly traits: (gate: string) => GateTraits | undefined) {}

  observe(event: ReleaseEvent): ReleaseNotice[] {
    switch (event.type) {
      case 'release':
        this.#image = event.image;
        this.#releaseId = event.releaseId;
        return [];
      case 'step':
        this.#summaries.set(event.index, event.summary);
        return [];
      case 'gate':
        return this.#gate(event.result);
      case 'wait':
        return this.#wait(event.reason);
      case 'commit':
        return this.#commitNotices(event);
      case 'done':
        return this.#done(event.outcome, event.message);
      default:
        return [];
    }
  }

  #gate(result: GateResult): ReleaseNotice[] {
    this.#evidence.push(result);
    const traits = this.traits(result.gate);
    const effect = traits?.effect ?? 'decide';
    if (effect === 'wait') this.#pending.set(result.gate, result.verdict === 'inconclusive');
    // A failed check, not a notification, a reconciler wait or a rollback hook (rolled-back says that).
    const decides = effect === 'decide' || effect === 'gate';
    if (result.verdict !== 'fail' || result.kind === 'sync' || !decides) return [];
    return [
      this.#notice('analysis-failed', 'warn', false, {
        muted: traits?.muteAlert ?? false,
        reason: `${result.gate} (${result.kind}): ${result.message}`,
        evidence: [result],
      }),
    ];
  }

  /** Flagger alerts once when a confirm-* hook first holds the release ("waiting for approval"). */
  #wait(reason: string): ReleaseNotice[] {
    if (!reason.startsWith('confirmation') || this.#waitingNoticed.has(reason)) return [];
    this.#waitingNoticed.add(reason);
    const pending = [...this.#pending].filter(([, waiting]) => waiting).map(([gate]) => gate);
    const muted = pending.length > 0 && pending.every((gate) => this.traits(gate)?.muteAlert === true);
    return [
      this.#notice('paused', 'warn', true, {
        muted,
        reason: `for approval (${pending.join(', ') || reason})`,
        phase: 'Waiting',
      }),
    ];
  }

  #commitNotices(event: Extract<ReleaseEvent, { type: 'commit' }>): ReleaseNotice[] {
    this.#step = { index: event.index, total: event.total };
    this.#weight = event.weight;
    this.#phase = event.phase;
    this.#commit = event.sha;
    const evidence = this.#evidence;
    this.#evidence = [];
    this.#pending.clear();
    switch (event.action) {
      case 'start':
      case 'supersede':
        return [this.#notice('started', 'info', true, { evidence })];
      case 'step':
      case 'resume':
        return [
          this.#notice('step-committed', 'info', false, {
            evidence,
            summary: this.#summaries.get(event.index) ?? event.action,
          }),
        ];
      case 'promote':
      case 'finish':
        this.#committedPromotion = true;
        return [];
      case 'abort':
        // A person stopped it: Flagger's manual rollback webhook alerts with warn.
        return [
          this.#notice('rolled-back', 'warn', true, { evidence, reason: 'aborted with `gitcanary abort`' }),
        ];
      case 'rollback':
        return [this.#rolledBack(evidence)];
      default:
        return [];
    }
  }

  /** A rollback hook is a person asking (warn); a failed check or sync is an error, as in Flagger. */
  #rolledBack(evidence: GateResult[]): ReleaseNotice {
    const failed = evidence.filter((result) => result.verdict === 'fail');
    const manual = failed.find((result) => this.traits(result.gate)?.effect === 'rollback');
    if (manual) {
      return this.#notice('rolled-back', 'warn', true, {
        evidence,
        reason: `rollback webhook ${manual.gate} asked for it`,
      });
    }
    const reason = failed.map((result) => `${result.gate} (${result.kind}) failed`).join(', ');
    return this.#notice('rolled-back', 'error', true, { evidence, reason: reason || undefined });
  }

  #done(outcome: Extract<ReleaseEvent, { type: 'done' }>['outcome'], message: string): ReleaseNotice[] {
    if (outcome === 'promoted' && this.#committedPromotion) {
      return [this.#notice('promoted', 'info', true, { phase: 'Succeeded' })];
    }
    if (outcome === 'paused') {
      const evidence = this.#evidence;
      return [this.#notice('paused', 'warn', true, { evidence, reason: `(${message})` })];
    }
    return [];
  }

  #notice(
    trigger: NotificationTrigger,
    severity: Severity,
    alert: boolean,
    extra: Partial<ReleaseNotice>,
  ): ReleaseNotice {
    return {
      trigger,
      severity,
      alert,
      muted: false,
      image: this.#image,
      releaseId: this.#releaseId,
      step: this.#step,
      weight: this.#weight,
      phase: this.#phase,
      commit: this.#commit,
      evidence: [],
      ...extra,
    };
  }
}

/**
 * Flagger's severity filter (pkg/controller/events.go alert()): an `info` alert gets every alert,
 * a `warn` alert warnings and errors, an `error` alert errors only. An empty severity is `info`.
 */
export function alertWants(alertSeverity: Severity | '' | undefined, severity: Severity): boolean {
  const wanted = alertSeverity === undefined || alertSeverity === '' ? 'info' : alertSeverity;
  if (wanted === 'info') return true;
  if (severity === wanted) return true;
  return severity === 'error' && wanted === 'warn';
}
