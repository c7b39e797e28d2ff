/**
 * One Ops Manager API request, in this order: latency → (with `htmlNotFound`: unknown path →
 * HTML 404) → Digest (401 challenge) → fault draw → IP gate (403) → route (404) → query →
 * handler (authorization, validation) → persist → answer. Every request is logged without its
 * Authorization header.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalizeClientIp } from "./addresses";
import type { ApiRequest, Reply } from "./context";
import { parseAuthorization } from "./digest-server";
import { ApiError, errors } from "./errors";
import type { FaultDecision } from "./faults";
import { passGate } from "./gate";
import { sendChallenge, sendHtmlNotFound, sendJson, sleep } from "./http-io";
import { parseQuery, type QueryOptions } from "./pagination";
import { API_PREFIX, listSegmentOf, matchRoute } from "./routes";
import type { EmulatorState } from "./state";
import type { RequestLogEntry } from "./types";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The log keeps K2 answers with the private key redacted (common rules: no keys in logs). */
function redactForLog(text: string | undefined): string | undefined {
  return text?.replace(
    /("privateKey"\s*:\s*")[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f]{12})"/g,
    '$1********-****-****-$2"',
  );
}

function applyEnvelope(reply: Reply, q: QueryOptions): unknown {
  if (!q.envelope || reply.body === undefined) return reply.body;
  if (reply.kind === "list") return { ...(reply.body as object), status: reply.status };
  return { content: reply.body, status: reply.status };
}

/** Run the routed request; an ApiError becomes its error envelope. */
function dispatch(
  state: EmulatorState,
  base: Omit<ApiRequest, "params" | "query">,
  rawPath: string,
  query: URLSearchParams,
): { reply: Reply; pretty: boolean } {
  try {
    const route = matchRoute(base.method, rawPath, state.settings);
    if (!route) throw errors.resourceNotFound(base.method, rawPath);
    const q = parseQuery(query);
    const reply = route.handler({ ...base, params: route.params, query: q }, state);
    return { reply: { ...reply, body: applyEnvelope(reply, q) }, pretty: q.pretty };
  } catch (error) {
    if (error instanceof ApiError)
      return { reply: { status: error.status, body: error.body() }, pretty: false };
    throw error;
  }
}

/** Serve one `/api/...` request whose body has already been read. */
export async function handleApiRequest(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): Promise<void> {
  const method = (req.method ?? "GET").toUpperCase();
  const rawTarget = req.url ?? "/";
  const queryAt = rawTarget.indexOf("?");
  const rawPath = queryAt < 0 ? rawTarget : rawTarget.slice(0, queryAt);
  const queryText = queryAt < 0 ? "" : rawTarget.slice(queryAt + 1);
  const params = parseAuthorization(req.headers.authorization);
  const entry: Mutable<RequestLogEntry> = {
    method,
    path: rawTarget,
    status: 0,
    authenticated: !!params,
  };
  if (body) entry.requestBody = body;
  state.log.push(entry);
  await sleep(state.latencyMs);
  if (state.settings.htmlNotFound && !matchRoute(method, rawPath, state.settings)) {
    entry.status = 404;
    entry.responseBody = sendHtmlNotFound(res);
    return;
  }

  const verdict = params
    ? state.nonces.verify(
        params,
        method,
        rawTarget,
        (u) => state.store.findByPublicKey(u)?.key.privateKey,
      )
    : { ok: false as const, stale: false };
  if (!verdict.ok) {
    entry.status = 401;
    entry.responseBody = sendChallenge(res, state.nonces.issue(), verdict.stale);
    return;
  }

  const fault: FaultDecision = state.faults.draw(method);
  if (fault.kind) entry.fault = fault.kind;
  await sleep(fault.spikeMs);
  if (fault.spikeMs > 0 && !fault.kind) entry.fault = "latencySpike";
  if (fault.kind === "staleNonce") {
    state.nonces.revoke(verdict.nonce);
    entry.status = 401;
    entry.responseBody = sendChallenge(res, state.nonces.issue(), true);
    return;
  }
  if (fault.kind === "rateLimit") {
    entry.status = 429;
    entry.responseBody = sendJson(res, 429, errors.rateLimited(rawPath).body(), false, {
      "Retry-After": String(state.faults.retryAfterSeconds),
    });
    return;
  }
  if (fault.kind === "serverError") {
    entry.status = fault.status;
    entry.responseBody = sendJson(res, fault.status, errors.unexpected(fault.status).body());
    return;
  }
  if (fault.kind === "resetBeforeWrite") {
    req.socket.destroy();
    return;
  }

  const caller = state.store.findByPublicKey(verdict.username)!;
  const clientIp = normalizeClientIp(req.socket.remoteAddress);
  let outcome: { reply: Reply; pretty: boolean };
  try {
    const admittedBy = passGate(caller.org, caller.key, clientIp, listSegmentOf(rawPath));
    state.store.dirty ||= admittedBy !== undefined; // its counters changed
    const apiBase = state.baseUrl + API_PREFIX;
    const base = { method, body, clientIp, caller, admittedBy, apiBase };
    outcome = dispatch(state, base, rawPath, new URLSearchParams(queryText));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    outcome = { reply: { status: error.status, body: error.body() }, pretty: false };
  }
  state.persist();
  if (fault.kind === "resetAfterWrite") {
    req.socket.destroy();
    return;
  }
  entry.status = outcome.reply.status;
  const sent = sendJson(res, outcome.reply.status, outcome.reply.body, outcome.pretty);
  if (sent !== undefined) entry.responseBody = redactForLog(sent);
}
