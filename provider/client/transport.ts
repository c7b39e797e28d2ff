/**
 * One API request with everything around it: the Digest handshake with a cached nonce (one HTTP
 * request per call in steady state), the retry loop, and turning answers into values or
 * `OpsManagerError`s (design §4).
 */
import { createDigestExchange, header } from "./digest-exchange";
import { createDigestSession } from "./digest-session";
import {
  badResponseError,
  errorFromResponse,
  redirectError,
  type CallContext,
} from "./error-mapping";
import { createHttpEndpoint, type RawRequest, type RawResponse } from "./http";
import {
  isAmbiguousWrite,
  parseRetryAfter,
  resolveRetryPolicy,
  type AttemptOutcome,
  type CallKind,
} from "./retry";
import { runWithRetry } from "./retry-loop";
import {
  ambiguousWriteError,
  describeTransportFailure,
  errorFromTransport,
  type TransportFailure,
} from "./transport-errors";
import type { ClientSettings } from "./types";
import { parseSuccessBody, type Narrow } from "./wire";

/** One API request: path below the API root (encoded, no leading slash), optional query and body. */
export interface RequestSpec<T> {
  readonly method: RawRequest["method"];
  readonly path: string;
  readonly query?: string;
  readonly body?: unknown;
  readonly kind: CallKind;
  readonly narrow: Narrow<T>;
}

export interface Counters {
  calls: number;
  requests: number;
  retries: number;
}

export interface Transport {
  request<T>(spec: RequestSpec<T>): Promise<T>;
  readonly counters: Counters;
  readonly warn: (message: string) => void;
}

/** Test seams; production uses Math.random and Date.now. */
export interface TransportDeps {
  readonly random?: () => number;
  readonly now?: () => number;
}

/** A request that got no answer, and whether credentials went out with it. */
class NoAnswer {
  constructor(
    readonly failure: TransportFailure,
    readonly credentialsSent: boolean,
  ) {}
}

export function createTransport(settings: ClientSettings, deps: TransportDeps = {}): Transport {
  const warn = settings.warn ?? ((message: string) => console.warn(message));
  const http = createHttpEndpoint(settings, warn);
  const session = createDigestSession(settings.publicKey, settings.privateKey);
  const policy = resolveRetryPolicy(settings.retry);
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const counters: Counters = { calls: 0, requests: 0, retries: 0 };
  const secrets = [settings.privateKey];

  async function sendOne(request: RawRequest): Promise<RawResponse> {
    counters.requests += 1;
    try {
      return await http.send(request);
    } catch (error) {
      throw new NoAnswer(describeTransportFailure(error), request.authorization !== undefined);
    }
  }

  const exchange = createDigestExchange(session, sendOne, (relative) =>
    http.requestTarget(relative),
  );

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const relative = spec.query ? `${spec.path}?${spec.query}` : spec.path;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    let lastOutcome: AttemptOutcome = { kind: "fatal" };

    const attempt = async (attempts: number): Promise<T> => {
      const ctx: CallContext = {
        method: spec.method,
        path: `/${spec.path}`,
        origin: http.origin,
        attempts,
        timeoutMs: http.timeoutMs,
        secrets,
      };
      lastOutcome = { kind: "fatal" };
      let response: RawResponse;
      try {
        response = await exchange(spec.method, relative, body);
      } catch (error) {
        if (!(error instanceof NoAnswer)) throw error;
        const { failure, credentialsSent } = error;
        const outcome: AttemptOutcome =
          failure.kind === "tls"
            ? { kind: "fatal" }
            : failure.kind === "timeout"
              ? { kind: "timeout", requestSent: credentialsSent }
              : { kind: "network", code: failure.code, requestSent: credentialsSent };
        if (isAmbiguousWrite(outcome, spec.kind)) throw ambiguousWriteError(ctx, failure);
        lastOutcome = outcome;
        throw errorFromTransport(ctx, failure);
      }
      const { status } = response;
      if (status >= 200 && status < 300) {
        const parsed = parseSuccessBody(response.body);
        if (!parsed.ok) throw badResponseError(ctx, status, parsed.problem);
        const narrowed = spec.narrow(parsed.json);
        if (!narrowed.ok) throw badResponseError(ctx, status, narrowed.problem);
        return narrowed.value;
      }
      if (status >= 300 && status < 400)
        throw redirectError(ctx, status, header(response, "location"));
      const retryAfterMs = parseRetryAfter(header(response, "retry-after"), now());
      const outcome: AttemptOutcome = { kind: "http", status, retryAfterMs };
      if (isAmbiguousWrite(outcome, spec.kind)) {
        throw ambiguousWriteError(ctx, {
          kind: "network",
          code: `HTTP_${status}`,
          message: `a gateway answered ${status} without the server's result`,
        });
      }
      lastOutcome = outcome;
      throw errorFromResponse(ctx, status, response.body, retryAfterMs);
    };

    return runWithRetry(attempt, {
      kind: spec.kind,
      policy,
      random,
      now,
      onRetry: () => {
        counters.retries += 1;
      },
      classify: () => lastOutcome,
    });
  }

  return { request, counters, warn };
}
