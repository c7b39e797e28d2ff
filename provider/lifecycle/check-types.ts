/**
 * Result shapes of the provider methods, structurally identical to `@pulumi/pulumi/dynamic`'s
 * (the lifecycle must load without @pulumi/pulumi, design §2 / brief).
 */

/** One check failure: the property and a reason a person can act on. */
export interface CheckFailureLike {
  readonly property: string;
  readonly reason: string;
}

/** check() result. */
export interface CheckResultLike {
  readonly inputs: Record<string, unknown>;
  readonly failures: CheckFailureLike[];
}

/** diff() result; `changes` is always explicit. */
export interface DiffResultLike {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** create() result. */
export interface CreateResultLike<O> {
  readonly id: string;
  readonly outs: O;
}

/** read() result: `{}` when gone. */
export interface ReadResultLike<O> {
  readonly id?: string;
  readonly props?: O;
  readonly inputs?: Record<string, unknown>;
}

/** update() result. */
export interface UpdateResultLike<O> {
  readonly outs: O;
}
