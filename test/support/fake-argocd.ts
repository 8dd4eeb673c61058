import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { matchOperation, queryErrors, responseDefinition, swaggerErrors } from './swagger.js';

// A scripted Argo CD API server on loopback. Every request must be an operation documented in
// argocd-swagger.json and every answer must validate against the swagger definition that
// operation answers with; anything else is recorded in `errors` (tests assert it stays empty).

/** One scripted answer to `GET /api/v1/applications/{name}`; the last one repeats. */
export type ScriptedAnswer =
  | { application: Record<string, unknown>; times?: number }
  | { status: number; body: Record<string, unknown>; times?: number }
  /** Close the connection without answering (a network error for the client). */
  | { drop: true; times?: number };

export interface FakeArgoCdOptions {
  application: string;
  /** Bearer token the server accepts; requests without it get 401. */
  token: string;
  script: ScriptedAnswer[];
  /** Serve HTTPS with this key and certificate (e.g. self-signed) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
}

export class FakeArgoCd {
  readonly requests: RecordedRequest[] = [];
  readonly errors: string[] = [];
  private served = 0;

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeArgoCdOptions,
  ) {}

  static async start(options: FakeArgoCdOptions): Promise<FakeArgoCd> {
    const server = options.tls === undefined ? http.createServer() : https.createServer(options.tls);
    const fake = new FakeArgoCd(server, options);
    server.on('request', (request, response) => fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `${this.options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private next(): ScriptedAnswer {
    let index = this.served++;
    for (const answer of this.options.script) {
      const times = answer.times ?? 1;
      if (index < times) return answer;
      index -= times;
    }
    const last = this.options.script.at(-1);
    if (last === undefined) throw new Error('FakeArgoCd: empty script');
    return last;
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    this.requests.push({
      method,
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
    });
    const matched = matchOperation(method, url.pathname);
    if (typeof matched === 'string') {
      this.errors.push(`${method} ${url.pathname}: ${matched}`);
      response.writeHead(404).end();
      return;
    }
    const badQuery = queryErrors(matched, url.searchParams);
    if (badQuery.length > 0) this.errors.push(...badQuery.map((e) => `${method} ${url.pathname}: ${e}`));
    if (matched.operation.operationId !== 'ApplicationService_Get') {
      this.errors.push(`${method} ${url.pathname}: the fake only serves ApplicationService_Get`);
      response.writeHead(501).end();
      return;
    }
    const send = (status: number, body: Record<string, unknown>): void => {
      const definition = responseDefinition(matched, status);
      const invalid =
        definition === undefined ? `no response schema for ${status}` : swaggerErrors(definition, body);
      if (invalid !== undefined) {
        // The real server cannot send this; fail the test rather than the gate's logic.
        this.errors.push(`${matched.operation.operationId} ${status} answer is invalid: ${invalid}`);
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"message":"invalid fake answer"}');
        return;
      }
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };

    // Argo CD's gRPC gateway answers unauthenticated calls with code 16 (Unauthenticated).
    if (request.headers.authorization !== `Bearer ${this.options.token}`) {
      send(401, {
        code: 16,
        error: 'invalid session: token signature is invalid',
        message: 'invalid session: token signature is invalid',
      });
      return;
    }
    if (matched.pathParams.name !== this.options.application) {
      const message = `applications.argoproj.io "${matched.pathParams.name}" not found`;
      send(404, { code: 5, error: message, message });
      return;
    }
    const answer = this.next();
    if ('drop' in answer) {
      request.socket.destroy();
      return;
    }
    if ('status' in answer) send(answer.status, answer.body);
    else send(200, answer.application);
  }
}

export interface ApplicationStateInput {
  /** `status.sync.status`. */
  sync: 'Synced' | 'OutOfSync' | 'Unknown';
  /** `status.health.status`. */
  health: 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
  healthMessage?: string;
  /** `status.sync.revision`, or `revisions` when an array (multi-source). */
  revision: string | string[];
  reconciledAt: string;
  /** The last operation; omitted when none ran. */
  operation?: {
    phase: 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';
    revision: string | string[];
    startedAt: string;
    finishedAt?: string;
    message?: string;
  };
  /** `.operation` (set while an operation is requested). */
  requested?: boolean;
}

/** A `v1alpha1Application` as Argo CD's API returns it, with the status fields the gate reads. */
export function argoApplication(name: string, input: ApplicationStateInput): Record<string, unknown> {
  const revisionFields = (revision: string | string[]): Record<string, unknown> =>
    Array.isArray(revision) ? { revisions: revision } : { revision };
  const sources = Array.isArray(input.revision)
    ? {
        sources: input.revision.map((_, i) => ({
          repoURL: `https://git.example.com/deploy-${i}.git`,
          path: 'apps/podinfo',
          targetRevision: 'main',
        })),
      }
    : {
        source: {
          repoURL: 'https://git.example.com/deploy.git',
          path: 'apps/podinfo',
          targetRevision: 'main',
        },
      };
  const op = input.operation;
  const syncOperation =
    op === undefined ? undefined : { sync: { ...revisionFields(op.revision), prune: true } };
  return {
    metadata: {
      name,
      namespace: 'argocd',
      uid: '5b2d3c8e-1f7a-4d0e-9a55-0c6b1f0e2a11',
      resourceVersion: '48213',
      generation: 17,
      creationTimestamp: '2025-01-01T09:00:00Z',
    },
    spec: {
      project: 'default',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'podinfo' },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
      ...sources,
    },
    ...(input.requested === true
      ? { operation: { ...syncOperation, initiatedBy: { automated: true } } }
      : {}),
    status: {
      sync: {
        status: input.sync,
        ...revisionFields(input.revision),
        comparedTo: {
          destination: { server: 'https://kubernetes.default.svc', namespace: 'podinfo' },
          ...sources,
        },
      },
      health: {
        status: input.health,
        ...(input.healthMessage === undefined ? {} : { message: input.healthMessage }),
      },
      reconciledAt: input.reconciledAt,
      sourceType: 'Kustomize',
      ...(op === undefined
        ? {}
        : {
            operationState: {
              operation: { ...syncOperation, initiatedBy: { automated: true }, retry: { limit: 5 } },
              phase: op.phase,
              message: op.message ?? (op.phase === 'Succeeded' ? 'successfully synced (all tasks run)' : ''),
              startedAt: op.startedAt,
              ...(op.finishedAt === undefined ? {} : { finishedAt: op.finishedAt }),
              ...(op.finishedAt === undefined
                ? {}
                : { syncResult: { ...revisionFields(op.revision), resources: [] } }),
            },
          }),
    },
  };
}
