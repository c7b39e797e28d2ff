/**
 * The serialized providers (design §2, brief decision 1): tiny object literals whose methods load
 * the implementation at call time from the installed package, resolved from the host's cwd (the
 * program directory). They capture nothing: no module-scope variables, no imports, no state, so
 * the `__provider` text stays a few hundred bytes and does not change when the implementation
 * does (no phantom updates, no stale read/delete code: spec pulumi-dynamic-provider.md §10.6).
 *
 * Rules for editing: keep every method a one-liner that references only `this`, its arguments
 * and a string literal; never make a shim the whole `module.exports` of a module (the serializer
 * would emit `require()` of this file instead of the object); `package.json` `exports` must keep
 * `./dist/*` (spec §10.4). A change here changes the text stored for every resource.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * Builds one resource kind's provider object. The methods reference nothing from this scope
 * (only `this`, their arguments and a string literal), so serializing the result captures only
 * `kind` as data; both shims share this one definition.
 */
function shimFor<K extends string>(kind: K) {
  return {
    kind,
    async configure(req: dynamic.ConfigureRequest) {
      const lifecycle = require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js");
      lifecycle.configure(this, req);
    },
    async check(olds: unknown, news: unknown) {
      const lifecycle = require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js");
      return lifecycle.dispatch(this, "check", [olds, news]);
    },
    async diff(id: string, olds: unknown, news: unknown) {
      const lifecycle = require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js");
      return lifecycle.dispatch(this, "diff", [id, olds, news]);
    },
    async create(inputs: unknown) {
      const lifecycle = require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js");
      return lifecycle.dispatch(this, "create", [inputs]);
    },
    async read(id: string, props: unknown) {
      const lifecycle = require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js");
      return lifecycle.dispatch(this, "read", [id, props]);
    },
    async update(id: string, olds: unknown, news: unknown) {
      const lifecycle = require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js");
      return lifecycle.dispatch(this, "update", [id, olds, news]);
    },
    async delete(id: string, props: unknown) {
      const lifecycle = require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js");
      return lifecycle.dispatch(this, "delete", [id, props]);
    },
  } satisfies dynamic.ResourceProvider & { readonly kind: K };
}

/** Provider object of `OrgApiKey`. */
export const orgApiKeyShim = shimFor("OrgApiKey");

/** Provider object of `ApiKeyWhitelistEntry` (same methods; the kind tells the lifecycle apart). */
export const whitelistEntryShim = shimFor("ApiKeyWhitelistEntry");
