/**
 * The engine's side of one chaos run: calls the lifecycle in-process with plain JSON, exactly the
 * methods and arguments the dynamic-provider host would pass, and records every call: faults
 * seen, retries, and the failure message with its clarity.
 *
 * - check goes through `dispatch` (it needs no configuration);
 * - diff, create, read, update and delete call each kind's typed provider (what `dispatch`
 *   runs, ownership rule included) on a runtime around the run's context (runtime.ts) rather
 *   than through `dispatch`, which would resolve connection settings from configure()/the
 *   environment. diff is the LIVE diff (driftCheck `live`, the default); its plans are played as
 *   the engine plays them: a drifted key plans an update, a key deleted out of band a
 *   replacement (operations.ts `updateKey`). The context's list cache keeps nothing once
 *   settled (lifecycle-context.ts) and `newDeployment` starts a fresh ownership record, as if
 *   each step were its own deployment in its own host.
 */
import type { Emulator } from "../../emulator";
import { orgApiKeyProvider } from "../../provider/lifecycle/api-key/provider";
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import { OwnershipRecord } from "../../provider/lifecycle/common/ownership";
import type { ResourceProvider } from "../../provider/lifecycle/common/results";
import { dispatch } from "../../provider/lifecycle/index";
import { projectAssignmentProvider } from "../../provider/lifecycle/project-assignment/provider";
import { whitelistEntryProvider } from "../../provider/lifecycle/whitelist-entry/provider";
import { chaosRuntime } from "./runtime";
import { unclearParts } from "./clarity";
import type { OpRecord, ResourceKind } from "./model";

type Bag = Record<string, unknown>;

/** A create result: done, partial (recorded by the engine, with an error), or nothing. */
export type CreateOutcome =
  | { readonly kind: "created"; readonly id: string; readonly outs: Bag }
  | { readonly kind: "partial"; readonly id: string; readonly outs: Bag }
  | { readonly kind: "failed" };

export interface ChaosEngine {
  readonly emulator: Emulator;
  readonly ops: OpRecord[];
  /** Everything the user would see: error messages, partial-create reasons, warnings. */
  readonly texts: string[];
  /** Private keys issued to this run plus the managing credential. */
  readonly secrets: Set<string>;
  readonly providers: Readonly<Record<ResourceKind, string>>;
  check(kind: ResourceKind, news: Bag): Promise<Bag>;
  /** The live diff (driftCheck `live`, the default); undefined when it failed (the engine stops). */
  diff(
    kind: ResourceKind,
    target: string,
    id: string,
    olds: Bag,
    news: Bag,
  ): Promise<{ changes: boolean; replaces: string[] } | undefined>;
  create(kind: ResourceKind, target: string, inputs: Bag): Promise<CreateOutcome>;
  read(
    kind: ResourceKind,
    target: string,
    id: string,
    outs: Bag,
  ): Promise<{ ok: boolean; props?: Bag }>;
  update(
    kind: ResourceKind,
    target: string,
    id: string,
    olds: Bag,
    news: Bag,
  ): Promise<Bag | undefined>;
  delete(kind: ResourceKind, target: string, id: string, outs: Bag): Promise<boolean>;
  /** Starts the next deployment (a fresh host process: nothing claimed carries over). */
  newDeployment(): void;
}

type AnyProvider = ResourceProvider<Bag, Bag>;

function faultTotal(emulator: Emulator): number {
  return Object.values(emulator.faultCounts()).reduce((a, b) => a + b, 0);
}

/** Makes the engine for one run. `warnings` is the array the context's `warn` fills. */
export function chaosEngine(
  emulator: Emulator,
  ctx: LifecycleContext,
  warnings: string[],
  providers: Readonly<Record<ResourceKind, string>>,
): ChaosEngine {
  const ops: OpRecord[] = [];
  const texts: string[] = [];
  const secrets = new Set<string>([emulator.privateKey]);
  const shim = (kind: ResourceKind) => ({ kind });
  let ownership = new OwnershipRecord();
  const providerOf = (kind: ResourceKind): AnyProvider => {
    const rt = chaosRuntime(ctx, ownership);
    const typed =
      kind === "OrgApiKey"
        ? orgApiKeyProvider(rt)
        : kind === "ApiKeyWhitelistEntry"
          ? whitelistEntryProvider(rt)
          : projectAssignmentProvider(rt);
    return typed as unknown as AnyProvider;
  };

  async function recorded<T>(
    op: string,
    target: string,
    work: () => Promise<T>,
  ): Promise<{ value?: T; error?: unknown }> {
    const faults = faultTotal(emulator);
    const retries = ctx.client.stats().retries;
    const warned = warnings.length;
    let value: T | undefined;
    let error: unknown;
    try {
      value = await work();
    } catch (e) {
      error = e;
    }
    texts.push(...warnings.slice(warned));
    const base = {
      op,
      target,
      faults: faultTotal(emulator) - faults,
      retries: ctx.client.stats().retries - retries,
    };
    if (error === undefined) {
      ops.push({ ...base, ok: true });
      return { value };
    }
    const reasons = (error as { reasons?: unknown }).reasons;
    const message = error instanceof Error ? error.message : String(error);
    texts.push(message, ...(Array.isArray(reasons) ? reasons.map(String) : []));
    ops.push({ ...base, ok: false, message, unclear: unclearParts(message, [...secrets]) });
    return { error };
  }

  const noteSecret = (outs: Bag): void => {
    if (typeof outs.privateKey === "string") secrets.add(outs.privateKey);
  };

  return {
    emulator,
    ops,
    texts,
    secrets,
    providers,
    async check(kind, news) {
      const r = (await dispatch(shim(kind), "check", [
        {},
        { ...news, __provider: providers[kind] },
      ])) as {
        inputs: Bag;
        failures: unknown[];
      };
      if (r.failures.length > 0)
        throw new Error(
          `chaos generator made invalid ${kind} inputs: ${JSON.stringify(r.failures)}`,
        );
      return r.inputs;
    },
    async diff(kind, target, id, olds, news) {
      const run = async () => providerOf(kind).diff!(id, olds, news);
      const { value } = await recorded(`diff ${kind}`, target, run);
      return value === undefined
        ? undefined
        : { changes: value.changes === true, replaces: [...(value.replaces ?? [])] };
    },
    async create(kind, target, inputs) {
      const run = () => providerOf(kind).create(inputs);
      const { value, error } = await recorded(`create ${kind}`, target, run);
      if (value !== undefined) {
        noteSecret(value.outs as unknown as Bag);
        return { kind: "created", id: value.id, outs: value.outs as unknown as Bag };
      }
      const partial = error as { id?: unknown; properties?: unknown };
      if (
        typeof partial?.id === "string" &&
        typeof partial.properties === "object" &&
        partial.properties !== null
      ) {
        const { __provider: _provider, ...outs } = partial.properties as Bag;
        noteSecret(outs);
        return { kind: "partial", id: partial.id, outs };
      }
      return { kind: "failed" };
    },
    async read(kind, target, id, outs) {
      const state = { ...outs, __provider: providers[kind] };
      const run = () => providerOf(kind).read!(id, state);
      const { value, error } = await recorded(`read ${kind}`, target, run);
      if (error !== undefined) return { ok: false };
      return { ok: true, props: (value as { props?: Bag }).props };
    },
    async update(kind, target, id, olds, news) {
      const run = () => providerOf(kind).update!(id, olds, news);
      const { value } = await recorded(`update ${kind}`, target, run);
      return value === undefined ? undefined : (value.outs as unknown as Bag);
    },
    async delete(kind, target, id, outs) {
      const run = () => providerOf(kind).delete!(id, outs);
      const { error } = await recorded(`delete ${kind}`, target, run);
      return error === undefined;
    },
    newDeployment() {
      ownership = new OwnershipRecord();
    },
  };
}
