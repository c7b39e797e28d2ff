/**
 * The stored-state `diff` for OrgApiKey. `olds` are the OLD OUTPUTS, `news` the checked inputs;
 * bookkeeping inputs are ignored (docs/PULUMI-ENGINE.md, "Diff"). orgId, rotationTrigger and
 * existingApiKeyId replace (new key first); description and roles update in place (roles as a
 * set). An unknown new value counts as a change (and a replace for a replace key).
 */
import type { PlannedDiff } from "../common/results";
import { sameRoles } from "../common/role-set";
import { containsUnknown } from "../common/sentinel";
import { asBag } from "../common/values";

/** `undefined` and `null` both mean "unset". */
function optional(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** diff(id, olds, news) for OrgApiKey, against the stored outputs only. */
export function diffOrgApiKey(_id: string, olds: unknown, news: unknown): PlannedDiff {
  const old = asBag(olds);
  const next = asBag(news);
  const replaces: string[] = [];
  let changes = false;

  const differs = (property: string, same: (a: unknown, b: unknown) => boolean): boolean => {
    const value = next[property];
    return containsUnknown(value) || !same(optional(old[property]), optional(value));
  };
  const equal = (a: unknown, b: unknown): boolean => a === b;

  if (differs("orgId", equal)) replaces.push("orgId");
  // A key that stays adopted (existingApiKeyId names the key already in state) is never replaced:
  // the replacement would adopt the same key. Check refuses a rotationTrigger change on an adopted
  // key; anything else that still differs here is an in-place update.
  const keepsAdopted =
    typeof next.existingApiKeyId === "string" && next.existingApiKeyId === old.apiKeyId;
  for (const property of ["rotationTrigger", "existingApiKeyId"]) {
    if (!differs(property, equal)) continue;
    if (keepsAdopted) changes = true;
    else replaces.push(property);
  }
  if (differs("description", equal)) changes = true;
  if (differs("roles", sameRoles)) changes = true;

  return { changes: changes || replaces.length > 0, replaces, deleteBeforeReplace: false };
}
