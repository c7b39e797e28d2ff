/**
 * `check` for ApiKeyWhitelistEntry: exactly one of `ipAddress` or `cidrBlock`, each
 * canonicalized; ids lower-cased; the unknown sentinel passes through untouched.
 */
import { keepBookkeeping } from "../common/checked-inputs";
import { checkObjectId } from "../common/object-id";
import type { CheckedInputs, CheckFailure } from "../common/results";
import { isUnknown } from "../common/sentinel";
import { asBag, isAbsent, show } from "../common/values";
import { canonicalAddress, canonicalCidr } from "./addresses";

function checkAddressField(
  property: "ipAddress" | "cidrBlock",
  value: unknown,
  failures: CheckFailure[],
): unknown {
  if (isUnknown(value)) return value;
  if (typeof value !== "string") {
    const example = property === "ipAddress" ? "203.0.113.7" : "10.0.0.0/24";
    failures.push({
      property,
      reason: `${property} must be a string such as ${example}; got ${show(value)}`,
    });
    return value;
  }
  const parsed = property === "ipAddress" ? canonicalAddress(value) : canonicalCidr(value);
  if (parsed.ok) return parsed.value;
  failures.push({ property, reason: `${property}: ${parsed.reason}` });
  return value;
}

/** check(olds, news) for ApiKeyWhitelistEntry. */
export function checkWhitelistEntry(_olds: unknown, news: unknown): CheckedInputs {
  const bag = asBag(news);
  const failures: CheckFailure[] = [];
  const inputs: Record<string, unknown> = {};
  inputs.orgId = checkObjectId("orgId", bag.orgId, failures);
  inputs.apiKeyId = checkObjectId("apiKeyId", bag.apiKeyId, failures);
  const hasIp = !isAbsent(bag.ipAddress);
  const hasCidr = !isAbsent(bag.cidrBlock);
  if (hasIp && hasCidr) {
    if (!isUnknown(bag.ipAddress) && !isUnknown(bag.cidrBlock)) {
      const reason =
        "set exactly one of ipAddress (a single address) or cidrBlock (a network), not both";
      failures.push({ property: "ipAddress", reason }, { property: "cidrBlock", reason });
    }
    inputs.ipAddress = bag.ipAddress;
    inputs.cidrBlock = bag.cidrBlock;
  } else if (hasIp) {
    inputs.ipAddress = checkAddressField("ipAddress", bag.ipAddress, failures);
  } else if (hasCidr) {
    inputs.cidrBlock = checkAddressField("cidrBlock", bag.cidrBlock, failures);
  } else {
    failures.push({
      property: "ipAddress",
      reason: "set one of ipAddress (e.g. 203.0.113.7) or cidrBlock (e.g. 10.0.0.0/24)",
    });
  }
  keepBookkeeping(bag, inputs);
  return { inputs, failures };
}
