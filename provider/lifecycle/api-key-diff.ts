/**
 * `diff` for OrgApiKey (design §3; spec pulumi-dynamic-provider.md rule 1). `olds` are the OLD
 * OUTPUTS, `news` the checked inputs; `__provider` is ignored. orgId, rotationTrigger and
 * existingApiKeyId replace (new key first); description and roles update in place (roles as a
 * set). An unknown new value counts as a change (and a replace for a replace key).
 */
import type { DiffResultLike } from "./check-types";
import { sameRoles } from "./roles";
import { containsUnknown } from "./sentinel";
import { asBag } from "./values";

/** `undefined` and `null` both mean "unset". */
function optional(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** diff(id, olds, news) for OrgApiKey. */
export function diffOrgApiKey(_id: string, olds: unknown, news: unknown): DiffResultLike {
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
  // the replacement would adopt the same key and create-before-delete would then delete it.
  // Rotating an adopted key means removing existingApiKeyId, which creates a new key.
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
