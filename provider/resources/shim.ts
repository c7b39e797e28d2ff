/**
 * The provider objects the resource classes hand to `pulumi.dynamic.Resource`. Each is the whole
 * `module.exports` of its module under provider/shims/, so the SDK's closure serializer stores a
 * bare `require("pulumi-opsmanager-apikeys/dist/provider/shims/<kind>.js")` as `__provider`
 * (about 300 bytes): no code, no version, no config, no environment (docs/PERFORMANCE.md, "The
 * provider text").
 *
 * The serializer (github.com/pulumi/pulumi sdk/nodejs/runtime/closure/createClosure.ts,
 * `findNormalizedModuleNameAsync` and `captureModuleAsync`) finds the object in `require.cache`
 * and takes its file path relative to the process's cwd (the program directory): only a path
 * through a `node_modules` directory becomes a `require` of the package path; any other path is
 * a "local module" and is serialized as code. In a linked checkout (`npm link`, a `file:`
 * dependency, scripts/link-self.js), `node_modules/pulumi-opsmanager-apikeys` is a symlink and
 * Node caches modules under their real path, outside any `node_modules`. Then the object is also
 * registered under its path through the program's `node_modules` link, so the text is the same
 * as for an installed package; when no such link exists, constructing a resource fails with what
 * to do instead of silently storing code.
 *
 * The three exports are getters resolved on first use (constructing the first resource of the
 * kind), because the program's cwd decides the answer and importing the package must not fail.
 */
import * as fs from "node:fs";
import Module from "node:module";
import * as path from "node:path";
import type { ProviderObject } from "../shims/provider-object";

/** The package name old and new `__provider` texts require. */
export const PACKAGE_NAME = "pulumi-opsmanager-apikeys";

/** Provider object of `OrgApiKey`. */
export declare const orgApiKeyShim: ProviderObject<"OrgApiKey">;
/** Provider object of `ApiKeyWhitelistEntry` (same methods; the kind tells the lifecycle apart). */
export declare const whitelistEntryShim: ProviderObject<"ApiKeyWhitelistEntry">;
/** Provider object of `ApiKeyProjectAssignment`. */
export declare const projectAssignmentShim: ProviderObject<"ApiKeyProjectAssignment">;

const SHIM_FILES = {
  orgApiKeyShim: "org-api-key",
  whitelistEntryShim: "whitelist-entry",
  projectAssignmentShim: "project-assignment",
} as const;

const resolved = new Map<string, object>();
for (const [exportName, file] of Object.entries(SHIM_FILES)) {
  Object.defineProperty(exports, exportName, {
    enumerable: true,
    get: () => {
      let found = resolved.get(file);
      if (!found) {
        found = serializableProviderObject(file, process.cwd());
        resolved.set(file, found);
      }
      return found;
    },
  });
}

type ModuleStatics = typeof Module & { _nodeModulePaths(from: string): string[] };

/**
 * The module the SDK serializer would `require` for a file cached at `filename`, with the
 * process in `cwd`: the path after its first `node_modules` segment, or `undefined` for a
 * "local module" it would serialize as code.
 */
export function serializerModuleName(filename: string, cwd: string): string | undefined {
  const parts = path.relative(cwd, filename).split(path.sep);
  const at = parts.indexOf("node_modules");
  return at < 0 ? undefined : parts.slice(at + 1).join("/");
}

/** The directory of this package's package.json (dist/provider/resources -> root). */
function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const { name } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string };
      if (name === PACKAGE_NAME) return dir;
    }
    const up = path.dirname(dir);
    if (up === dir)
      throw new Error(`${PACKAGE_NAME}: no package.json of the package above ${__dirname}`);
    dir = up;
  }
}

/**
 * The provider object of `file` (a module under provider/shims/) whose serialized text is a
 * `require` of `<package>/<path in package>`, registering it under the program's `node_modules`
 * link when the package is a linked checkout.
 */
export function serializableProviderObject(file: string, cwd: string): object {
  const filename = require.resolve(`../shims/${file}`);
  const object = require(filename) as object;
  const root = fs.realpathSync(packageRoot());
  const inPackage = path.relative(root, fs.realpathSync(filename)).split(path.sep).join("/");
  const wanted = `${PACKAGE_NAME}/${inPackage}`;
  if (serializerModuleName(filename, cwd) === wanted) return object;

  const link = (Module as ModuleStatics)
    ._nodeModulePaths(cwd)
    .map((dir) => path.join(dir, PACKAGE_NAME))
    .find((candidate) => realpathOrUndefined(candidate) === root);
  const alias = link && path.join(link, ...inPackage.split("/"));
  if (!alias || serializerModuleName(alias, cwd) !== wanted) {
    throw new Error(
      `${PACKAGE_NAME} is loaded from ${root}, which the program directory ${cwd} does not ` +
        `reach as node_modules/${PACKAGE_NAME}. The dynamic-provider host loads the provider ` +
        `from there, so the resources' provider text would be code instead of a require of the ` +
        `package. Install the package in the program (npm install ${PACKAGE_NAME}, or npm link ` +
        `${PACKAGE_NAME} for a checkout) and run again.`,
    );
  }
  const cached = require.cache[alias];
  if (cached) return cached.exports as object;
  // A module record under the link path whose exports is a copy of the object (the original
  // stays cached under its real path, which the serializer would meet first).
  const aliased = new Module(alias, module);
  aliased.filename = alias;
  aliased.paths = (Module as ModuleStatics)._nodeModulePaths(path.dirname(alias));
  aliased.loaded = true;
  aliased.exports = { ...object };
  require.cache[alias] = aliased;
  return aliased.exports as object;
}

function realpathOrUndefined(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
