/**
 * Entry point the serialized provider loads at call time (docs/ARCHITECTURE.md, "The thin
 * shim"): `configure(provider, req)` and `dispatch(provider, method, args)`. `provider` is the
 * deserialized shim object (`this` inside its methods); its `kind` says which resource kind it
 * serves. Stacks keep the provider text of the version that created them, so this contract stays
 * stable across versions. This module and everything it loads never import @pulumi/pulumi at run
 * time and are never serialized.
 */
import type { ResourceProvider } from "./common/results";
import { processRuntime, type ConfigureRequestLike, type ProviderRuntime } from "./runtime";
import type { ResourceKind } from "./types";

export { UNKNOWN } from "./common/sentinel";
export type { ResourceKind } from "./types";
export type { ConfigureRequestLike } from "./runtime";

/**
 * A kind's provider as the host calls it: plain JSON in, plain JSON out. Each kind validates its
 * inputs in check and again before any write, so the typed providers are widened only here.
 */
type HostFacingProvider = ResourceProvider<Record<string, unknown>, Record<string, unknown>>;

/** The provider of each resource kind; each module loads on first use. */
const PROVIDERS: { readonly [K in ResourceKind]: (rt: ProviderRuntime) => HostFacingProvider } = {
  OrgApiKey: (rt) =>
    hostFacing(
      (require("./api-key/provider") as typeof import("./api-key/provider")).orgApiKeyProvider(rt),
    ),
  ApiKeyWhitelistEntry: (rt) =>
    hostFacing(
      (
        require("./whitelist-entry/provider") as typeof import("./whitelist-entry/provider")
      ).whitelistEntryProvider(rt),
    ),
  ApiKeyProjectAssignment: (rt) =>
    hostFacing(
      (
        require("./project-assignment/provider") as typeof import("./project-assignment/provider")
      ).projectAssignmentProvider(rt),
    ),
};

function hostFacing<I, O>(provider: ResourceProvider<I, O>): HostFacingProvider {
  return provider as unknown as HostFacingProvider;
}

/** Stores this provider object's `opsmanager:*` stack config (once per provider text per process). */
export function configure(provider: unknown, req: ConfigureRequestLike | undefined): void {
  processRuntime.configure(provider, req);
}

/** The lifecycle methods the shim forwards. */
export type Method = "check" | "diff" | "create" | "read" | "update" | "delete";
const METHODS: readonly string[] = ["check", "diff", "create", "read", "update", "delete"];

function kindOf(provider: unknown): ResourceKind {
  const kind = (provider as { kind?: unknown } | null)?.kind;
  if (typeof kind === "string" && Object.hasOwn(PROVIDERS, kind)) return kind as ResourceKind;
  throw new Error(
    `pulumi-opsmanager-apikeys: unknown resource kind ${JSON.stringify(kind)} in the serialized provider; ` +
      "upgrade the pulumi-opsmanager-apikeys package in the program directory.",
  );
}

/** Runs one lifecycle method for the shim's resource kind. `args` are the host's plain values. */
export async function dispatch(
  provider: unknown,
  method: Method,
  args: unknown[],
): Promise<unknown> {
  const kind = kindOf(provider);
  if (!METHODS.includes(method))
    throw new Error(`pulumi-opsmanager-apikeys: unknown provider method ${String(method)}.`);
  const impl = PROVIDERS[kind](processRuntime.forProvider(provider));
  const [a, b, c] = Array.isArray(args) ? args : [];
  const bag = (v: unknown): Record<string, unknown> =>
    v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {};
  switch (method) {
    case "check":
      return impl.check?.(bag(a), bag(b));
    case "diff":
      return impl.diff?.(String(a), bag(b), bag(c));
    case "create":
      return impl.create(bag(a));
    case "read":
      return impl.read?.(String(a), bag(b));
    case "update":
      return impl.update?.(String(a), bag(b), bag(c));
    case "delete":
      return impl.delete?.(String(a), bag(b));
  }
}
