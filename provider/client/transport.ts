/**
 * One API call: the retry loop around an (already authenticating) send function, and turning
 * answers into values or `OpsManagerError`s. Digest lives in the send function it is given
 * (digest-exchange.ts); settings were validated before (settings.ts).
 */
import type { ApiSend } from "./digest-exchange";
import { header } from "./digest-exchange";
import {
  badResponseError,
  errorFromResponse,
  redirectError,
  type CallContext,
} from "./error-mapping";
import type { RawRequest, RawResponse } from "./http";
import { isAmbiguousWrite, parseRetryAfter, type AttemptOutcome, type CallKind } from "./retry";
import { runWithRetry } from "./retry-loop";
import {
  ambiguousWriteError,
  describeTransportFailure,
  errorFromTransport,
  type TransportFailure,
} from "./transport-errors";
import type { ResolvedClientSettings } from "./settings";
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
}

/** Test seams; production uses Math.random and Date.now. */
export interface TransportDeps {
  readonly random?: () => number;
  readonly now?: () => number;
}

/** Thrown by `countedSend` for a request that got no answer, and whether credentials went out. */
class NoAnswer extends Error {
  constructor(
    readonly failure: TransportFailure,
    readonly credentialsSent: boolean,
  ) {
    super("no answer");
    this.name = "NoAnswer";
  }
}

/** Wraps a one-request sender: counts requests and turns a thrown failure into `NoAnswer`. */
export function countedSend(
  send: (request: RawRequest) => Promise<RawResponse>,
  counters: Counters,
): (request: RawRequest) => Promise<RawResponse> {
  return async (request) => {
    counters.requests += 1;
    try {
      return await send(request);
    } catch (error) {
      throw new NoAnswer(describeTransportFailure(error), request.authorization !== undefined);
    }
  };
}

export function createTransport(
  settings: ResolvedClientSettings,
  send: ApiSend,
  counters: Counters,
  deps: TransportDeps = {},
): Transport {
  const random = deps.random ?? Math.random;
  const now = deps.now ?? Date.now;
  const secrets = [settings.privateKey];

  async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const relative = spec.query ? `${spec.path}?${spec.query}` : spec.path;
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    let lastOutcome: AttemptOutcome = { kind: "fatal" };

    const attempt = async (attempts: number): Promise<T> => {
      const ctx: CallContext = {
        method: spec.method,
        path: `/${spec.path}`,
        origin: settings.origin,
        url: `${settings.apiUrl}/${spec.path}`,
        attempts,
        timeoutMs: settings.requestTimeoutMs,
        secrets,
      };
      lastOutcome = { kind: "fatal" };
      let response: RawResponse;
      try {
        response = await send({ method: spec.method, relative, body });
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
      const answeredAt = now();
      const retryAfterMs = parseRetryAfter(header(response, "retry-after"), answeredAt);
      const outcome: AttemptOutcome = { kind: "http", status, retryAfterMs };
      if (isAmbiguousWrite(outcome, spec.kind)) {
        throw ambiguousWriteError(ctx, {
          kind: "network",
          code: `HTTP_${status}`,
          message: `a gateway answered ${status} without the server's result`,
        });
      }
      lastOutcome = outcome;
      throw errorFromResponse(ctx, status, response.body, retryAfterMs, answeredAt);
    };

    return runWithRetry(attempt, {
      kind: spec.kind,
      policy: settings.retry,
      random,
      now,
      onRetry: () => {
        counters.retries += 1;
      },
      classify: () => lastOutcome,
    });
  }

  return { request };
}
