/**
 * `ApiKeyProjectAssignment`: an organization API key's roles in one project. An organization key
 * with ORG_READ_ONLY or ORG_MEMBER can do nothing inside a project until it is assigned there;
 * this declares "key X may deploy project Y" next to the key. Changing `roles` updates in place;
 * changing `projectId` or `apiKeyId` replaces the assignment, new assignment first (a rotated key
 * gets its project roles before the old key is deleted).
 */
import * as pulumi from "@pulumi/pulumi";
import { ignoreChangesInput } from "./ignore-changes";
import { projectAssignmentShim } from "./shim";

/** Inputs of an `ApiKeyProjectAssignment`. */
export interface ApiKeyProjectAssignmentArgs {
  /** The project's (group's) 24-hex id. Changing it replaces the assignment. */
  readonly projectId: pulumi.Input<string>;
  /** The organization key's 24-hex id: pass `someOrgApiKey.id`. Changing it replaces the assignment. */
  readonly apiKeyId: pulumi.Input<string>;
  /**
   * Project roles, a non-empty unordered set (case-insensitive): `GROUP_OWNER`,
   * `GROUP_READ_ONLY`, `GROUP_AUTOMATION_ADMIN`, `GROUP_BACKUP_ADMIN`, `GROUP_MONITORING_ADMIN`,
   * `GROUP_USER_ADMIN`, `GROUP_DATA_ACCESS_ADMIN`, `GROUP_DATA_ACCESS_READ_WRITE`,
   * `GROUP_DATA_ACCESS_READ_ONLY`. Updated in place.
   */
  readonly roles: pulumi.Input<pulumi.Input<string>[]>;
}

/** An organization API key assigned to a project with project roles. */
export class ApiKeyProjectAssignment extends pulumi.dynamic.Resource {
  /** The project the key is assigned to. */
  declare public readonly projectId: pulumi.Output<string>;
  /** The assigned organization API key. */
  declare public readonly apiKeyId: pulumi.Output<string>;
  /** The key's roles in the project, sorted. */
  declare public readonly roles: pulumi.Output<string[]>;
  /** The key's public part. */
  declare public readonly publicKey: pulumi.Output<string>;

  constructor(
    name: string,
    args: ApiKeyProjectAssignmentArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    const props = {
      projectId: args.projectId,
      apiKeyId: args.apiKeyId,
      roles: args.roles,
      publicKey: undefined,
      __ignoreChanges: ignoreChangesInput(opts),
    };
    super(projectAssignmentShim, name, props, opts, "opsmanager", "ApiKeyProjectAssignment");
  }
}
