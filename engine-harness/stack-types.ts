/** The public types of openStack(): options, the stack handle and an operation's result. */
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
  /** `--refresh`: Read every resource first (spec §6). */
  readonly refresh?: boolean;
}

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
}

export interface Stack {
  readonly project: string;
  readonly stack: string;
  readonly stateFile: string;
  readonly configFile: string;
  preview(options?: OperationOptions): Promise<OperationResult>;
  up(options?: OperationOptions): Promise<OperationResult>;
  /** `pulumi refresh` (`preview: true` = `pulumi refresh --preview-only`). */
  refresh(options?: { preview?: boolean }): Promise<OperationResult>;
  /** `pulumi destroy` (`preview: true` = `pulumi destroy --preview-only`). */
  destroy(options?: { preview?: boolean }): Promise<OperationResult>;
  setConfig(key: string, value: ConfigInput): void;
  /** The current state, secrets decrypted (wire form). */
  snapshot(): Snapshot;
  /** The stack outputs from the state (wire form). */
  outputs(): PropertyMap;
}
