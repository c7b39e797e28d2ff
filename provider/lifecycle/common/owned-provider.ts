/**
 * Wraps one kind's provider with the ownership rule (common/ownership.ts), so that every kind
 * follows it the same way: creates mint an owner token (`__owner`, an output) and claim the
 * object; updates, reads and unchanged diffs keep the token and claim; a delete of an object that
 * another resource of this deployment claimed leaves it alone and says so.
 */
import { PartialCreateError } from "./errors";
import type { OwnedKind } from "./ownership";
import type { ResourceProvider } from "./results";
import type { ProviderRuntime } from "../runtime";
import { asBag } from "./values";

/** The output that carries a resource's owner token. */
export const OWNER_OUTPUT = "__owner";

/** How a kind names its objects. */
export interface OwnedObjects {
  readonly kind: OwnedKind;
  /** e.g. "key", "entry", "assignment" in messages. */
  readonly noun: string;
  /** The resource type for messages, e.g. `OrgApiKey`. */
  readonly type: string;
  /** The object that stored outputs name, or null when they name none. */
  objectOf(outputs: Record<string, unknown>): string[] | null;
}

function tokenOf(outputs: unknown): string | null {
  const token = asBag(outputs)[OWNER_OUTPUT];
  return typeof token === "string" && token !== "" ? token : null;
}

/** `provider` with the ownership rule applied. */
export function withOwnership<I, O>(
  rt: ProviderRuntime,
  objects: OwnedObjects,
  provider: ResourceProvider<I, O>,
): ResourceProvider<I, O> {
  const claim = (outputs: unknown, token: string | null): void => {
    const object = objects.objectOf(asBag(outputs));
    if (object !== null) rt.ownership.claim(objects.kind, object, token);
  };
  const owned = <T>(outs: T, token: string | null): T =>
    token === null ? outs : { ...outs, [OWNER_OUTPUT]: token };
  return {
    ...provider,
    async create(inputs) {
      const token = rt.ownership.newToken();
      try {
        const created = await provider.create(inputs);
        claim(created.outs, token);
        return { ...created, outs: owned(created.outs, token) };
      } catch (e) {
        // A partial create is recorded in state: its object belongs to this resource too.
        if (e instanceof PartialCreateError) {
          e.properties[OWNER_OUTPUT] = token;
          claim(e.properties, token);
        }
        throw e;
      }
    },
    async diff(id, olds, news) {
      const planned = await provider.diff!(id, olds, news);
      // Still declared and not replaced away: no other resource may delete the object.
      if ((planned.replaces ?? []).length === 0) claim(olds, tokenOf(olds));
      return planned;
    },
    async read(id, props) {
      const read = await provider.read!(id, props);
      const token = tokenOf(props);
      return read.props === undefined ? read : { ...read, props: owned(read.props, token) };
    },
    async update(id, olds, news) {
      const token = tokenOf(olds) ?? rt.ownership.newToken();
      const updated = await provider.update!(id, olds, news);
      claim(updated.outs, token);
      return { ...updated, outs: owned(updated.outs, token) };
    },
    async delete(id, props) {
      const object = objects.objectOf(asBag(props));
      if (object !== null && rt.ownership.claimedByAnother(objects.kind, object, tokenOf(props))) {
        rt.warn(
          `${objects.type} ${id}: not deleted: another resource of this deployment manages the same ${objects.noun} ` +
            "(a replacement that landed on the same object, or a resource that adopted it).",
        );
        return;
      }
      await provider.delete!(id, props);
    },
  };
}
