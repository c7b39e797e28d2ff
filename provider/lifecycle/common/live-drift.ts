/**
 * The live part of `diff` (opsmanager:driftCheck `live`, the default). The engine calls Diff for
 * every existing resource on every preview and update (pulumi/pulumi
 * pkg/resource/deploy/step_generator.go, generateStepsFromDiff), so this is where `pulumi
 * preview` sees changes made outside Pulumi without `--refresh` (docs/ARCHITECTURE.md, "A
 * preview with a live drift check").
 *
 * No request when the stored-state diff already plans a replacement (the new object is created
 * anyway), when an input is still unknown (never call the API with the unknown sentinel), or when
 * the object cannot be addressed. A failure never passes silently: the diff fails with what
 * happened, to which resource, and that driftCheck `state` skips the live check.
 */
import type { ProviderRuntime } from "../runtime";
import { resolveDriftCheck } from "../settings";
import type { LifecycleContext } from "./context";
import { messageOf } from "./errors";
import { BOOKKEEPING_INPUTS } from "./ignore-changes";
import type { PlannedDiff } from "./results";
import { containsUnknown } from "./sentinel";

/** What the live comparison of one resource needs. */
export interface LiveDriftCheck {
  /** The resource as the user can find it, e.g. `OrgApiKey 5f0c… ("ci deployer")`. */
  readonly label: string;
  /** The stored-state diff. */
  readonly offline: PlannedDiff;
  /** The checked new inputs. */
  readonly news: Record<string, unknown>;
  /** False when the id or inputs do not name a live object (nothing to compare). */
  readonly addressable: boolean;
  /** Compares with the live object; may only add changes to `offline`. */
  readonly compare: (ctx: LifecycleContext) => Promise<PlannedDiff>;
}

/**
 * The diff with the live object, or `offline` when driftCheck is `state` or there is nothing to
 * compare.
 */
export async function diffWithLiveObject(
  rt: ProviderRuntime,
  check: LiveDriftCheck,
): Promise<PlannedDiff> {
  if (resolveDriftCheck(rt.config) === "state") return check.offline;
  const unknown = Object.entries(check.news).some(
    ([k, v]) => !BOOKKEEPING_INPUTS.includes(k) && containsUnknown(v),
  );
  if (unknown || check.offline.replaces.length > 0 || !check.addressable) return check.offline;
  try {
    return await check.compare(rt.context());
  } catch (e) {
    throw new Error(
      `${check.label}: the drift check against Ops Manager failed: ${messageOf(e)} ` +
        'The preview stops rather than report "no changes" it could not verify. Fix the cause, or set ' +
        "opsmanager:driftCheck to state (`pulumi config set opsmanager:driftCheck state`) to compare the program " +
        "with the stored state only, without contacting Ops Manager (changes made outside Pulumi then show only " +
        "after `pulumi refresh`).",
      { cause: e },
    );
  }
}
