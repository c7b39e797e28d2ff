/**
 * One engine run of a program: answers the program's registrations with provider
 * steps as they arrive (each after the steps of its dependencies), then, when the program has
 * exited successfully, deletes what the program no longer declares and the old halves of
 * create-before-delete replacements (`GenerateDeletes`, step_generator.go). Produces the new
 * snapshot. `--target` (+ `--target-dependents`): untargeted registrations keep their old state
 * without provider calls (`NewUntargetedSameStep`), untargeted new ones are not created
 * (`NewSkippedCreateStep`) and only targeted resources are deleted.
 */
import {
  MonitorShutDownError,
  type LogSeverity,
  type MonitorHandler,
  type RegisterAnswer,
} from "../program/monitor-server";
import type { Registration } from "../program/registration";
import {
  dependenciesOf,
  dependencyOrder,
  type ResourceState,
  type Snapshot,
} from "../state/snapshot";
import type { PropertyMap } from "../values/property-values";
import { runDeletes, deleteOne } from "./deletes";
import { isStepError, type EngineProvider } from "./engine-provider";
import type { OperationLog } from "./operation-log";
import { runResourceStep, type StepContext } from "./resource-step";
import { stateFromRegistration } from "./state-builder";
import { makeUrn } from "./urn";

export interface DeploymentOptions {
  readonly project: string;
  readonly stack: string;
  readonly dryRun: boolean;
  readonly provider: EngineProvider;
  readonly log: OperationLog;
  /** The state before this run (already refreshed for `--refresh`). */
  readonly old: Snapshot;
  /** The default `pulumi-nodejs` provider's state for this run. */
  readonly providerState: ResourceState;
  /** Called once, at the first failed step (the engine then cancels the program). */
  readonly onFailure?: () => void;
  /** `--target` URNs; undefined = every resource. */
  readonly targets?: ReadonlySet<string>;
  readonly targetDependents?: boolean;
  /** `--replace` URNs. */
  readonly replaceTargets?: ReadonlySet<string>;
}

export class Deployment implements MonitorHandler {
  private readonly oldLive = new Map<string, ResourceState>();
  private readonly pendingDeletes: ResourceState[] = [];
  private readonly news = new Map<string, ResourceState>();
  private readonly done = new Map<string, Promise<unknown>>();
  /** Deleted by a delete-before-replace in this run (their registration recreates them). */
  private readonly recreating = new Set<string>();
  /** URNs whose step has begun (they are past the point where a replaced root could affect them). */
  private readonly started = new Set<string>();
  /** `targetsActual`: the targets plus, with --target-dependents, dependents found so far. */
  private readonly targetsActual: Set<string> | undefined;
  private failed = false;
  /** An error that does not cancel the program (a refused replacement in preview). */
  private sawError = false;

  constructor(private readonly options: DeploymentOptions) {
    for (const r of options.old.resources) {
      if (r.delete) this.pendingDeletes.push(r);
      else if (r.urn !== options.providerState.urn) this.oldLive.set(r.urn, r);
    }
    this.targetsActual = options.targets ? new Set(options.targets) : undefined;
  }

  /** True once a step failed (the engine then skips deletes and reports failure). */
  get hasFailed(): boolean {
    return this.failed || this.sawError;
  }

  registerResource(reg: Registration): Promise<RegisterAnswer> {
    const { project, stack } = this.options;
    const urn = makeUrn(stack, project, reg.parent, reg.type, reg.name);
    // After a failed step the engine cancels the deployment: its monitor answers UNAVAILABLE.
    if (this.failed) return Promise.reject(new MonitorShutDownError());
    if (this.done.has(urn)) {
      return Promise.reject(
        new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`),
      );
    }
    const work = this.afterDependencies(reg).then(() => this.step(reg, urn));
    this.done.set(
      urn,
      work.catch(() => undefined),
    );
    return work;
  }

  registerResourceOutputs(urn: string, outputs: PropertyMap): void {
    const state = this.news.get(urn);
    if (state) this.news.set(urn, { ...state, outputs });
  }

  log(severity: LogSeverity, message: string, urn: string): void {
    // The CLI shows debug messages only with -v/--debug; the SDK's debug lines echo whole RPC
    // responses, secrets included, so they are not kept at all.
    if (severity === "debug") return;
    this.options.log.diagnostic({ severity, message, urn: urn || undefined, source: "program" });
  }

  /** Runs the deletes (unless the program or a step failed) and returns the new snapshot. */
  async finish(programSucceeded: boolean): Promise<Snapshot> {
    await Promise.all(this.done.values());
    const { dryRun, provider, log } = this.options;
    const unregistered = [...this.oldLive.values()].filter((r) => !this.news.has(r.urn));
    let remainingDeletes = this.pendingDeletes.map((r) => ({ ...r, delete: true }));
    let remainingUnregistered = unregistered;
    if (programSucceeded && !this.failed && !this.sawError) {
      const allowed = this.deletableUrns();
      // Unregistered components (no provider) simply leave the state; custom ones are deleted.
      const condemned = [...unregistered.filter((r) => r.custom), ...remainingDeletes].filter(
        (r) => allowed === undefined || allowed.has(r.urn),
      );
      const left = await runDeletes({ dryRun, provider, log }, condemned);
      if (!dryRun && left.length > 0) this.failed = true;
      const gone = (r: ResourceState): boolean => condemned.includes(r) && !left.includes(r);
      remainingDeletes = remainingDeletes.filter((r) => !gone(r));
      remainingUnregistered = unregistered.filter(
        (r) =>
          r.custom &&
          !gone(r) &&
          (allowed === undefined || !allowed.has(r.urn) || left.includes(r)),
      );
      // Untargeted, unregistered components stay too.
      if (allowed) remainingUnregistered.push(...unregistered.filter((r) => !r.custom));
    }
    return {
      resources: dependencyOrder([
        this.options.providerState,
        ...this.news.values(),
        ...remainingUnregistered,
        ...remainingDeletes,
      ]),
    };
  }

  /** With --target: the targets and (with --target-dependents) their dependents in the old state. */
  private deletableUrns(): Set<string> | undefined {
    const { targets, targetDependents, old } = this.options;
    if (!targets) return undefined;
    const allowed = new Set(targets);
    if (targetDependents) {
      for (const r of dependencyOrder(old.resources)) {
        if (dependenciesOf(r).some((d) => allowed.has(d))) allowed.add(r.urn);
      }
    }
    return allowed;
  }

  /** `isTargetedForUpdate`: explicitly targeted, or (--target-dependents) depending on a target. */
  private isTargeted(reg: Registration, urn: string): boolean {
    const actual = this.targetsActual;
    if (!actual || actual.has(urn)) return true;
    if (!this.options.targetDependents) return false;
    const deps = [
      ...reg.dependencies,
      ...Object.values(reg.propertyDependencies).flat(),
      ...(reg.parent ? [reg.parent] : []),
      ...(reg.deletedWith ? [reg.deletedWith] : []),
    ];
    if (!deps.some((d) => actual.has(d))) return false;
    actual.add(urn);
    return true;
  }

  private async afterDependencies(reg: Registration): Promise<void> {
    const deps = new Set([...reg.dependencies, ...Object.values(reg.propertyDependencies).flat()]);
    if (reg.parent) deps.add(reg.parent);
    await Promise.all([...deps].map((d) => this.done.get(d)));
  }

  private async step(reg: Registration, urn: string): Promise<RegisterAnswer> {
    const { log, providerState } = this.options;
    this.started.add(urn);
    if (!reg.custom) {
      // Components (the stack): no provider involved; outputs arrive via RegisterResourceOutputs.
      const old = this.oldLive.get(urn);
      this.logUnchangedStep(reg, urn, old ? "same" : "create");
      this.news.set(urn, stateFromRegistration(reg, urn, "", "", reg.inputs, old?.outputs ?? {}));
      return { urn, id: "", outputs: {} };
    }
    if (
      !reg.type.startsWith("pulumi-nodejs:dynamic") ||
      (reg.provider && !reg.provider.startsWith(providerState.urn))
    ) {
      const message = `${reg.type} resource '${reg.name}': the engine harness only runs Node dynamic resources on the default provider`;
      return this.fail(urn, new Error(message));
    }
    if (!this.isTargeted(reg, urn)) {
      const old = this.oldLive.get(urn);
      if (!old) return { urn, id: "", outputs: {} }; // NewSkippedCreateStep: not created
      this.logUnchangedStep(reg, urn, "same");
      this.news.set(urn, old);
      return { urn, id: old.id, outputs: old.outputs };
    }
    try {
      const outcome = await runResourceStep(this.stepContext(), reg, urn);
      this.recreating.delete(urn);
      this.news.set(urn, outcome.state);
      return { urn, id: outcome.id, outputs: outcome.outputs };
    } catch (e) {
      const op = this.oldLive.has(urn) ? "update" : "create";
      const error = (e as Error).message;
      log.step({
        ...this.deployStep(reg, urn, op),
        status: "failed",
        error,
        ...(isStepError(e) && e.method ? { failedCall: e.method } : {}),
      });
      if (isStepError(e) && e.partialState) this.news.set(urn, e.partialState);
      else if (this.oldLive.has(urn)) this.news.set(urn, this.oldLive.get(urn)!); // a failed step keeps the old state
      return this.fail(urn, e as Error);
    }
  }

  /** The log fields every deploy step of `reg` shares; no changed keys. */
  private deployStep(reg: Registration, urn: string, op: "same" | "create" | "update") {
    return {
      op,
      phase: "deploy" as const,
      urn,
      type: reg.type,
      name: reg.name,
      keys: [],
      replaceKeys: [],
    };
  }

  /** A step that calls no provider: the stack component, or an untargeted resource kept as is. */
  private logUnchangedStep(reg: Registration, urn: string, op: "same" | "create"): void {
    this.options.log.step({
      ...this.deployStep(reg, urn, op),
      status: this.options.dryRun ? "planned" : "succeeded",
    });
  }

  /** Records the failure and answers like the engine: `result: FAIL` (the program sees unknowns). */
  private fail(urn: string, e: Error): RegisterAnswer {
    if (!this.failed) this.options.onFailure?.();
    this.failed = true;
    this.options.log.error(e.message, urn);
    return { urn, id: this.oldLive.get(urn)?.id ?? "", outputs: {}, failed: true };
  }

  private stepContext(): StepContext {
    const { dryRun, provider, log, providerState } = this.options;
    return {
      dryRun,
      provider,
      log,
      providerRef: `${providerState.urn}::${providerState.id}`,
      oldOf: (urn) => this.oldLive.get(urn),
      dependentsOf: (urn) => {
        // Resources registered already cannot depend on the root (calculateDependentReplacements).
        const affected = new Set([urn]);
        const result: ResourceState[] = [];
        for (const r of dependencyOrder([...this.oldLive.values()])) {
          if (r.urn === urn || this.started.has(r.urn) || this.recreating.has(r.urn)) continue;
          if (dependenciesOf(r).some((d) => affected.has(d))) {
            affected.add(r.urn);
            result.push(r);
          }
        }
        return result;
      },
      deleteNow: async (state) => {
        if (this.recreating.has(state.urn)) return; // already deleted by another delete-before-replace
        await deleteOne({ dryRun, provider, log }, state, new Set(), true);
        this.recreating.add(state.urn);
        if (!dryRun && this.oldLive.get(state.urn) === state) {
          this.oldLive.set(state.urn, { ...state, pendingReplacement: true });
        }
      },
      deleteLater: (state) => {
        const { pendingReplacement: _, ...rest } = state;
        this.pendingDeletes.push({ ...rest, delete: true });
      },
      isReplaceTarget: (urn) => this.options.replaceTargets?.has(urn) ?? false,
      isRecreating: (urn) => this.recreating.has(urn),
      reportError: (message, urn) => {
        this.sawError = true;
        log.error(message, urn);
      },
    };
  }
}
