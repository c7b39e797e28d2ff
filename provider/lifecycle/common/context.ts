/** What a lifecycle operation needs besides its arguments; built per call by the runtime. */
import type { OpsManagerClient } from "../../client/types";
import type { ProviderSettings } from "../settings";
import type { ListCache } from "./list-cache";
import type { OwnershipRecord } from "./ownership";

/** One configuration's client and list cache, the process's ownership record, and a warning sink. */
export interface LifecycleContext {
  readonly client: OpsManagerClient;
  readonly settings: ProviderSettings;
  /** Lists (keys of an org, entries of a key, keys of a project) shared within this process. */
  readonly lists: ListCache;
  /** What this deployment created, adopted or still declares (see ownership.ts). */
  readonly ownership: OwnershipRecord;
  /** Plugin stderr: the engine shows it to the user as a diagnostic of the resource. */
  readonly warn: (message: string) => void;
}
