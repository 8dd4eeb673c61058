// Canary and baseline request metrics for the judge tests, as OpenMetrics text with timestamps
// that test/support/prometheus.ts backfills into a real Prometheus: counters every 15 s over the
// last half hour, the shape an ingress exports (requests by code, a latency summary's sum/count).
//
// Each 15 s interval's error ratio and latency wobble by a repeating pattern of period 8 (2 min)
// around the track's level; canary and baseline run the pattern at different phases. A 10 min
// window therefore holds the same values for both tracks at equal levels, wherever it starts,
// so "equal" is equal for the test at any moment, while the samples still vary as real ones do.

export const SCRAPE_SECONDS = 15;
const PATTERN = [0, 0.3, -0.2, 0.1, -0.3, 0.25, -0.1, -0.05];
const REQUESTS_PER_INTERVAL = 1000;

export interface Track {
  /** `scenario` label: which test's series these are. */
  scenario: string;
  /** `track` label: canary, baseline, stable. */
  track: string;
  /** Share of 5xx responses, e.g. 0.01. */
  errorRate: number;
  /** Mean latency in seconds. */
  latency: number;
  /** Where in the pattern the track starts. */
  phase: number;
}

/** OpenMetrics for `tracks` from `endSeconds - spanSeconds` to `endSeconds` (unix seconds). */
export function requestMetrics(tracks: readonly Track[], endSeconds: number, spanSeconds = 1800): string {
  // Counted back from the end, so a window ending at `endSeconds` always sees the same samples.
  const start = endSeconds - Math.floor(spanSeconds / SCRAPE_SECONDS) * SCRAPE_SECONDS;
  const times: number[] = [];
  for (let t = start; t <= endSeconds; t += SCRAPE_SECONDS) times.push(t);
  const requests: string[] = ['# TYPE http_requests counter'];
  const latency: string[] = ['# TYPE http_request_duration_seconds summary'];
  for (const track of tracks) {
    const labels = `scenario="${track.scenario}",track="${track.track}"`;
    const ok: string[] = [];
    const errors: string[] = [];
    const sums: string[] = [];
    const counts: string[] = [];
    let okTotal = 0;
    let errorTotal = 0;
    let latencySum = 0;
    times.forEach((time, k) => {
      const wobble = PATTERN[(k + track.phase) % PATTERN.length]!;
      const failed = REQUESTS_PER_INTERVAL * track.errorRate * (1 + wobble);
      okTotal += REQUESTS_PER_INTERVAL - failed;
      errorTotal += failed;
      latencySum += REQUESTS_PER_INTERVAL * track.latency * (1 + wobble / 2);
      ok.push(`http_requests_total{${labels},code="200"} ${okTotal} ${time}`);
      errors.push(`http_requests_total{${labels},code="500"} ${errorTotal} ${time}`);
      sums.push(`http_request_duration_seconds_sum{${labels}} ${latencySum} ${time}`);
      counts.push(
        `http_request_duration_seconds_count{${labels}} ${REQUESTS_PER_INTERVAL * (k + 1)} ${time}`,
      );
    });
    requests.push(...ok, ...errors);
    latency.push(...sums, ...counts);
  }
  return [...requests, ...latency, '# EOF', ''].join('\n');
}

/** Canary and baseline of one scenario. */
export function scenario(
  name: string,
  canary: { errorRate: number; latency: number },
  baseline: { errorRate: number; latency: number },
): Track[] {
  return [
    { scenario: name, track: 'canary', ...canary, phase: 0 },
    { scenario: name, track: 'baseline', ...baseline, phase: 3 },
  ];
}

export const ERROR_RATE_QUERY =
  'sum(rate(http_requests_total{scenario="{{scenario}}",track="{{group}}",code=~"5.."}[1m]))' +
  ' / sum(rate(http_requests_total{scenario="{{scenario}}",track="{{group}}"}[1m]))';

export const LATENCY_QUERY =
  'sum(rate(http_request_duration_seconds_sum{scenario="{{scenario}}",track="{{group}}"}[1m]))' +
  ' / sum(rate(http_request_duration_seconds_count{scenario="{{scenario}}",track="{{group}}"}[1m]))';

/** Every scenario the judge tests use, in one Prometheus. */
export const SCENARIOS: Track[] = [
  ...scenario('equal-1', { errorRate: 0.01, latency: 0.2 }, { errorRate: 0.01, latency: 0.2 }),
  ...scenario('incident-5', { errorRate: 0.05, latency: 0.2 }, { errorRate: 0.05, latency: 0.2 }),
  ...scenario('worse', { errorRate: 0.05, latency: 0.2 }, { errorRate: 0.01, latency: 0.2 }),
  ...scenario('slower', { errorRate: 0.01, latency: 0.3 }, { errorRate: 0.01, latency: 0.2 }),
];
