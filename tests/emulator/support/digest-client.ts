/**
 * Minimal Digest client for the emulator conformance tests (independent of provider/client).
 * Caches the server nonce and counts nc up, re-challenging on 401 stale=true, like the real
 * client must. Paths are sent exactly as given (no re-encoding).
 */
import { createHash, randomBytes } from "node:crypto";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** Parsed JSON body, or undefined for an empty body. */
  readonly json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

/** One HTTP exchange with full control over the request target and headers. */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; ca?: string } = {},
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { Accept: "application/json", ...options.headers },
        ca: options.ca,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: text ? JSON.parse(text) : undefined,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) {
      req.setHeader("Content-Type", "application/json");
      req.end(options.body);
    } else req.end();
  });
}

/** `nonce` and `stale` of a `WWW-Authenticate: Digest …` header. */
export function parseChallenge(header: string | undefined): { nonce: string; stale: boolean } {
  const nonce = /nonce="([^"]*)"/.exec(header ?? "")?.[1];
  if (!nonce) throw new Error(`not a Digest challenge: ${header}`);
  return { nonce, stale: /stale=true/.test(header ?? "") };
}

export class DigestClient {
  private nonce?: string;
  private nc = 0;

  constructor(
    readonly baseUrl: string,
    readonly username: string,
    private readonly password: string,
    private readonly ca?: string,
  ) {}

  /** The Authorization header for one request, using (and advancing) the cached nonce. */
  authorization(
    method: string,
    uri: string,
    overrides: { nc?: number; password?: string } = {},
  ): string {
    if (!this.nonce) throw new Error("no nonce yet: call challenge() first");
    const nc = (overrides.nc ?? ++this.nc).toString(16).padStart(8, "0");
    const cnonce = randomBytes(8).toString("hex");
    const ha1 = md5(`${this.username}:MMS Public API:${overrides.password ?? this.password}`);
    const ha2 = md5(`${method}:${uri}`);
    const response = md5(`${ha1}:${this.nonce}:${nc}:${cnonce}:auth:${ha2}`);
    return (
      `Digest username="${this.username}", realm="MMS Public API", nonce="${this.nonce}", ` +
      `uri="${uri}", response="${response}", algorithm="MD5", qop=auth, nc=${nc}, cnonce="${cnonce}"`
    );
  }

  /** Get a fresh nonce from an unauthenticated request. */
  async challenge(): Promise<void> {
    const res = await rawRequest(this.baseUrl, "GET", "/api/public/v1.0", { ca: this.ca });
    this.useNonce(parseChallenge(res.headers["www-authenticate"] as string).nonce);
  }

  useNonce(nonce: string): void {
    this.nonce = nonce;
    this.nc = 0;
  }

  /** One authenticated request; re-challenges once on a missing or stale nonce. */
  async request(method: string, path: string, body?: unknown): Promise<RawResponse> {
    if (!this.nonce) await this.challenge();
    const text =
      body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const send = () =>
      rawRequest(this.baseUrl, method, path, {
        headers: { Authorization: this.authorization(method, path) },
        body: text,
        ca: this.ca,
      });
    const first = await send();
    const challenge = first.headers["www-authenticate"] as string | undefined;
    if (first.status !== 401 || !challenge || !parseChallenge(challenge).stale) return first;
    this.useNonce(parseChallenge(challenge).nonce);
    return send();
  }
}
