/** The public types of openStack(): options, the stack handle and an operation's result. */
import type { OperationCounts } from "./deploy/operation-counts";
import type { Diagnostic, ProviderCall, StepRecord } from "./deploy/operation-log";
import type { OperationKind } from "./display/summary";
import type { Snapshot } from "./state/snapshot";
import type { ConfigInput } from "./state/stack-config";
import type { PropertyMap } from "./values/property-values";

export interface StackOptions {
  /** Directory the program and the provider host run in (the package must resolve from it). */
  readonly programDir: string;
  /** Compiled entry point relative to programDir (default `index.js`). */
  readonly program?: string;
  /** Default: `name:` of programDir/Pulumi.yaml, else `project`. */
  readonly project?: string;
  readonly stack?: string;
  readonly stateFile: string;
  /** Default: `Pulumi.<stack>.config.json` next to the state file. */
  readonly configFile?: string;
  /** Values set (like `pulumi config set`) when the stack is opened; bare keys get the project namespace. */
  readonly config?: Readonly<Record<string, ConfigInput>>;
  /** Default: PULUMI_CONFIG_PASSPHRASE, else the harness's test passphrase. */
  readonly passphrase?: string;
  /** Extra environment of the program and the host (the plugin inherits the CLI's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Live progress: every step and diagnostic as it happens. */
  readonly onEvent?: (event: StepRecord | Diagnostic) => void;
}

export interface OperationOptions {
  /** `--refresh`: Read every resource first, with the provider configured from state. */
  readonly refresh?: boolean;
  /** `--replace URN` (repeatable): replaced without a Diff; delete-first only by the resource option. */
  readonly replace?: readonly string[];
  /** `--target URN` (repeatable): only these resources are created, updated, deleted or refreshed. */
  readonly target?: readonly string[];
  /** `--target-dependents`: the targets' dependents are targeted too. */
  readonly targetDependents?: boolean;
  /** `up --skip-preview`: no preview pass before the update pass. */
  readonly skipPreview?: boolean;
  /**
   * `refresh`/`destroy --run-program`: the provider gets the current stack configuration instead
   * of the one recorded in state at the last update (the program itself is not run).
   */
  readonly runProgram?: boolean;
  /** `--parallel N`: at most N resource operations (Create/Update/Delete/Read) at once. */
  readonly parallel?: number;
}

/** refresh/destroy options: `preview: true` = `--preview-only`. */
export type StateOperationOptions = OperationOptions & { readonly preview?: boolean };

export interface OperationResult {
  readonly kind: OperationKind;
  readonly dryRun: boolean;
  readonly ok: boolean;
  readonly steps: readonly StepRecord[];
  /** Stack outputs in wire form (secrets wrapped, unknowns as the sentinel). */
  readonly outputs: PropertyMap;
  readonly diagnostics: readonly Diagnostic[];
  readonly calls: readonly ProviderCall[];
  readonly errors: readonly string[];
  /** The CLI-like summary text. */
  readonly summary: string;
  /** Everything the provider host printed (stdout after the port line, stderr). */
  readonly hostOutput: string;
  /** Steps that are not `same` (what `--expect-no-changes` fails on); replacement deletes count with their replace. */
  readonly changes: number;
  /** Per-operation counts as the CLI's summary shows them (see deploy/operation-counts.ts for the keys). */
  readonly counts: OperationCounts;
  /** `up` without skipPreview: the steps of the preview pass that ran first (in its own host). */
  readonly previewSteps?: readonly StepRecord[];
  /** `up` without skipPreview: the whole preview pass. */
  readonly preview?: OperationResult;
}

export interface Stack {
  readonly project: string;
  readonly stack: string;
  readonly stateFile: string;
  readonly configFile: string;
  preview(options?: OperationOptions): Promise<OperationResult>;
  /**
   * `pulumi up`: a preview pass, then (if it succeeded) the update pass, each with its own
   * provider host; `skipPreview` runs the update pass only. The result is the update pass's;
   * when the preview pass fails, the update pass does not run and the result is the preview
   * pass's (`dryRun: true`, `ok: false`).
   */
  up(options?: OperationOptions): Promise<OperationResult>;
  /** `pulumi refresh` (`preview: true` = `pulumi refresh --preview-only`). */
  refresh(options?: StateOperationOptions): Promise<OperationResult>;
  /** `pulumi destroy` (`preview: true` = `pulumi destroy --preview-only`). */
  destroy(options?: StateOperationOptions): Promise<OperationResult>;
  setConfig(key: string, value: ConfigInput): void;
  /** The current state, secrets decrypted (wire form). */
  snapshot(): Snapshot;
  /** The stack outputs from the state (wire form). */
  outputs(): PropertyMap;
}
