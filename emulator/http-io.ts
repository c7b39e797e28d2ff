/**
 * Small HTTP helpers: buffered bodies, JSON answers, the Digest challenge, sleeping.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { challengeHeader } from "./digest-server";
import { UNAUTHORIZED_BODY } from "./errors";

/** Request bodies are capped; the API never needs more than a few hundred entries. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Write a JSON (or empty) answer and return the body text as sent. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  pretty = false,
  headers: Record<string, string> = {},
): string | undefined {
  const text = body === undefined ? undefined : JSON.stringify(body, null, pretty ? 2 : undefined);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (text === undefined) {
    res.end();
    return undefined;
  }
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
  return text;
}

/** A reverse proxy's 404 page: HTML, no API error envelope. Returns the body as sent. */
export function sendHtmlNotFound(res: ServerResponse): string {
  const text =
    "<!DOCTYPE html><html><head><title>404 Not Found</title></head>" +
    "<body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>";
  res.statusCode = 404;
  res.setHeader("Content-Type", "text/html");
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
  return text;
}

/** The bare 401 challenge. */
export function sendChallenge(res: ServerResponse, nonce: string, stale: boolean): string {
  return sendJson(res, 401, UNAUTHORIZED_BODY, false, {
    "WWW-Authenticate": challengeHeader(nonce, stale),
  }) as string;
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
