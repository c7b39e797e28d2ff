/**
 * Loads a serialized provider text the way the dynamic-provider host does
 * (`require-from-string(text).handler()`, filename `''`, module paths from the host's cwd), with
 * the "cwd" being a throwaway program directory in which this package is installed (a symlink
 * `node_modules/pulumi-opsmanager-apikeys` -> repo root, like `npm install <path>`).
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

/** Repo root: dist/tests/serialization/ -> ../../.. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

/** A program directory with the package installed; `remove()` deletes it. */
export function programDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "opsmanager-shim-"));
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-opsmanager-apikeys"), "dir");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

type ModuleInternals = typeof Module & { _nodeModulePaths(from: string): string[] };
type CompilableModule = Module & { _compile(code: string, filename: string): void };

/** Compiles `text` as the host would with cwd = `cwd`, and returns `exports.handler()`. */
export function loadProvider(
  text: string,
  cwd: string,
): Record<string, (...args: unknown[]) => Promise<unknown>> {
  const m = new Module("", undefined) as CompilableModule;
  m.filename = "";
  m.paths = (Module as ModuleInternals)._nodeModulePaths(cwd);
  m._compile(text, "");
  return (
    m.exports as { handler(): Record<string, (...args: unknown[]) => Promise<unknown>> }
  ).handler();
}
