/** Shared inputs and assertions of the check tests (tables and properties). */
import { expect } from "chai";
import { TEST_ORG_ID } from "../support/ids";

export const ORG = TEST_ORG_ID;
export const KEY = "60a1b2c3d4e5f60718293a4c";
export const PROVIDER = "exports.handler = __f0; /* serialized provider */";

/** Valid OrgApiKey inputs, with overrides. */
export function key(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgId: ORG,
    description: "ci key",
    roles: ["ORG_MEMBER"],
    __provider: PROVIDER,
    ...overrides,
  };
}

/** Valid ApiKeyWhitelistEntry inputs, with overrides. */
export function entry(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orgId: ORG,
    apiKeyId: KEY,
    ipAddress: "203.0.113.7",
    __provider: PROVIDER,
    ...overrides,
  };
}

/** The reason of the failure for `property`; fails the test when there is none. */
export function failureFor(
  result: { failures: { property: string; reason: string }[] },
  property: string,
): string {
  const found = result.failures.find((f) => f.property === property);
  expect(
    found,
    `expected a failure for ${property}, got ${JSON.stringify(result.failures)}`,
  ).to.not.equal(undefined);
  return (found as { reason: string }).reason;
}
