/**
 * Runs a kind's provider on a test context: the provider's runtime view (provider/lifecycle/
 * runtime.ts) built around a context the test made, so each method runs exactly as dispatch runs
 * it (live drift, ownership). One runtime stands for one deployment (one host process).
 */
import { orgApiKeyProvider } from "../../provider/lifecycle/api-key/provider";
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import { OwnershipRecord } from "../../provider/lifecycle/common/ownership";
import type { PlannedDiff, ResourceProvider } from "../../provider/lifecycle/common/results";
import { projectAssignmentProvider } from "../../provider/lifecycle/project-assignment/provider";
import type { ProviderRuntime } from "../../provider/lifecycle/runtime";
import type { ResourceKind } from "../../provider/lifecycle/types";
import { whitelistEntryProvider } from "../../provider/lifecycle/whitelist-entry/provider";

/** The runtime view of `ctx` for one deployment: its driftCheck and managing key, a new record. */
export function runtimeOf(
  ctx: LifecycleContext,
  ownership: OwnershipRecord = new OwnershipRecord(),
): ProviderRuntime {
  const config: Record<string, string> = {
    "opsmanager:driftCheck": ctx.settings.driftCheck,
    "opsmanager:publicKey": ctx.settings.client.publicKey,
  };
  return { config: (k) => config[k], context: () => ctx, ownership, warn: ctx.warn };
}

/** The untyped view of a kind's provider, as the host calls it. */
export type AnyProvider = ResourceProvider<Record<string, unknown>, Record<string, unknown>>;

/** The provider of `kind` for one deployment's runtime. */
export function providerOf(rt: ProviderRuntime, kind: ResourceKind): AnyProvider {
  const provider =
    kind === "OrgApiKey"
      ? orgApiKeyProvider(rt)
      : kind === "ApiKeyWhitelistEntry"
        ? whitelistEntryProvider(rt)
        : projectAssignmentProvider(rt);
  return provider as unknown as AnyProvider;
}

/** diff of `kind` as dispatch runs it: the stored-state diff, then the live comparison. */
export async function diffOf(
  ctx: LifecycleContext,
  kind: ResourceKind,
  id: string,
  olds: unknown,
  news: unknown,
): Promise<PlannedDiff> {
  const diff = providerOf(runtimeOf(ctx), kind).diff!;
  return (await diff(
    id,
    olds as Record<string, unknown>,
    news as Record<string, unknown>,
  )) as PlannedDiff;
}
