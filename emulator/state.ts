/**
 * Everything a running emulator holds, shared by the API pipeline, the admin door and the
 * `Emulator` object.
 */
import type { Settings } from "./context";
import type { NonceBook } from "./digest-server";
import type { FaultInjector } from "./faults";
import type { Store } from "./store";
import type { RequestLogEntry } from "./types";

export interface EmulatorState {
  readonly store: Store;
  readonly settings: Settings;
  readonly nonces: NonceBook;
  readonly faults: FaultInjector;
  readonly log: RequestLogEntry[];
  latencyMs: number;
  /** `http(s)://host:port`, set once listening. */
  baseUrl: string;
  /** Save to `dataFile` if the store changed. */
  persist(): void;
}
