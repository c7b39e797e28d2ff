/** What a lifecycle operation needs besides its arguments; built per call by the runtime. */
import type { OpsManagerClient } from "../../client/types";
import type { ProviderSettings } from "../settings";
import type { ListCache } from "./list-cache";

/** One configuration's client and list cache, and a warning sink. */
export interface LifecycleContext {
  readonly client: OpsManagerClient;
  readonly settings: ProviderSettings;
  /** Lists (keys of an org, entries of a key, keys of a project) shared within this process. */
  readonly lists: ListCache;
  /** Plugin stderr: the engine shows it to the user as a diagnostic of the resource. */
  readonly warn: (message: string) => void;
}
