/**
 * The engine's half of each provider call (provider_plugin.go): secrets are unwrapped before the
 * call (the host answers acceptSecrets=false) and re-marked on the answer (secret-rules.ts);
 * every call is recorded in the operation log. Errors carry the resource and what to do.
 */
import { isHostCallError, type DiffResult, type Host, type InitFailure } from "../host";
import { unwrapSecretMap, type PropertyMap } from "../values/property-values";
import { annotateSecrets, remarkSecrets } from "./secret-rules";
import type { ResourceState } from "../state/snapshot";
import type { OperationLog, ProviderMethod } from "./operation-log";
import { Limiter } from "./limiter";
import { urnName } from "./urn";

/** A failed step; `initFailure` is set when the provider reported a partial create/update. */
export class StepError extends Error {
  /** The state the engine records for a partial failure (set by the step that knows the inputs). */
  partialState?: ResourceState;
  constructor(
    message: string,
    readonly initFailure?: InitFailure,
    /** The provider call that failed (`Check` = the inputs were rejected), if any. */
    readonly method?: ProviderMethod,
  ) {
    super(message);
    this.name = "StepError";
  }
}

/** True for errors thrown by EngineProvider (no `instanceof` across module copies). */
export function isStepError(e: unknown): e is StepError {
  return e instanceof Error && e.name === "StepError";
}

export class EngineProvider {
  /** `host` may still be starting: the program is started at the same time (calls wait for it). */
  /** `limiter` bounds the resource operations (Create, Update, Read, Delete) like `--parallel`. */
  constructor(
    private readonly host: Promise<Host>,
    private readonly log: OperationLog,
    private readonly limiter: Limiter = new Limiter(),
  ) {}

  /** Check(olds = old INPUTS or {}, news); returns checked inputs with secrets re-marked from `news`. */
  async check(
    urn: string,
    type: string,
    olds: PropertyMap,
    news: PropertyMap,
  ): Promise<PropertyMap> {
    this.log.call("Check", urn);
    const result = await this.guard("Check", urn, async () =>
      (await this.host).check(urn, unwrapSecretMap(olds), unwrapSecretMap(news)),
    );
    if (result.failures.length > 0) {
      const problems = result.failures.map(
        (f) => `property ${f.property || "(resource)"} has a problem: ${f.reason}`,
      );
      throw new StepError(
        `${type} resource '${urnName(urn)}': ${problems.join("; ")}; fix the program's inputs`,
        undefined,
        "Check",
      );
    }
    return annotateSecrets(result.inputs, news);
  }

  /** Diff(id, olds = old OUTPUTS, news = checked inputs). */
  diff(
    urn: string,
    id: string,
    oldOutputs: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap,
  ): Promise<DiffResult> {
    this.log.call("Diff", urn, id);
    return this.guard("Diff", urn, async () =>
      (await this.host).diff(id, urn, unwrapSecretMap(oldOutputs), unwrapSecretMap(news), {
        oldInputs: unwrapSecretMap(oldInputs),
      }),
    );
  }

  /** Create(checked inputs); outputs re-marked (annotateSecrets + additionalSecretOutputs). */
  async create(
    urn: string,
    inputs: PropertyMap,
    secretOutputs: readonly string[],
  ): Promise<{ id: string; outputs: PropertyMap }> {
    const created = await this.limiter.run(() => {
      this.log.call("Create", urn);
      return this.guard("Create", urn, async () =>
        (await this.host).create(urn, unwrapSecretMap(inputs)),
      );
    });
    return { id: created.id, outputs: remarkSecrets(created.properties, inputs, secretOutputs) };
  }

  /** Update(id, olds = old OUTPUTS, news = checked inputs). */
  async update(
    urn: string,
    id: string,
    oldOutputs: PropertyMap,
    inputs: PropertyMap,
    oldInputs: PropertyMap,
    secretOutputs: readonly string[],
  ): Promise<PropertyMap> {
    const updated = await this.limiter.run(() => {
      this.log.call("Update", urn, id);
      return this.guard("Update", urn, async () =>
        (await this.host).update(id, urn, unwrapSecretMap(oldOutputs), unwrapSecretMap(inputs), {
          oldInputs: unwrapSecretMap(oldInputs),
        }),
      );
    });
    return remarkSecrets(updated.properties, inputs, secretOutputs);
  }

  /** Read(id, stored outputs, stored inputs); answers re-marked against the old state. */
  async read(
    urn: string,
    id: string,
    outputs: PropertyMap,
    inputs: PropertyMap,
    secretOutputs: readonly string[],
  ): Promise<{ id: string; outputs: PropertyMap; inputs?: PropertyMap }> {
    const read = await this.limiter.run(() => {
      this.log.call("Read", urn, id);
      return this.guard("Read", urn, async () =>
        (await this.host).read(id, urn, unwrapSecretMap(outputs), unwrapSecretMap(inputs)),
      );
    });
    const remarked = remarkSecrets(read.properties, { ...outputs, ...inputs }, secretOutputs);
    return {
      id: read.id,
      outputs: remarked,
      ...(read.inputs ? { inputs: annotateSecrets(read.inputs, inputs) } : {}),
    };
  }

  /** Delete(id, stored outputs). */
  async delete(urn: string, id: string, outputs: PropertyMap, inputs: PropertyMap): Promise<void> {
    await this.limiter.run(() => {
      this.log.call("Delete", urn, id);
      return this.guard("Delete", urn, async () =>
        (await this.host).delete(id, urn, unwrapSecretMap(outputs), {
          oldInputs: unwrapSecretMap(inputs),
        }),
      );
    });
  }

  private async guard<T>(method: ProviderMethod, urn: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (isHostCallError(e)) {
        const reasons = e.initFailed?.reasons.length ? e.initFailed.reasons.join("; ") : undefined;
        const message = e.initFailed ? (reasons ?? "resource init failed") : e.message;
        throw new StepError(
          `${method} of ${urnName(urn)} (${urn}) failed: ${message}`,
          e.initFailed,
          method,
        );
      }
      throw e;
    }
  }
}
