/** Check of the 24-hex object ids every kind takes (`orgId`, `apiKeyId`, `projectId`). */
import type { CheckFailure } from "./results";
import { isUnknown } from "./sentinel";
import { isAbsent, isObjectId, show } from "./values";

/** Validates a 24-hex id; returns it lower-cased, or unchanged (with a failure) when invalid. */
export function checkObjectId(
  property: string,
  value: unknown,
  failures: CheckFailure[],
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
