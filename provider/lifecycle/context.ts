/** What a lifecycle operation needs besides its arguments. */
import type { OpsManagerClient } from "../client/types";
import type { ProviderSettings } from "./settings";

/** The client for the resolved settings, the settings themselves, and a warning sink (plugin stderr). */
export interface LifecycleContext {
  readonly client: OpsManagerClient;
  readonly settings: ProviderSettings;
  readonly warn: (message: string) => void;
}
