/**
 * Loads a serialized provider text the way the dynamic-provider host does
 * (`require-from-string(text).handler()`, filename `''`, module paths from the host's cwd, the
 * program directory).
 */
import Module from "node:module";

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
