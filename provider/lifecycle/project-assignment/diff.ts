/**
 * The stored-state `diff` for ApiKeyProjectAssignment. `projectId` and `apiKeyId` are the
 * assignment's identity: a change replaces it, new assignment first (a rotated key gets its
 * project roles before the old key is deleted). `roles` update in place, compared as a set.
 */
import type { PlannedDiff } from "../common/results";
import { sameRoles } from "../common/role-set";
import { containsUnknown } from "../common/sentinel";
import { asBag } from "../common/values";

/** diff(id, olds, news) for ApiKeyProjectAssignment, against the stored outputs only. */
export function diffProjectAssignment(_id: string, olds: unknown, news: unknown): PlannedDiff {
  const old = asBag(olds);
  const next = asBag(news);
  const replaces: string[] = [];
  for (const property of ["projectId", "apiKeyId"]) {
    const value = next[property];
    const before = lowerCased(old[property]);
    const after = lowerCased(value);
    if (containsUnknown(value) || before !== after) replaces.push(property);
  }
  const rolesChanged = containsUnknown(next.roles) || !sameRoles(old.roles, next.roles);
  return {
    changes: rolesChanged || replaces.length > 0,
    replaces,
    deleteBeforeReplace: false,
  };
}

/** Ids compare case-insensitively. */
function lowerCased(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}
