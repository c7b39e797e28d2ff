/**
 * The runtime view (provider/lifecycle/runtime.ts) a chaos run hands each kind's typed provider:
 * the run's context, its settings' driftCheck and managing key as configuration, and the
 * ownership record of the current deployment (one per chaos step).
 */
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import type { OwnershipRecord } from "../../provider/lifecycle/common/ownership";
import type { ProviderRuntime } from "../../provider/lifecycle/runtime";

export function chaosRuntime(ctx: LifecycleContext, ownership: OwnershipRecord): ProviderRuntime {
  const config: Record<string, string> = {
    "opsmanager:driftCheck": ctx.settings.driftCheck,
    "opsmanager:publicKey": ctx.settings.client.publicKey,
  };
  return { config: (k) => config[k], context: () => ctx, ownership, warn: ctx.warn };
}
