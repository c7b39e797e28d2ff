/**
 * One Ops Manager client per distinct configuration per process (design §2: this code is loaded
 * at call time and never serialized, so a module-level cache is safe here). The client module
 * (and got with it) is loaded on first use, so offline check/diff never pay for it.
 */
import { createHash } from "node:crypto";
import type { ClientSettings, OpsManagerClient } from "../client/types";

const cache = new Map<string, OpsManagerClient>();

/** Cache key: a digest, so the map never holds a readable private key as its key. */
function keyOf(settings: ClientSettings): string {
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex");
}

/** The shared client for these settings. */
export function clientFor(settings: ClientSettings): OpsManagerClient {
  const key = keyOf(settings);
  let client = cache.get(key);
  if (client === undefined) {
    const { createClient } = require("../client/index") as typeof import("../client/index");
    client = createClient(settings);
    cache.set(key, client);
  }
  return client;
}
