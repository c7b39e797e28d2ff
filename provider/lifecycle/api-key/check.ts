/**
 * `check` for OrgApiKey: pure and offline. Normalizes roles (upper-case, deduped, sorted) and ids
 * (lower-case); reports failures by property; passes the unknown sentinel through.
 */
import { keepBookkeeping } from "../common/checked-inputs";
import { checkObjectId } from "../common/object-id";
import type { CheckedInputs, CheckFailure } from "../common/results";
import { isUnknown } from "../common/sentinel";
import { asBag, isAbsent, isObjectId, show } from "../common/values";
import { normalizeRoles } from "./roles";

/** Ops Manager's limit on a key's description, in UTF-16 code units (common/text.ts). */
export const MAX_DESCRIPTION_UNITS = 250;

function checkDescription(value: unknown, failures: CheckFailure[]): unknown {
  if (isUnknown(value)) return value;
  if (typeof value !== "string") {
    const got = isAbsent(value) ? "it is not set" : `got ${show(value)}`;
    failures.push({
      property: "description",
      reason: `description must be a string of 1 to ${MAX_DESCRIPTION_UNITS} characters; ${got}`,
    });
  } else if (value.trim() === "") {
    failures.push({
      property: "description",
      reason: "description must not be empty; describe what the key is for",
    });
  } else if (value.length > MAX_DESCRIPTION_UNITS) {
    // Ops Manager counts UTF-16 code units: an emoji counts twice.
    failures.push({
      property: "description",
      reason:
        `description is ${value.length} UTF-16 code units long (${[...value].length} characters); ` +
        `Ops Manager allows at most ${MAX_DESCRIPTION_UNITS} (characters outside the Basic Multilingual Plane, ` +
        "such as emoji, count twice): shorten it",
    });
  }
  return value;
}

function checkRotationTrigger(value: unknown, failures: CheckFailure[]): unknown {
  if (isUnknown(value) || typeof value === "string") return value;
  failures.push({
    property: "rotationTrigger",
    reason: `rotationTrigger must be a string (any value; changing it replaces the key); got ${show(value)}`,
  });
  return value;
}

/**
 * An adopted key cannot be rotated: its replacement would adopt the same key again. Changing
 * rotationTrigger while existingApiKeyId is set is refused, naming the way out.
 */
function checkAdoptedRotation(
  old: Record<string, unknown>,
  inputs: Record<string, unknown>,
  failures: CheckFailure[],
): void {
  const adopted = inputs.existingApiKeyId;
  if (!isObjectId(adopted)) return;
  if (!("orgId" in old)) return; // a create: nothing to rotate yet
  const before = old.rotationTrigger ?? null;
  const after = inputs.rotationTrigger ?? null;
  if (isUnknown(after) || before === after) return;
  failures.push({
    property: "rotationTrigger",
    reason:
      `rotationTrigger cannot rotate an adopted key: existingApiKeyId ${adopted} names an existing key, and a ` +
      "replacement would adopt that same key again. To get a new key, remove existingApiKeyId (the new key is " +
      "created first, then the adopted one is deleted); otherwise keep rotationTrigger unchanged",
  });
}

/** check(olds, news) for OrgApiKey; `olds` are the old inputs (`{}` on create). */
export function checkOrgApiKey(olds: unknown, news: unknown): CheckedInputs {
  const bag = asBag(news);
  const failures: CheckFailure[] = [];
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
  checkAdoptedRotation(asBag(olds), inputs, failures);
  keepBookkeeping(bag, inputs);
  return { inputs, failures };
}
