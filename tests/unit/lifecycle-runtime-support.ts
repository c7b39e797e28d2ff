/**
 * Runs a kind's provider on a test context: the provider's runtime view (provider/lifecycle/
 * runtime.ts) built around a context the test made, so diff runs exactly as dispatch runs it.
 */
import { orgApiKeyProvider } from "../../provider/lifecycle/api-key/provider";
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import type { PlannedDiff } from "../../provider/lifecycle/common/results";
import { projectAssignmentProvider } from "../../provider/lifecycle/project-assignment/provider";
import type { ProviderRuntime } from "../../provider/lifecycle/runtime";
import type { ResourceKind } from "../../provider/lifecycle/types";
import { whitelistEntryProvider } from "../../provider/lifecycle/whitelist-entry/provider";

/** The runtime view of `ctx`: its settings' driftCheck and managing key, its ownership record. */
export function runtimeOf(ctx: LifecycleContext): ProviderRuntime {
  const config: Record<string, string> = {
    "opsmanager:driftCheck": ctx.settings.driftCheck,
    "opsmanager:publicKey": ctx.settings.client.publicKey,
  };
  return { config: (k) => config[k], context: () => ctx, ownership: ctx.ownership, warn: ctx.warn };
}

/** diff of `kind` as dispatch runs it: the stored-state diff, then the live comparison. */
export async function diffOf(
  ctx: LifecycleContext,
  kind: ResourceKind,
  id: string,
  olds: unknown,
  news: unknown,
): Promise<PlannedDiff> {
  const rt = runtimeOf(ctx);
  const provider =
    kind === "OrgApiKey"
      ? orgApiKeyProvider(rt)
      : kind === "ApiKeyWhitelistEntry"
        ? whitelistEntryProvider(rt)
        : projectAssignmentProvider(rt);
  const diff = provider.diff as (id: string, olds: unknown, news: unknown) => Promise<PlannedDiff>;
  return diff(id, olds, news);
}
