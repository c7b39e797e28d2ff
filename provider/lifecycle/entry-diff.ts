/**
 * `diff` for ApiKeyWhitelistEntry (design §3). The entry's identity is (orgId, apiKeyId,
 * canonical CIDR), so every real change replaces; `1.2.3.4` and `1.2.3.4/32` are the same entry.
 * A replacement that reuses the same address on the same key must delete first, or the
 * create-then-delete sequence would remove the entry it just (re)added (spec §2.3). Because the
 * resource class forces the `deleteBeforeReplace` option (it must cover `pulumi up --replace`,
 * which skips diff, and an unknown key or address in preview may turn out to be the same), the
 * engine deletes first for every entry replacement; diff answers `deleteBeforeReplace: true` for
 * every replacement too, so what it reports is what happens.
 */
import { canonicalAddress, canonicalCidr, singleAddressCidr } from "./addresses";
import type { DiffResultLike } from "./check-types";
import { containsUnknown, UNKNOWN } from "./sentinel";
import { asBag, isAbsent } from "./values";

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

/** diff(id, olds, news) for ApiKeyWhitelistEntry. */
export function diffWhitelistEntry(_id: string, olds: unknown, news: unknown): DiffResultLike {
  const old = asBag(olds);
  const next = asBag(news);
  const replaces: string[] = [];
  const sameOrUnknown = (property: string): "same" | "unknown" | "changed" => {
    const value = next[property];
    if (containsUnknown(value)) return "unknown";
    const a =
      typeof old[property] === "string" ? (old[property] as string).toLowerCase() : old[property];
    const b = typeof value === "string" ? value.toLowerCase() : value;
    return a === b ? "same" : "changed";
  };
  if (sameOrUnknown("orgId") !== "same") replaces.push("orgId");
  if (sameOrUnknown("apiKeyId") !== "same") replaces.push("apiKeyId");

  const cidr = declaredCidr(next);
  const address: "same" | "unknown" | "changed" =
    cidr === UNKNOWN ? "unknown" : cidr !== null && cidr === old.cidrBlock ? "same" : "changed";
  if (address !== "same") {
    // Name the property the program declares, so the CLI shows the right field.
    replaces.push(!isAbsent(next.cidrBlock) ? "cidrBlock" : "ipAddress");
  }
  const replacing = replaces.length > 0;
  return { changes: replacing, replaces, deleteBeforeReplace: replacing };
}
