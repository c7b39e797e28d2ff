/**
 * The stored-state `diff` for ApiKeyWhitelistEntry. The entry's identity is (orgId, apiKeyId,
 * canonical CIDR), so every real change replaces; `1.2.3.4` and `1.2.3.4/32` are the same entry.
 *
 * Replacements create the new entry first, then delete the old one (deleteBeforeReplace false):
 * a delete-first replacement whose create fails would leave the key with an empty access list,
 * which Ops Manager treats as "any address". A replacement that lands on the same entry (e.g.
 * `pulumi up --replace`) keeps it: the ownership record stops the old half's delete
 * (common/ownership.ts). A user may still set the `deleteBeforeReplace` option.
 */
import type { PlannedDiff } from "../common/results";
import { containsUnknown, UNKNOWN } from "../common/sentinel";
import { asBag, isAbsent } from "../common/values";
import { canonicalAddress, canonicalCidr, singleAddressCidr } from "./addresses";

/** Canonical CIDR the declared inputs name, the sentinel if unknown, or null if unparsable/absent. */
export function declaredCidr(inputs: Record<string, unknown>): string | null {
  const { ipAddress, cidrBlock } = inputs;
  if (containsUnknown(ipAddress) || containsUnknown(cidrBlock)) return UNKNOWN;
  if (typeof ipAddress === "string") {
    const parsed = canonicalAddress(ipAddress);
    return parsed.ok ? singleAddressCidr(parsed.value) : null;
  }
  if (typeof cidrBlock === "string") {
    const parsed = canonicalCidr(cidrBlock);
    return parsed.ok ? parsed.value : null;
  }
  return null;
}

/** The address property the program declares, so the CLI shows the right field. */
export function declaredAddressProperty(inputs: Record<string, unknown>): string {
  return !isAbsent(inputs.cidrBlock) ? "cidrBlock" : "ipAddress";
}

/** diff(id, olds, news) for ApiKeyWhitelistEntry, against the stored outputs only. */
export function diffWhitelistEntry(_id: string, olds: unknown, news: unknown): PlannedDiff {
  const old = asBag(olds);
  const next = asBag(news);
  const replaces: string[] = [];
  const sameOrUnknown = (property: string): "same" | "unknown" | "changed" => {
    const value = next[property];
    if (containsUnknown(value)) return "unknown";
    const a = lowerCased(old[property]);
    const b = lowerCased(value);
    return a === b ? "same" : "changed";
  };
  if (sameOrUnknown("orgId") !== "same") replaces.push("orgId");
  if (sameOrUnknown("apiKeyId") !== "same") replaces.push("apiKeyId");

  const cidr = declaredCidr(next);
  if (cidr === UNKNOWN || cidr === null || cidr !== old.cidrBlock) {
    replaces.push(declaredAddressProperty(next));
  }
  return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
}

/** Ids compare case-insensitively. */
function lowerCased(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}
