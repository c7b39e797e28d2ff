/**
 * What one operation (preview, up, refresh, destroy) did: the steps the CLI would display, every
 * provider call in order (for assertions on ordering), diagnostics and errors.
 */

export type StepOp = "create" | "update" | "replace" | "delete" | "same";

export interface StepRecord {
  readonly op: StepOp;
  /** `refresh` steps show drift found by Read; `deploy` steps come from the program or deletes. */
  readonly phase: "refresh" | "deploy";
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Property names that changed (inputs for deploy steps, outputs for refresh steps). */
  readonly keys: readonly string[];
  /** Property names that forced the replacement. */
  readonly replaceKeys: readonly string[];
  /** For replacements: true when the old resource was deleted first. */
  readonly deleteBeforeReplace?: boolean;
  /** A delete that is the old half of a replacement (the CLI's `--` delete-replaced row). */
  readonly replacement?: boolean;
  /** `planned` in preview. */
  readonly status: "planned" | "succeeded" | "failed";
  readonly error?: string;
  /** For failed steps: the provider call that failed (`Check`: the inputs were rejected, nothing was created). */
  readonly failedCall?: ProviderMethod;
}

export type ProviderMethod =
  "Configure" | "Check" | "Diff" | "Create" | "Read" | "Update" | "Delete";

export interface ProviderCall {
  readonly method: ProviderMethod;
  readonly urn: string;
  readonly id?: string;
}

export interface Diagnostic {
  readonly severity: "debug" | "info" | "warning" | "error";
  readonly message: string;
  readonly urn?: string;
  /** Where it came from: the engine (harness), the program, or the provider host. */
  readonly source: "engine" | "program" | "provider";
}

export class OperationLog {
  readonly steps: StepRecord[] = [];
  readonly calls: ProviderCall[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly errors: string[] = [];

  constructor(private readonly onEvent?: (event: StepRecord | Diagnostic) => void) {}

  step(record: StepRecord): void {
    this.steps.push(record);
    this.onEvent?.(record);
  }

  call(method: ProviderMethod, urn: string, id?: string): void {
    this.calls.push(id === undefined ? { method, urn } : { method, urn, id });
  }

  diagnostic(diag: Diagnostic): void {
    this.diagnostics.push(diag);
    this.onEvent?.(diag);
  }

  error(message: string, urn?: string): void {
    this.errors.push(message);
    this.diagnostic({ severity: "error", message, urn, source: "engine" });
  }
}
