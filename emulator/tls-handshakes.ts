/**
 * Server-side count of TLS handshakes of an HTTPS emulator, to prove keep-alive reuse: a client
 * that reuses its connections completes about one handshake per concurrent connection, not one
 * per request. Every `secureConnection` of the server is one completed handshake (full, or a
 * session resumption, counted apart).
 */
import type { Server as TlsServer, TLSSocket } from "node:tls";

/** Handshakes the server completed so far. */
export interface TlsHandshakeCount {
  /** Every completed handshake. */
  readonly total: number;
  /** Of those, abbreviated handshakes that resumed an earlier session. */
  readonly resumed: number;
}

const counters = new Map<string, { total: number; resumed: number }>();

/** Starts counting the handshakes of `server`, reachable by its `baseUrl` until it closes. */
export function watchTlsHandshakes(server: TlsServer, baseUrl: string): void {
  const count = { total: 0, resumed: 0 };
  counters.set(baseUrl, count);
  server.on("secureConnection", (socket: TLSSocket) => {
    count.total += 1;
    if (socket.isSessionReused()) count.resumed += 1;
  });
  server.once("close", () => counters.delete(baseUrl));
}

/** The count of the running HTTPS emulator at `baseUrl`; `undefined` for plain HTTP or after close. */
export function tlsHandshakes(baseUrl: string): TlsHandshakeCount | undefined {
  const count = counters.get(baseUrl);
  return count && { ...count };
}
