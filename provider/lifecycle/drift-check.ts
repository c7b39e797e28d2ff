/**
 * `diff` with opsmanager:driftCheck `live` (the default; issue 7). The engine calls diff for
 * every existing resource on every preview (spec pulumi-dynamic-provider.md §2.1), so this is
 * where `pulumi preview` can see changes made outside Pulumi without `--refresh`.
 *
 * No request when the stored-state diff already plans a replacement (the new object is created
 * anyway) or when an input is unknown (spec §3: never call the API with the sentinel; an unknown
 * already plans a change). A failure never passes silently: the diff fails with what happened,
 * which resource, and that driftCheck `state` skips the live check (issue 7 §4).
 */
import { driftOrgApiKey, keyLabel } from "./api-key-drift";
import type { DiffResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { declaredCidr } from "./entry-diff";
import { driftWhitelistEntry, entryLabel } from "./entry-drift";
import { messageOf } from "./errors";
import { containsUnknown } from "./sentinel";
import type { ResourceKind } from "./types";
import { asBag, isObjectId } from "./values";

/** True when the live object can be addressed from the id and the checked inputs. */
function addressable(kind: ResourceKind, id: string, next: Record<string, unknown>): boolean {
  if (!isObjectId(next.orgId)) return false;
  if (kind === "OrgApiKey") return isObjectId(id);
  return isObjectId(next.apiKeyId) && typeof declaredCidr(next) === "string";
}

/** The live diff for a resource whose stored-state diff is `offline`. */
export async function diffWithLiveState(
  kind: ResourceKind,
  contextOf: () => LifecycleContext,
  id: string,
  olds: unknown,
  news: unknown,
  offline: DiffResultLike,
): Promise<DiffResultLike> {
  const next = asBag(news);
  const unknown = Object.entries(next).some(([k, v]) => k !== "__provider" && containsUnknown(v));
  if (unknown || offline.replaces.length > 0 || !addressable(kind, id, next)) return offline;
  const label = kind === "OrgApiKey" ? keyLabel(id, news) : entryLabel(news);
  try {
    const ctx = contextOf();
    return kind === "OrgApiKey"
      ? await driftOrgApiKey(ctx, id, olds, news, offline)
      : await driftWhitelistEntry(ctx, news, offline);
  } catch (e) {
    throw new Error(
      `${label}: the drift check against Ops Manager failed: ${messageOf(e)} ` +
        'The preview stops rather than report "no changes" it could not verify. Fix the cause, or set ' +
        "opsmanager:driftCheck to state (`pulumi config set opsmanager:driftCheck state`) to compare the program " +
        "with the stored state only, without contacting Ops Manager (changes made outside Pulumi then show only " +
        "after `pulumi refresh`).",
      { cause: e },
    );
  }
}
