/**
 * Result and option types of the typed host calls (`client.ts`), mirroring the gRPC responses
 * of `proto/pulumi/provider.proto` as the Node dynamic-provider host fills them.
 */
import type { PropertyMap } from "./wire";

/** Configure's answer. */
export interface ConfigureResult {
  readonly acceptSecrets: boolean;
  readonly supportsPreview: boolean;
  readonly acceptResources: boolean;
  readonly acceptOutputs: boolean;
}

export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

export interface CheckResult {
  readonly inputs: PropertyMap;
  readonly failures: readonly CheckFailure[];
}

export type DiffChanges = "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";

export interface DiffResult {
  readonly changes: DiffChanges;
  readonly replaces: readonly string[];
  readonly stables: readonly string[];
  readonly deleteBeforeReplace: boolean;
  readonly diffs: readonly string[];
  readonly hasDetailedDiff: boolean;
}

export interface CreateResult {
  readonly id: string;
  readonly properties: PropertyMap;
}

export interface ReadResult {
  readonly id: string;
  readonly properties: PropertyMap;
  /** Present only when the provider's `read` returned `inputs` (SDK ≥ 3.216). */
  readonly inputs?: PropertyMap;
}

export interface UpdateResult {
  readonly properties: PropertyMap;
}

/** Engine fields the caller may add; `oldInputs` mirrors `DiffRequest.old_inputs` etc. */
export interface CallExtras {
  readonly oldInputs?: PropertyMap;
  readonly preview?: boolean;
  readonly timeoutSeconds?: number;
}
