import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real HTTP proxy on loopback in front of a real (or faithfully faked) server, that misbehaves on
// the requests the test picks: answers 5xx, answers garbage, resets the connection, never answers,
// answers late. Everything else is forwarded unchanged. A server that is down is `freePort()`.

export type Fault =
  | 'pass'
  /** 503 Service Unavailable with an HTML body, as a load balancer in front of a dead backend. */
  | '503'
  /** 200 with bytes that are no protocol's answer (a captive portal, a proxy error page, noise). */
  | 'garbage'
  /** TCP reset (RST) after the request arrived. */
  | 'reset'
  /** Accept the request and never answer. */
  | 'hang'
  /** Forward, but only after `slowMs`. */
  | 'slow';

export interface FaultyProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The fault applied to each request so far, in order. */
  seen: Fault[];
  setPlan(plan: (index: number, request: IncomingMessage) => Fault): void;
  close(): Promise<void>;
}

/** Garbage that is valid as HTTP but no JSON, no git pkt-line, no Prometheus answer. */
export const GARBAGE = '\u0000\u00ff<html>502 Bad Gateway</html>\u001b[31m\n'.repeat(8);

export async function startFaultyProxy(
  upstream: string,
  plan: (index: number, request: IncomingMessage) => Fault,
  options: { slowMs?: number } = {},
): Promise<FaultyProxy> {
  let current = plan;
  const seen: Fault[] = [];
  const target = new URL(upstream);
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const fault = current(seen.length, request);
    seen.push(fault);
    if (fault === 'hang') return;
    if (fault === 'reset') {
      // Read the request first so the client sees the reset while waiting for the answer.
      request.resume();
      request.on('end', () => request.socket.resetAndDestroy());
      return;
    }
    if (fault === '503') {
      request.resume();
      response.writeHead(503, { 'content-type': 'text/html' }).end('<html>503 Service Unavailable</html>');
      return;
    }
    if (fault === 'garbage') {
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from(GARBAGE, 'latin1'));
      return;
    }
    const forward = (): void => {
      const outgoing = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          method: request.method,
          path: request.url,
          headers: { ...request.headers, host: target.host },
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      outgoing.on('error', () => response.destroy());
      request.pipe(outgoing);
    };
    if (fault === 'slow') setTimeout(forward, options.slowMs ?? 5_000);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    setPlan(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A plan failing the first `n` requests with `fault`, then passing. */
export function failFirst(n: number, fault: Fault): (index: number) => Fault {
  return (index) => (index < n ? fault : 'pass');
}
