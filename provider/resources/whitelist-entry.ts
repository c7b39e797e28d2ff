/**
 * `ApiKeyWhitelistEntry`: one IP access-list ("whitelist") entry of an organization API key. The
 * entry's identity is the key plus the canonical CIDR: any change replaces it, new entry first,
 * so that a failed replacement never leaves the key with an empty access list (which Ops Manager
 * treats as "any address").
 */
import * as pulumi from "@pulumi/pulumi";
import { ignoreChangesInput } from "./ignore-changes";
import { whitelistEntryShim } from "./shim";

/** Inputs of an `ApiKeyWhitelistEntry`: set exactly one of `ipAddress` or `cidrBlock`. */
export interface ApiKeyWhitelistEntryArgs {
  /** The organization's 24-hex id. */
  readonly orgId: pulumi.Input<string>;
  /**
   * The key's 24-hex id: pass `someOrgApiKey.id` (known as soon as the key exists, so a key
   * update never makes the entry look replaced in a preview).
   */
  readonly apiKeyId: pulumi.Input<string>;
  /** A single IPv4 or IPv6 address, e.g. `203.0.113.7`. */
  readonly ipAddress?: pulumi.Input<string>;
  /** A network in CIDR notation with no host bits set, e.g. `10.0.0.0/24`. */
  readonly cidrBlock?: pulumi.Input<string>;
}

/** An IP access-list entry of an organization API key. */
export class ApiKeyWhitelistEntry extends pulumi.dynamic.Resource {
  /** The organization that owns the key. */
  declare public readonly orgId: pulumi.Output<string>;
  /** The key this entry belongs to. */
  declare public readonly apiKeyId: pulumi.Output<string>;
  /** The entry in canonical CIDR form (`a.b.c.d/32` or `x::y/128` for a single address). */
  declare public readonly cidrBlock: pulumi.Output<string>;
  /** The single address when declared with `ipAddress`, else `null`. */
  declare public readonly ipAddress: pulumi.Output<string | null>;
  /** When the entry was added (ISO-8601), `null` when Ops Manager omits it. */
  declare public readonly created: pulumi.Output<string | null>;
  /** Requests that came through this entry, `null` when Ops Manager omits it. */
  declare public readonly count: pulumi.Output<number | null>;
  /** Time of the last request through this entry (ISO-8601), `null` before the first one. */
  declare public readonly lastUsed: pulumi.Output<string | null>;
  /** Address of the last request through this entry, `null` before the first one. */
  declare public readonly lastUsedAddress: pulumi.Output<string | null>;

  constructor(name: string, args: ApiKeyWhitelistEntryArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      orgId: args.orgId,
      apiKeyId: args.apiKeyId,
      ipAddress: args.ipAddress,
      cidrBlock: args.cidrBlock,
      created: undefined,
      count: undefined,
      lastUsed: undefined,
      lastUsedAddress: undefined,
      __ignoreChanges: ignoreChangesInput(opts),
    };
    super(whitelistEntryShim, name, props, opts, "opsmanager", "ApiKeyWhitelistEntry");
  }
}
