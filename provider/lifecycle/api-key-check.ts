/**
 * `check` for OrgApiKey (design §3): pure and offline. Normalizes roles (upper-case, deduped,
 * sorted) and ids (lower-case); reports failures by property; passes the unknown sentinel through.
 */
import type { CheckFailureLike, CheckResultLike } from "./check-types";
import { normalizeRoles } from "./roles";
import { isUnknown } from "./sentinel";
import { asBag, isAbsent, isObjectId, show } from "./values";

const MAX_DESCRIPTION = 250;

/** Validates `orgId`/`apiKeyId`-style 24-hex ids; returns the normalized value. */
export function checkObjectId(
  property: string,
  value: unknown,
  failures: CheckFailureLike[],
  example = "5f0c8a1e2b3c4d5e6f708192",
): unknown {
  if (isUnknown(value)) return value;
  if (isObjectId(value)) return value.toLowerCase();
  const got = isAbsent(value) ? "it is not set" : `got ${show(value)}`;
  failures.push({
    property,
    reason: `${property} must be a 24-character hex id such as ${example}; ${got}`,
  });
  return value;
}

function checkDescription(value: unknown, failures: CheckFailureLike[]): unknown {
  if (isUnknown(value)) return value;
  if (typeof value !== "string") {
    const got = isAbsent(value) ? "it is not set" : `got ${show(value)}`;
    failures.push({
      property: "description",
      reason: `description must be a string of 1 to 250 characters; ${got}`,
    });
  } else if (value.trim() === "") {
    failures.push({
      property: "description",
      reason: "description must not be empty; describe what the key is for",
    });
  } else if ([...value].length > MAX_DESCRIPTION) {
    failures.push({
      property: "description",
      reason: `description has ${[...value].length} characters; Ops Manager allows at most 250`,
    });
  }
  return value;
}

function checkRotationTrigger(value: unknown, failures: CheckFailureLike[]): unknown {
  if (isAbsent(value) || isUnknown(value) || typeof value === "string") return value;
  failures.push({
    property: "rotationTrigger",
    reason: `rotationTrigger must be a string (any value; changing it replaces the key); got ${show(value)}`,
  });
  return value;
}

/** check(olds, news) for OrgApiKey. */
export function checkOrgApiKey(_olds: unknown, news: unknown): CheckResultLike {
  const bag = asBag(news);
  const failures: CheckFailureLike[] = [];
  const inputs: Record<string, unknown> = {};
  inputs.orgId = checkObjectId("orgId", bag.orgId, failures);
  inputs.description = checkDescription(bag.description, failures);
  const roles = normalizeRoles(bag.roles);
  if (roles.problems.length > 0)
    failures.push({ property: "roles", reason: roles.problems.join("; ") });
  inputs.roles = roles.roles;
  if (!isAbsent(bag.rotationTrigger))
    inputs.rotationTrigger = checkRotationTrigger(bag.rotationTrigger, failures);
  if (!isAbsent(bag.existingApiKeyId)) {
    inputs.existingApiKeyId = checkObjectId("existingApiKeyId", bag.existingApiKeyId, failures);
  }
  if ("__provider" in bag) inputs.__provider = bag.__provider;
  return { inputs, failures };
}
