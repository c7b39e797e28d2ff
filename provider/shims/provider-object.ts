/**
 * The provider object every resource kind hands to `pulumi.dynamic.Resource`: a `kind` and the
 * seven provider methods, each forwarding to the lifecycle entry point
 * (`configure(provider, req)`, `dispatch(provider, method, args)`). The lifecycle loads at call
 * time, so constructing resources in the program process never loads got or the client.
 *
 * Each kind's object is the whole `module.exports` of its own module (org-api-key.ts,
 * whitelist-entry.ts, project-assignment.ts): the SDK's closure serializer then stores only
 * `require("pulumi-opsmanager-apikeys/dist/provider/shims/<kind>.js")` as `__provider`, and
 * never these methods (docs/PERFORMANCE.md, "The provider text").
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The lifecycle entry point's two functions the provider object forwards to. */
interface LifecycleEntry {
  configure(provider: unknown, req: unknown): void;
  dispatch(provider: unknown, method: string, args: unknown[]): Promise<never>;
}

function lifecycle(): LifecycleEntry {
  return require("../lifecycle/index") as LifecycleEntry;
}

/** A resource kind's provider object. */
export type ProviderObject<K extends string> = dynamic.ResourceProvider & { readonly kind: K };

/** Builds the provider object of one resource kind. */
export function providerObject<K extends string>(kind: K): ProviderObject<K> {
  return {
    kind,
    configure(req: dynamic.ConfigureRequest) {
      lifecycle().configure(this, req);
      return Promise.resolve();
    },
    async check(olds: unknown, news: unknown) {
      return lifecycle().dispatch(this, "check", [olds, news]);
    },
    async diff(id: string, olds: unknown, news: unknown) {
      return lifecycle().dispatch(this, "diff", [id, olds, news]);
    },
    async create(inputs: unknown) {
      return lifecycle().dispatch(this, "create", [inputs]);
    },
    async read(id: string, props: unknown) {
      return lifecycle().dispatch(this, "read", [id, props]);
    },
    async update(id: string, olds: unknown, news: unknown) {
      return lifecycle().dispatch(this, "update", [id, olds, news]);
    },
    async delete(id: string, props: unknown) {
      return lifecycle().dispatch(this, "delete", [id, props]);
    },
  };
}
