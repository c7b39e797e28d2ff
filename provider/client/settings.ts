/**
 * The one place client settings are checked: `validateClientSettings` turns `ClientSettings` into
 * `ResolvedClientSettings` (parsed base URL, CA bundle read, retry bounds filled in) or throws
 * an `OpsManagerError`. Everything after it trusts the resolved object and checks nothing again.
 */
import { readFileSync } from "node:fs";
import { OpsManagerError } from "./errors";
import { resolveRetryPolicy } from "./retry";
import type { AccessListPath, ClientSettings, ClientWarningCode, RetryPolicy } from "./types";

/** The API root below the configured base URL. */
const API_ROOT = "/api/public/v1.0";
const DEFAULT_TIMEOUT_MS = 30_000;

/** Settings after validation; built only by `validateClientSettings`. */
export interface ResolvedClientSettings {
  /** `scheme://host:port`, for messages (never user info). */
  readonly origin: string;
  /** Origin + base path + API root, no trailing slash: the prefix of every request URL. */
  readonly apiUrl: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly accessListPath: AccessListPath;
  /** Contents of the CA bundle file, when one was given. */
  readonly certificateAuthority?: string;
  readonly insecureSkipVerify: boolean;
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  readonly warn: (message: string, code: ClientWarningCode) => void;
}

function settingsError(
  message: string,
  code: "VALIDATION" | "TLS" = "VALIDATION",
): OpsManagerError {
  return new OpsManagerError(message, { code, method: "-", path: "-", attempts: 0 });
}

/** Parses the base URL; drops trailing slashes and an included `/api/public/v1.0`. */
function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw settingsError(
      "The Ops Manager base URL is not a valid URL; it must be the Ops Manager root, e.g. https://om.example.com:8443.",
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw settingsError(
      `The Ops Manager base URL must start with https:// or http://, not ${url.protocol}//.`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw settingsError(
      "The Ops Manager base URL must not contain user:password@; the API key is given separately.",
    );
  }
  let pathname = url.pathname.replace(/\/+$/, "");
  if (pathname.endsWith(API_ROOT)) pathname = pathname.slice(0, -API_ROOT.length);
  url.pathname = pathname === "" ? "/" : pathname;
  url.search = "";
  url.hash = "";
  return url;
}

function readCaFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw settingsError(
      `Cannot read the CA bundle file ${file} (${typeof code === "string" ? code : "unreadable"}); ` +
        `it must be a readable PEM file.`,
      "TLS",
    );
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * Checks and normalizes settings; makes no request. Throws an `OpsManagerError` with code
 * `VALIDATION` (missing key, bad base URL) or `TLS` (unreadable CA bundle).
 */
export function validateClientSettings(settings: ClientSettings): ResolvedClientSettings {
  const missing = [
    settings.publicKey ? undefined : "public key",
    settings.privateKey ? undefined : "private key",
  ].filter((m) => m !== undefined);
  if (missing.length > 0) {
    throw settingsError(
      `No Ops Manager API key given: the ${missing.join(" and ")} of an API key ${missing.length > 1 ? "are" : "is"} missing.`,
    );
  }
  const base = parseBaseUrl(settings.baseUrl);
  const rootPath = base.pathname === "/" ? "" : base.pathname;
  return {
    origin: base.origin,
    apiUrl: `${base.origin}${rootPath}${API_ROOT}`,
    publicKey: settings.publicKey,
    privateKey: settings.privateKey,
    accessListPath: settings.accessListPath ?? "auto",
    certificateAuthority: settings.caCertFile ? readCaFile(settings.caCertFile) : undefined,
    insecureSkipVerify: settings.insecureSkipVerify === true,
    requestTimeoutMs: positiveOr(settings.requestTimeoutMs, DEFAULT_TIMEOUT_MS),
    retry: resolveRetryPolicy(settings.retry),
    warn: settings.warn ?? ((message: string) => console.warn(message)),
  };
}
