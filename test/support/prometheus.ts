import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './http-server.js';

// A real Prometheus (Debian package `prometheus`) on a free loopback port with its own temp TSDB,
// scraping the test's exporters every second. Never the system service on :9090.

/** Whether the `prometheus` binary is on PATH (Debian package `prometheus`). */
export const prometheusInstalled = spawnSync('prometheus', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * Prometheus tests run wherever the binary is. CI installs it and sets CI=true, so there a missing
 * binary fails the suite instead of skipping it; on a developer's fresh machine they are skipped.
 */
export const withPrometheus = prometheusInstalled || process.env.CI === 'true';

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>` */
  address: string;
  /** Polls an instant query until `accept` says yes (e.g. the first scrapes have landed). */
  waitForQuery(
    query: string,
    accept?: (result: QueryResult) => boolean,
    timeoutMs?: number,
  ): Promise<QueryResult>;
  stop(): Promise<void>;
}

export interface QueryResult {
  resultType: string;
  result: { metric: Record<string, string>; value: [number, string] }[];
}

export interface StartPrometheusOptions {
  /**
   * History to load before the server starts, as OpenMetrics text with timestamps (ending in
   * `# EOF`): `promtool tsdb create-blocks-from openmetrics` writes it into the TSDB as blocks, so
   * range queries over past minutes find real samples without waiting for scrapes.
   */
  backfill?: string;
}

export async function startPrometheus(
  scrapeTargets: string[],
  options: StartPrometheusOptions = {},
): Promise<PrometheusServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-prometheus-'));
  if (options.backfill !== undefined) await backfill(dir, options.backfill);
  const port = await freePort();
  const address = `http://127.0.0.1:${port}`;
  const config = [
    'global:',
    '  scrape_interval: 1s',
    '  evaluation_interval: 1s',
    'scrape_configs:',
    '  - job_name: exporter',
    '    static_configs:',
    `      - targets: [${scrapeTargets.map((target) => JSON.stringify(target)).join(', ')}]`,
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'prometheus.yml'), config);

  const stderr: string[] = [];
  let child: ChildProcess;
  try {
    child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (error) {
    throw new Error(`cannot start prometheus (apt-get install -y prometheus): ${String(error)}`);
  }
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`cannot start prometheus (apt-get install -y prometheus): ${error.message}`)),
    ),
  );

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, delay(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await Promise.race([waitReady(address, () => stderr.join('')), spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    address,
    stop,
    async waitForQuery(query, accept = (result) => result.result.length > 0, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await fetch(`${address}/api/v1/query?${new URLSearchParams({ query })}`);
        const body = (await response.json()) as { status: string; data: QueryResult };
        if (body.status === 'success' && accept(body.data)) return body.data;
        if (Date.now() > deadline) throw new Error(`prometheus: ${query} not ready: ${JSON.stringify(body)}`);
        await delay(200);
      }
    },
  };
}

async function backfill(dir: string, openMetrics: string): Promise<void> {
  const input = path.join(dir, 'backfill.om');
  await writeFile(input, openMetrics);
  const result = spawnSync(
    'promtool',
    ['tsdb', 'create-blocks-from', 'openmetrics', input, path.join(dir, 'data')],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(
      `promtool backfill failed: ${result.error?.message ?? ''}${result.stderr}${result.stdout}`,
    );
  }
}

async function waitReady(address: string, logs: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${address}/-/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await delay(100);
  }
  throw new Error(`prometheus not ready at ${address}: ${logs().slice(-2000)}`);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
