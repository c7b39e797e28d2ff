/**
 * The got instance of one client: prefix URL, JSON headers, User-Agent, timeout, TLS, and every
 * got automatism that would hide a request turned off (retry, redirects, HTTP-error throwing).
 * One `send` is one HTTP request; Digest and retries live in transport.ts.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import got, { type Got, type Method } from "got";
import { OpsManagerError } from "./errors";
import type { ClientSettings } from "./types";

/** The API root below the configured base URL (spec §1.1). */
export const API_ROOT = "/api/public/v1.0";
export const DEFAULT_TIMEOUT_MS = 30_000;

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
  /** `scheme://host:port`, for messages (never user info). */
  readonly origin: string;
  readonly timeoutMs: number;
  /** Exact request target got puts on the request line for `relative` (the Digest `uri`). */
  requestTarget(relative: string): string;
  /** Sends one request; resolves for any HTTP status, rejects only when no answer came. */
  send(request: RawRequest): Promise<RawResponse>;
}

function configError(message: string): OpsManagerError {
  return new OpsManagerError(message, { code: "VALIDATION", method: "-", path: "-", attempts: 0 });
}

/** Parses `baseUrl`, drops trailing slashes and an included `/api/public/v1.0`. */
export function normalizeBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw configError(
      "opsmanager:baseUrl (MCLI_OPS_MANAGER_URL) is not a valid URL: set it to the Ops Manager root, e.g. https://om.example.com:8443.",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw configError(
      `opsmanager:baseUrl (MCLI_OPS_MANAGER_URL) must start with https:// or http://, not ${url.protocol}//.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw configError(
      "opsmanager:baseUrl (MCLI_OPS_MANAGER_URL) must not contain user:password@; put the API key in opsmanager:publicKey / opsmanager:privateKey.",
    );
  }
  let pathname = url.pathname.replace(/\/+$/, "");
  if (pathname.endsWith(API_ROOT)) pathname = pathname.slice(0, -API_ROOT.length);
  url.pathname = pathname === "" ? "/" : pathname;
  url.search = "";
  url.hash = "";
  return url;
}

/** Version of this package, for the User-Agent (read at client creation, not at module load). */
export function packageVersion(): string {
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

function readCaFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new OpsManagerError(
      `Cannot read the CA bundle in opsmanager:caCertFile (MCLI_OPS_MANAGER_CA_CERTIFICATE) at ${file} ` +
        `(${typeof code === "string" ? code : "unreadable"}): point it at a readable PEM file.`,
      { code: "TLS", method: "-", path: "-", attempts: 0 },
    );
  }
}

/** Builds the endpoint; warns once (through `warn`) when TLS verification is off. */
export function createHttpEndpoint(
  settings: ClientSettings,
  warn: (m: string) => void,
): HttpEndpoint {
  const base = normalizeBaseUrl(settings.baseUrl);
  const rootPath = base.pathname === "/" ? "" : base.pathname;
  const prefixUrl = `${base.origin}${rootPath}${API_ROOT}`;
  const timeoutMs = settings.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const certificateAuthority = settings.caCertFile ? readCaFile(settings.caCertFile) : undefined;
  if (settings.insecureSkipVerify) {
    warn(
      `WARNING: TLS certificate verification is OFF for ${base.origin} (opsmanager:insecureSkipVerify / ` +
        `MCLI_OPS_MANAGER_SKIP_VERIFY). Anyone on the network path can impersonate Ops Manager and read ` +
        `the API keys this provider creates. Use opsmanager:caCertFile with your CA's PEM bundle instead.`,
    );
  }
  const instance: Got = got.extend({
    prefixUrl,
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    timeout: { request: timeoutMs },
    responseType: "text",
    headers: {
      accept: "application/json",
      "content-type": "application/json",
      "user-agent": `pulumi-opsmanager-apikeys/${packageVersion()}`,
    },
    https: {
      certificateAuthority,
      rejectUnauthorized: settings.insecureSkipVerify ? false : undefined,
    },
  });
  return {
    origin: base.origin,
    timeoutMs,
    requestTarget(relative) {
      const url = new URL(`${prefixUrl}/${relative}`);
      return `${url.pathname}${url.search}`;
    },
    async send(request) {
      const response = await instance(request.relative, {
        method: request.method as Method,
        body: request.body,
        headers:
          request.authorization === undefined ? {} : { authorization: request.authorization },
      });
      return {
        status: response.statusCode,
        headers: response.headers,
        body: typeof response.body === "string" ? response.body : String(response.body),
      };
    },
  };
}
