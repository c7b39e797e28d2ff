/**
 * `OrgApiKey`: an Ops Manager / Cloud Manager organization API key. Changing
 * `orgId`, `rotationTrigger` or `existingApiKeyId` replaces the key (new key first); changing
 * `description` or `roles` updates it in place.
 */
import * as pulumi from "@pulumi/pulumi";
import { ignoreChangesInput } from "./ignore-changes";
import { orgApiKeyShim } from "./shim";

/** Inputs of an `OrgApiKey`. */
export interface OrgApiKeyArgs {
  /** The organization's 24-hex id. Changing it replaces the key. */
  readonly orgId: pulumi.Input<string>;
  /**
   * What the key is for; 1–250 UTF-16 code units, as Ops Manager counts (an emoji counts twice).
   * Updated in place.
   */
  readonly description: pulumi.Input<string>;
  /**
   * Organization roles, an unordered set (case-insensitive): `ORG_OWNER`, `ORG_MEMBER`,
   * `ORG_GROUP_CREATOR`, `ORG_READ_ONLY`, `ORG_BILLING_ADMIN` (Cloud Manager only). Updated in
   * place. Project roles are managed by `ApiKeyProjectAssignment` and ignored here.
   */
  readonly roles: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Any string; changing it replaces the key with a new one (rotation: new key first, then the
   * old one is deleted). Not allowed to change on an adopted key (`existingApiKeyId`).
   */
  readonly rotationTrigger?: pulumi.Input<string>;
  /**
   * Adopt an existing key (24-hex id) instead of creating one: its description and roles are set
   * to the declared ones and destroy deletes it. Its private key cannot be recovered (`privateKey`
   * is `null`).
   */
  readonly existingApiKeyId?: pulumi.Input<string>;
}

/** An organization API key managed through the Ops Manager public API. */
export class OrgApiKey extends pulumi.dynamic.Resource {
  /** The key's 24-hex id (also the resource id). */
  declare public readonly apiKeyId: pulumi.Output<string>;
  /** The key's public part (the Digest user name). */
  declare public readonly publicKey: pulumi.Output<string>;
  /** The key's private part, a secret; `null` for an adopted key (Ops Manager shows it only at creation). */
  declare public readonly privateKey: pulumi.Output<string | null>;
  /** The organization that owns the key. */
  declare public readonly orgId: pulumi.Output<string>;
  /** The key's description. */
  declare public readonly description: pulumi.Output<string>;
  /** The key's organization roles, sorted. */
  declare public readonly roles: pulumi.Output<string[]>;
  /** The declared rotation trigger, `null` when unset. */
  declare public readonly rotationTrigger: pulumi.Output<string | null>;
  /** The adopted key's id, `null` when this resource created the key. */
  declare public readonly existingApiKeyId: pulumi.Output<string | null>;

  constructor(name: string, args: OrgApiKeyArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output is declared here, or the engine's values never reach the class
    // (pulumi/pulumi#2931). `__ignoreChanges` tells the live drift check what not to compare.
    const props = {
      orgId: args.orgId,
      description: args.description,
      roles: args.roles,
      rotationTrigger: args.rotationTrigger,
      existingApiKeyId: args.existingApiKeyId,
      apiKeyId: undefined,
      publicKey: undefined,
      privateKey: undefined,
      __ignoreChanges: ignoreChangesInput(opts),
    };
    // privateKey is not an input, so only additionalSecretOutputs keeps it secret.
    const options = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["privateKey"] });
    super(orgApiKeyShim, name, props, options, "opsmanager", "OrgApiKey");
  }
}
