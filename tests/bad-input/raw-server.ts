/**
 * A tiny node:http server on 127.0.0.1 that answers the Digest challenge properly (realm
 * `MMS Public API`, MD5, qop `auth`, as docs/OPS-MANAGER-API.md describes) and then lets the test decide the answer byte for
 * byte: non-JSON, HTML pages, truncated JSON, missing fields, redirects. Also a proxy in front of
 * the emulator that passes requests through unchanged and can mangle chosen answers, so the
 * server really applies a write whose answer the client cannot read.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** What the test wants sent back. */
export interface RawAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Destroy the socket instead of answering (a connection reset after the request arrived). */
  readonly reset?: boolean;
}

/** One request the server saw. `authorized` is true when its Digest answer verified. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly authorized: boolean;
  readonly body: string;
}

export interface RawServer {
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

const REALM = "MMS Public API";
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

function digestFields(header: string | undefined): Record<string, string> | undefined {
  if (!header?.startsWith("Digest ")) return undefined;
  const fields: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-z]+)=(?:"([^"]*)"|([^,\s]*))/gi)) {
    fields[m[1].toLowerCase()] = m[2] ?? m[3];
  }
  return fields;
}

/** True when `header` is a correct Digest answer for this request and nonce. */
function verifies(
  header: string | undefined,
  method: string,
  nonce: string,
  user: string,
  password: string,
): boolean {
  const f = digestFields(header);
  if (!f || f.username !== user || f.nonce !== nonce || f.qop !== "auth") return false;
  const ha1 = md5(`${user}:${REALM}:${password}`);
  const ha2 = md5(`${method}:${f.uri}`);
  return f.response === md5(`${ha1}:${f.nonce}:${f.nc}:${f.cnonce}:${f.qop}:${ha2}`);
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, answer: RawAnswer): void {
  if (answer.reset) return void res.socket?.destroy();
  res.writeHead(answer.status, answer.headers ?? {});
  res.end(answer.body ?? "");
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** Starts a server that challenges, verifies Digest, then answers with `answer(request)`. */
export async function startRawServer(
  credentials: { readonly publicKey: string; readonly privateKey: string },
  answer: (request: SeenRequest) => RawAnswer,
): Promise<RawServer> {
  const nonce = randomBytes(16).toString("hex");
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const method = req.method ?? "GET";
      const authorized = verifies(
        req.headers.authorization,
        method,
        nonce,
        credentials.publicKey,
        credentials.privateKey,
      );
      const seen = { method, url: req.url ?? "", authorized, body };
      requests.push(seen);
      if (!authorized) {
        return send(res, {
          status: 401,
          headers: {
            "www-authenticate": `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=false`,
            "content-type": "application/json",
          },
          body: '{"reason":"Unauthorized","error":401,"detail":"You are not authorized for this resource."}',
        });
      }
      send(res, answer(seen));
    });
  });
  return { baseUrl: await listen(server), requests, close: closer(server) };
}

/** The upstream answer a proxy saw, for `mangle` to inspect. */
export interface UpstreamAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Starts a pass-through proxy to `target` (same paths, so Digest `uri`s stay valid). For each
 * answer `mangle` may return a replacement; `undefined` passes the answer through.
 */
export async function startManglingProxy(
  target: string,
  mangle: (request: SeenRequest, upstream: UpstreamAnswer) => RawAnswer | undefined,
): Promise<RawServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const seen = {
        method: req.method ?? "GET",
        url: req.url ?? "",
        authorized: req.headers.authorization !== undefined,
        body,
      };
      requests.push(seen);
      const headers: Record<string, string> = {};
      for (const name of ["authorization", "content-type", "accept"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      const upstream = httpRequest(
        `${target}${seen.url}`,
        { method: seen.method, headers },
        (up) => {
          void bodyOf(up).then((text) => {
            const upHeaders: Record<string, string> = {};
            for (const [k, v] of Object.entries(up.headers))
              if (typeof v === "string") upHeaders[k] = v;
            const answer = { status: up.statusCode ?? 502, headers: upHeaders, body: text };
            send(res, mangle(seen, answer) ?? answer);
          });
        },
      );
      upstream.on("error", () => send(res, { status: 502, body: "upstream failed" }));
      upstream.end(body === "" ? undefined : body);
    });
  });
  return { baseUrl: await listen(server), requests, close: closer(server) };
}
