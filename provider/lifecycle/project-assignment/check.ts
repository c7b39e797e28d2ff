/**
 * `check` for ApiKeyProjectAssignment: pure and offline. Ids lower-cased, roles a non-empty set of
 * project roles (order and case do not matter; unknown roles refused with the allowed list).
 */
import { keepBookkeeping } from "../common/checked-inputs";
import { checkObjectId } from "../common/object-id";
import type { CheckedInputs, CheckFailure } from "../common/results";
import { asBag } from "../common/values";
import { normalizeProjectRoles } from "./roles";

/** check(olds, news) for ApiKeyProjectAssignment. */
export function checkProjectAssignment(_olds: unknown, news: unknown): CheckedInputs {
  const bag = asBag(news);
  const failures: CheckFailure[] = [];
  const inputs: Record<string, unknown> = {};
  inputs.projectId = checkObjectId(
    "projectId",
    bag.projectId,
    failures,
    "5f0c8a1e2b3c4d5e6f7081a3",
  );
  inputs.apiKeyId = checkObjectId("apiKeyId", bag.apiKeyId, failures);
  const roles = normalizeProjectRoles(bag.roles);
  if (roles.problems.length > 0)
    failures.push({ property: "roles", reason: roles.problems.join("; ") });
  inputs.roles = roles.roles;
  keepBookkeeping(bag, inputs);
  return { inputs, failures };
}
