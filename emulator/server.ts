/**
 * `startEmulator`: a real HTTP(S) server on node:http / node:https implementing the Ops
 * Manager API subset of emulator/README.md, plus the `/__emulator` admin door.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createAdmin } from "./admin";
import { type AdminDoor, handleAdminRequest } from "./admin-http";
import type { Settings } from "./context";
import { NonceBook } from "./digest-server";
import { FaultInjector } from "./faults";
import { readBody, sendJson } from "./http-io";
import { loadState, saveState } from "./persistence";
import { handleApiRequest } from "./pipeline";
import { mulberry32, randomSeed } from "./prng";
import type { EmulatorState } from "./state";
import { Store } from "./store";
import type { Emulator, EmulatorOptions } from "./types";
import { watchTlsHandshakes } from "./tls-handshakes";

const DEFAULT_NONCE_TTL_MS = 5 * 60 * 1000;

function applySettings(state: EmulatorState, options: Partial<EmulatorOptions>): void {
  const s: Settings = state.settings;
  if (options.accessListMode !== undefined) s.accessListMode = options.accessListMode;
  if (options.missingKeyStatus !== undefined) s.missingKeyStatus = options.missingKeyStatus;
  if (options.duplicateEntry !== undefined) s.duplicateEntry = options.duplicateEntry;
  if (options.ipv6 !== undefined) s.ipv6 = options.ipv6;
  if (options.htmlNotFound !== undefined) s.htmlNotFound = options.htmlNotFound;
  if (options.nonceTtlMs !== undefined) state.nonces.ttlMs = options.nonceTtlMs;
  if (options.latencyMs !== undefined) state.latencyMs = options.latencyMs;
  if ("faults" in options) state.faults.setPlan(options.faults);
  if (options.requireAccessList !== undefined) {
    state.store.data.orgs[0].requireAccessList = options.requireAccessList;
    state.store.dirty = true;
    state.persist();
  }
}

function createState(options: EmulatorOptions): EmulatorState {
  const loaded = options.dataFile ? loadState(options.dataFile) : undefined;
  const store = new Store(loaded ?? { orgs: [] }, mulberry32(options.seed ?? randomSeed()));
  if (store.data.orgs.length === 0) store.createOrg();
  store.bootstrapKey(store.data.orgs[0]);
  store.firstProject(store.data.orgs[0]);
  const state: EmulatorState = {
    store,
    settings: {
      accessListMode: "both",
      missingKeyStatus: 400,
      duplicateEntry: "noop",
      ipv6: true,
      htmlNotFound: false,
    },
    nonces: new NonceBook(DEFAULT_NONCE_TTL_MS),
    faults: new FaultInjector(),
    log: [],
    latencyMs: 0,
    baseUrl: "",
    persist() {
      if (!store.dirty) return;
      store.dirty = false;
      if (options.dataFile) saveState(options.dataFile, store.data);
    },
  };
  applySettings(state, options);
  state.persist();
  return state;
}

async function route(door: AdminDoor, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if ((req.url ?? "").startsWith("/__emulator/")) handleAdminRequest(door, req, res, body);
  else await handleApiRequest(door.state, req, res, body);
}

/** Start an emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = createState(options);
  const admin = createAdmin(state);
  const door: AdminDoor = {
    state,
    admin,
    configure: (changes) => applySettings(state, changes),
    clearLog: () => void state.log.splice(0, state.log.length),
    faultCounts: () => state.faults.snapshot(),
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    route(door, req, res).catch((error: unknown) => {
      // A bug in the emulator: answer 500 with the reason instead of hanging the client.
      if (!res.headersSent) sendJson(res, 500, { error: `emulator failure: ${String(error)}` });
      else res.destroy();
    });
  };
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createHttpServer(listener);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  state.baseUrl = `${options.tls ? "https" : "http"}://${urlHost}:${port}`;
  if (options.tls) watchTlsHandshakes(server as HttpsServer, state.baseUrl);
  const org = state.store.data.orgs[0];
  const bootstrap = state.store.bootstrapKey(org);
  const project = state.store.firstProject(org);
  state.persist();

  return {
    baseUrl: state.baseUrl,
    orgId: org.id,
    projectId: project.id,
    publicKey: bootstrap.publicKey,
    privateKey: bootstrap.privateKey,
    get requests() {
      return state.log;
    },
    clearLog: door.clearLog,
    admin,
    configure: door.configure,
    faultCounts: door.faultCounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          state.persist();
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
