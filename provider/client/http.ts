/**
 * The got instance of one client: prefix URL, JSON headers, User-Agent, timeout, TLS, and every
 * got automatism that would hide a request turned off (retry, redirects, HTTP-error throwing).
 * One `send` is one HTTP request; Digest (digest-exchange.ts) and retries (transport.ts) are
 * layers around it.
 */
import { readFileSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as path from "node:path";
import got, { type Got, type Method } from "got";
import type { ResolvedClientSettings } from "./settings";

export interface RawRequest {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path below the API root plus `?query`, percent-encoded, no leading slash. */
  readonly relative: string;
  readonly authorization?: string;
  readonly body?: string;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** One server's HTTP endpoint. */
export interface HttpEndpoint {
  /** Exact request target got puts on the request line for `relative` (the Digest `uri`). */
  requestTarget(relative: string): string;
  /** Sends one request; resolves for any HTTP status, rejects only when no answer came. */
  send(request: RawRequest): Promise<RawResponse>;
}

/** Version of this package, for the User-Agent (read at client creation, not at module load). */
function packageVersion(): string {
  let dir = __dirname;
  for (let depth = 0; depth < 5; depth += 1) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === "pulumi-opsmanager-apikeys" && typeof pkg.version === "string")
        return pkg.version;
    } catch {
      // keep walking up
    }
    dir = path.dirname(dir);
  }
  return "0.0.0";
}

/** Characters a URL keeps as they are in a path and query (no `#`, no `\\`, no spaces). */
const URL_SAFE = /^[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
/** A `.` or `..` segment (also percent-encoded), which URL parsing would resolve away. */
const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|\?|$)/i;

/**
 * The request target (path and query) of `${prefixUrl}/${relative}`, as URL parsing gives it and
 * got sends it. Relative paths built by paths.ts are already percent-encoded, so for them the
 * target is a plain concatenation; anything else goes through URL parsing.
 */
export function requestTargetFor(prefixUrl: string): (relative: string) => string {
  const prefixPath = new URL(`${prefixUrl}/`).pathname;
  return (relative) => {
    const plain = URL_SAFE.test(relative) && !DOT_SEGMENT.test(relative) && !relative.endsWith("?");
    if (plain) return `${prefixPath}${relative}`;
    const url = new URL(`${prefixUrl}/${relative}`);
    return `${url.pathname}${url.search}`;
  };
}

/**
 * got's request function for this client: Node's `http.request` or `https.request`, given only
 * the options got set. got hands over about 35 options, most of them undefined; Node's agent
 * copies them into a dictionary-mode object per request, so dropping the undefined ones halves
 * the allocation of Node's request and agent code. Node reads an undefined option as absent.
 */
function nodeRequest(url: URL, options: http.RequestOptions): http.ClientRequest {
  const defined: Record<string, unknown> = {};
  for (const key in options) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) defined[key] = value;
  }
  return (url.protocol === "https:" ? https.request : http.request)(url, defined);
}

/** Builds the endpoint; warns once (through `settings.warn`) when TLS verification is off. */
export function createHttpEndpoint(settings: ResolvedClientSettings): HttpEndpoint {
  const prefixUrl = settings.apiUrl;
  if (settings.insecureSkipVerify) {
    settings.warn(
      `WARNING: TLS certificate verification is OFF for ${settings.origin}. Anyone on the network ` +
        `path can impersonate Ops Manager and read the API keys created through it. Trust the PEM ` +
        `bundle of the CA that signed the server certificate instead.`,
      "TLS_VERIFICATION_OFF",
    );
  }
  // Own keep-alive agents, so connection reuse does not depend on `http.globalAgent` (which other
  // code in the same host process may replace). Same settings as Node's global agent: most
  // recently used first, so few connections stay warm and TLS handshakes stay rare, and an idle
  // connection is closed after 5 s.
  const agentOptions = { keepAlive: true, scheduling: "lifo" as const, timeout: 5000 };
  const instance: Got = got.extend({
    prefixUrl,
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    agent: {
      http: new http.Agent(agentOptions),
      https: new https.Agent(agentOptions),
    },
    timeout: { request: settings.requestTimeoutMs },
    headers: {
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": `pulumi-opsmanager-apikeys/${packageVersion()}`,
    },
    https: {
      certificateAuthority: settings.certificateAuthority,
      rejectUnauthorized: settings.insecureSkipVerify ? false : undefined,
    },
    request: nodeRequest,
    // Only this client holds the instance; mutable so the cache options can be emptied below.
    mutableDefaults: true,
  });
  // got copies its (unused, the cache is off) cache options into the first place of every
  // request's Node options object. An object literal that starts by spreading a non-empty object
  // gets fresh hidden classes on every call in Node 20's V8: ~23 KB of garbage per request for
  // those options alone. Empty cache options avoid that (docs/PERFORMANCE.md).
  instance.defaults.options.cacheOptions = {};
  return {
    requestTarget: requestTargetFor(prefixUrl),
    // got's stream interface: the same request, options and errors as its promise interface,
    // without the promise layer's body buffering and cancelable wrapper, which cost about a
    // fifth of got's CPU per request (docs/PERFORMANCE.md, "got, configured lean").
    send: (request) =>
      new Promise<RawResponse>((resolve, reject) => {
        const stream = instance.stream(request.relative, {
          method: request.method as Method,
          body: request.body,
          headers:
            request.authorization === undefined ? {} : { authorization: request.authorization },
        });
        let status = 0;
        let headers: RawResponse["headers"] = {};
        let body = "";
        stream.setEncoding("utf8");
        stream.on(
          "response",
          (response: { statusCode: number; headers: RawResponse["headers"] }) => {
            status = response.statusCode;
            headers = response.headers;
          },
        );
        stream.on("data", (chunk: string) => {
          body += chunk;
        });
        stream.on("end", () => resolve({ status, headers, body }));
        stream.on("error", reject);
        // Settles a stream that closes without an end or an error (a promise settles once).
        stream.on("close", () => {
          if (!stream.readableEnded)
            reject(
              Object.assign(new Error("the connection closed before the answer ended"), {
                code: "ECONNRESET",
              }),
            );
        });
        // A stream request waits for its body to be written unless got knows it has none: a
        // DELETE without a body has to be ended here.
        if (request.body === undefined && request.method !== "GET") stream.end();
      }),
  };
}
