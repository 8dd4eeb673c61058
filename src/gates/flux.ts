import {
  ApiException,
  CustomObjectsApi,
  FetchError,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { z } from 'zod';
import { GitcanaryError, isGitcanaryError } from '../errors.js';
import { isTransientNetworkError, isTransientStatus, type RetryPolicy, withRetries } from '../retry.js';
import { maskSecrets, registerSecret } from '../shared/secrets.js';
import { parseDuration } from './duration.js';
import {
  assessGitRepository,
  assessKustomization,
  gitRepositorySchema,
  kustomizationSchema,
} from './flux-state.js';
import {
  errorText,
  type Observation,
  type PollOutcome,
  pollUntilDecided,
  requestSignal,
  shortCommit,
  stateWithReason,
} from './poll.js';
import { type FluxSyncConfig, fluxSyncSchema, parseGateConfig } from './schemas.js';
import type { Gate, GateContext, GateResult } from './types.js';

// Waits until Flux's kustomize-controller has applied the step's commit: reads the Kustomization
// (and optionally its GitRepository) through the Kubernetes API, after asking both to reconcile
// now the way `flux reconcile` does.

export type FluxSyncConfigInput = Parameters<typeof fluxSyncSchema.parse>[0];

/** Knobs that are not user config: tests shorten the poll interval. */
export interface FluxSyncOptions {
  /** Time between polls, ms; overrides the config's `pollInterval` (default 5s). */
  pollIntervalMs?: number;
  /** Time limit of one API request, ms (default 30000). */
  requestTimeoutMs?: number;
  /** Annotate the objects with `reconcile.fluxcd.io/requestedAt` before polling (default true). */
  requestReconcile?: boolean;
  /** Retries of one read (default: src/retry.ts); tests shorten the delays. */
  retry?: RetryPolicy;
}

const DEFAULT_DEADLINE = '10m';
const DEFAULT_POLL_INTERVAL = '5s';
const DEFAULT_NAMESPACE = 'flux-system';
/** Flux's controllers reconcile an object again when this annotation changes (what `flux reconcile` sets). */
const RECONCILE_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';

interface ObjectRef {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespace: string;
  name: string;
}

export class FluxSyncGate implements Gate {
  readonly kind = 'sync';
  readonly config: FluxSyncConfig;
  private readonly deadlineMs: number;
  private readonly pollIntervalMs: number;
  private readonly kustomization: ObjectRef;
  private readonly gitRepository: ObjectRef | undefined;

  constructor(
    readonly name: string,
    config: FluxSyncConfigInput,
    private readonly options: FluxSyncOptions = {},
  ) {
    this.config = parseGateConfig(fluxSyncSchema, config, 'sync.flux');
    this.deadlineMs = parseDuration(
      this.config.progressDeadline ?? DEFAULT_DEADLINE,
      'sync.flux.progressDeadline',
    );
    // The test-only option wins over the config's pollInterval.
    this.pollIntervalMs =
      this.options.pollIntervalMs ??
      parseDuration(this.config.pollInterval ?? DEFAULT_POLL_INTERVAL, 'sync.flux.pollInterval');
    const namespace = this.config.namespace ?? DEFAULT_NAMESPACE;
    this.kustomization = {
      group: 'kustomize.toolkit.fluxcd.io',
      version: 'v1',
      plural: 'kustomizations',
      kind: 'Kustomization',
      namespace,
      name: this.config.kustomization,
    };
    // `name` or `namespace/name`; a bare name lives in the Kustomization's namespace.
    const source = this.config.gitRepository?.split('/', 2);
    this.gitRepository =
      source === undefined
        ? undefined
        : {
            group: 'source.toolkit.fluxcd.io',
            version: 'v1',
            plural: 'gitrepositories',
            kind: 'GitRepository',
            namespace: source.length === 2 ? (source[0] as string) : namespace,
            name: source.at(-1) as string,
          };
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const label = `flux ${this.kustomization.namespace}/${this.kustomization.name}`;
    const threshold = `applied ${shortCommit(context.commit)} Ready`;
    const result = (verdict: GateResult['verdict'], message: string, outcome?: PollOutcome): GateResult => ({
      gate: this.name,
      kind: this.kind,
      verdict,
      value: outcome?.last.state,
      threshold,
      message: maskSecrets(message),
      measurements: outcome?.measurements ?? [],
    });

    let api: CustomObjectsApi;
    try {
      api = this.client();
    } catch (error) {
      return result('fail', `${label}: ${isGitcanaryError(error) ? error.format() : errorText(error)}`);
    }

    let polls = 0;
    const outcome = await pollUntilDecided(
      async (remainingMs) => {
        // Each request (and each retry of it) gets its own time limit within the deadline.
        const signalFor = () => requestSignal(context.signal, remainingMs, this.options.requestTimeoutMs);
        if (polls++ === 0 && this.options.requestReconcile !== false)
          await this.requestReconcile(api, signalFor());
        return this.observe(api, context.commit, signalFor, context.signal);
      },
      {
        deadlineMs: this.deadlineMs,
        intervalMs: this.pollIntervalMs,
        signal: context.signal,
        clock: context.clock,
        onChange: (observation) => context.progress(maskSecrets(`${label}: ${stateWithReason(observation)}`)),
      },
    );
    const { last } = outcome;
    if (outcome.aborted)
      return result('inconclusive', `${label}: aborted while ${stateWithReason(last)}`, outcome);
    if (outcome.timedOut) {
      return result(
        'fail',
        `${label}: ${shortCommit(context.commit)} not applied and Ready within ` +
          `${this.config.progressDeadline ?? DEFAULT_DEADLINE}; last state: ${stateWithReason(last)}`,
        outcome,
      );
    }
    if (last.status === 'fail') return result('fail', `${label}: ${stateWithReason(last)}`, outcome);
    return result('pass', `${label}: ${last.state}`, outcome);
  }

  private client(): CustomObjectsApi {
    const kubeConfig = new KubeConfig();
    try {
      // Without a path: $KUBECONFIG, ~/.kube/config, then the in-cluster service account.
      if (this.config.kubeconfig === undefined) kubeConfig.loadFromDefault();
      else kubeConfig.loadFromFile(this.config.kubeconfig);
      if (this.config.context !== undefined) kubeConfig.setCurrentContext(this.config.context);
    } catch (error) {
      throw new GitcanaryError('CONFIG_INVALID', `cannot load kubeconfig: ${errorText(error)}`, {
        file: this.config.kubeconfig,
        field: this.config.context === undefined ? 'sync.flux.kubeconfig' : 'sync.flux.context',
      });
    }
    const cluster = kubeConfig.getCurrentCluster();
    if (cluster === null) {
      throw new GitcanaryError('CONFIG_INVALID', 'kubeconfig has no current cluster', {
        file: this.config.kubeconfig,
        field: 'sync.flux.context',
      });
    }
    if (/^http:\/\//i.test(cluster.server) && cluster.skipTLSVerify !== true) {
      // `kubectl proxy` serves plain http on loopback and kubectl talks to it as is: client-go takes
      // the scheme from the server URL, and `insecure` only means "https without checking the
      // certificate" (kubernetes staging/src/k8s.io/client-go/rest/url_utils.go, DefaultServerURL,
      // defaultServerUrlFor). client-node 1.x refuses http unless skipTLSVerify is set, which for
      // http only picks its plain http.Agent: set it for this cluster, there is no TLS to skip.
      kubeConfig.loadFromOptions({
        clusters: kubeConfig.clusters.map((each) =>
          each.name === cluster.name ? { ...each, skipTLSVerify: true } : each,
        ),
        users: kubeConfig.users,
        contexts: kubeConfig.contexts,
        currentContext: kubeConfig.getCurrentContext(),
      });
    }
    // Keep the cluster credentials out of every message gitcanary prints.
    registerSecret(kubeConfig.getCurrentUser()?.token);
    registerSecret(kubeConfig.getCurrentUser()?.password);
    return kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /** Best effort, as `flux reconcile` without waiting: a refused patch only slows things down. */
  private async requestReconcile(api: CustomObjectsApi, signal: AbortSignal): Promise<void> {
    const patch = { metadata: { annotations: { [RECONCILE_ANNOTATION]: new Date().toISOString() } } };
    // Source first, so the Kustomization finds the new artifact when it reconciles.
    for (const ref of [this.gitRepository, this.kustomization]) {
      if (ref === undefined) continue;
      try {
        await abortable(
          api.patchNamespacedCustomObject(
            {
              group: ref.group,
              version: ref.version,
              namespace: ref.namespace,
              plural: ref.plural,
              name: ref.name,
              body: patch,
            },
            // Custom resources take JSON merge patches; strategic merge is refused with 415.
            setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
          ),
          signal,
        );
      } catch {
        // Missing RBAC for patch or a transient error: polling still works, just slower.
      }
    }
  }

  private async observe(
    api: CustomObjectsApi,
    commit: string,
    signal: () => AbortSignal,
    stop: AbortSignal,
  ): Promise<Observation> {
    const kustomization = await this.read(api, this.kustomization, kustomizationSchema, signal, stop);
    if ('observation' in kustomization) return kustomization.observation;
    const verdict = assessKustomization(kustomization.object, commit);
    if (verdict.status === 'fail' || this.gitRepository === undefined) return verdict;
    const repository = await this.read(api, this.gitRepository, gitRepositorySchema, signal, stop);
    if ('observation' in repository) return repository.observation;
    const source = assessGitRepository(this.gitRepository.name, repository.object, commit);
    if (source.status === 'pass') return verdict;
    return { status: 'wait', state: `${verdict.state}, ${source.state}`, reason: source.reason };
  }

  /**
   * One object, asked again with the shared retry policy (src/retry.ts) when the API is down,
   * resets, times out or answers 5xx/429; what is left after the retries becomes the observation.
   */
  private async read<Schema extends z.ZodType>(
    api: CustomObjectsApi,
    ref: ObjectRef,
    schema: Schema,
    signal: () => AbortSignal,
    stop: AbortSignal,
  ): Promise<{ object: z.output<Schema> } | { observation: Observation }> {
    const resource = `${ref.kind} ${ref.namespace}/${ref.name}`;
    let body: unknown;
    try {
      body = await withRetries(
        () =>
          abortable(
            api.getNamespacedCustomObject({
              group: ref.group,
              version: ref.version,
              namespace: ref.namespace,
              plural: ref.plural,
              name: ref.name,
            }),
            signal(),
          ),
        { isTransient: isTransientKubeError, policy: this.options.retry, signal: stop },
      );
    } catch (error) {
      return { observation: observationOfError(resource, error) };
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      return {
        observation: {
          status: 'fail',
          state: 'unexpected answer',
          reason: `${resource}: ${parsed.error.message}`,
        },
      };
    }
    return { object: parsed.data };
  }
}

/** 5xx and 429 from the API server, and failures to reach it (refused, reset, timed out). */
function isTransientKubeError(error: unknown): boolean {
  if (error instanceof ApiException) return isTransientStatus(error.code);
  // A body that is not JSON (a proxy's error page, noise) may be a blip too.
  return (
    error instanceof FetchError ||
    error instanceof SyntaxError ||
    isAbort(error) ||
    isTransientNetworkError(error)
  );
}

function observationOfError(resource: string, error: unknown): Observation {
  if (error instanceof ApiException) {
    const code = error.code;
    const message = statusMessage(error.body);
    if (code === 401 || code === 403) {
      return {
        status: 'fail',
        state: `HTTP ${code}`,
        reason: `the Kubernetes API refused to read ${resource} (HTTP ${code}${message}); check the kubeconfig credentials and RBAC (get on ${resource.split(' ')[0]})`,
      };
    }
    if (code === 404) {
      return { status: 'fail', state: 'HTTP 404', reason: `${resource} not found${message}` };
    }
    if (code >= 500 || code === 429) {
      return {
        status: 'wait',
        state: `HTTP ${code}`,
        reason: `Kubernetes API answered ${code}${message}`,
        unreachable: true,
      };
    }
    return { status: 'fail', state: `HTTP ${code}`, reason: `Kubernetes API answered ${code}${message}` };
  }
  if (error instanceof SyntaxError) {
    return {
      status: 'fail',
      state: 'not JSON',
      reason: `the Kubernetes API answered something that is not JSON for ${resource}; is the kubeconfig's server the API server?`,
    };
  }
  if (!(error instanceof FetchError) && !isAbort(error)) {
    // client-node throws plain errors for unusable configs (e.g. an http:// server without skip-tls-verify).
    return {
      status: 'fail',
      state: 'client error',
      reason: `cannot query the Kubernetes API: ${errorText(error)}`,
    };
  }
  // Connection refused, reset, DNS, request timeout: the deadline decides.
  return {
    status: 'wait',
    state: 'unreachable',
    reason: `cannot reach the Kubernetes API: ${errorText(error)}`,
    unreachable: true,
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** The `message` of a Kubernetes `Status` body, if there is one. */
function statusMessage(body: unknown): string {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return '';
    }
  }
  const message = (value as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== '' ? `: ${message}` : '';
}

/** client-node's generated API takes no AbortSignal; stop waiting for it instead. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
