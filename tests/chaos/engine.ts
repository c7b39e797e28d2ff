/**
 * The engine's side of one chaos run: calls the lifecycle in-process with plain JSON, exactly the
 * methods and arguments the dynamic-provider host would pass, and records every call: faults
 * seen, retries, and the failure message with its clarity.
 *
 * - check goes through `dispatch` (it needs no configuration);
 * - diff is the LIVE diff (driftCheck `live`, the provider's default) with the run's context,
 *   called directly rather than through `dispatch`, which would resolve connection settings from
 *   configure()/the environment. Its plans are played as the engine plays them: a drifted key
 *   plans an update, a key deleted out of band a replacement (operations.ts `updateKey`);
 * - create/read/update/delete call the lifecycle functions with the run's context, whose list
 *   cache keeps nothing once settled (lifecycle-context.ts), as if each step were its own host.
 */
import type { Emulator } from "../../emulator";
import { createOrgApiKey } from "../../provider/lifecycle/api-key/create";
import { deleteOrgApiKey } from "../../provider/lifecycle/api-key/delete";
import { readOrgApiKey } from "../../provider/lifecycle/api-key/read";
import { updateOrgApiKey } from "../../provider/lifecycle/api-key/update";
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import { createWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/add-entry";
import { deleteWhitelistEntry, readWhitelistEntry, updateWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/read-update-delete";
import { diffOrgApiKey } from "../../provider/lifecycle/api-key/diff";
import { diffOf } from "../unit/lifecycle-runtime-support";
import { diffWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/diff";
import { dispatch } from "../../provider/lifecycle/index";
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
}

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
      const run = () => diffOf(ctx, kind, id, olds, news);
      const { value } = await recorded(`diff ${kind}`, target, run);
      return value === undefined
        ? undefined
        : { changes: value.changes, replaces: [...value.replaces] };
    },
    async create(kind, target, inputs) {
      const run = (): Promise<{ id: string; outs: unknown }> =>
        kind === "OrgApiKey" ? createOrgApiKey(ctx, inputs) : createWhitelistEntry(ctx, inputs);
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
      const run = (): Promise<{ props?: unknown }> =>
        kind === "OrgApiKey" ? readOrgApiKey(ctx, id, state) : readWhitelistEntry(ctx, id, state);
      const { value, error } = await recorded(`read ${kind}`, target, run);
      if (error !== undefined) return { ok: false };
      return { ok: true, props: (value as { props?: Bag }).props };
    },
    async update(kind, target, id, olds, news) {
      const run = (): Promise<{ outs: unknown }> =>
        kind === "OrgApiKey"
          ? updateOrgApiKey(ctx, id, olds, news)
          : updateWhitelistEntry(ctx, id, olds, news);
      const { value } = await recorded(`update ${kind}`, target, run);
      return value === undefined ? undefined : (value.outs as unknown as Bag);
    },
    async delete(kind, target, id, outs) {
      const run =
        kind === "OrgApiKey"
          ? () => deleteOrgApiKey(ctx, id, outs)
          : () => deleteWhitelistEntry(ctx, id, outs);
      const { error } = await recorded(`delete ${kind}`, target, run);
      return error === undefined;
    },
  };
}
