/**
 * The example program (examples/index.ts, compiled) placed into a program directory in which
 * the package is installed from its `npm pack` tarball (host/pack.ts), the way a user's project
 * gets it. Why not the repository itself: the serialized provider shim requires
 * `pulumi-opsmanager-apikeys/dist/…` from the host's cwd, and Node's package self-reference does
 * not apply to code compiled from a string, so the host cannot resolve the package in the repo.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { packAndInstall, REPO_ROOT } from "./host";

/** Project name of the top-level Pulumi.yaml (config keys like `orgId` live in this namespace). */
export const EXAMPLE_PROJECT = "opsmanager-apikeys-example";
/** Entry point of the example inside the program directory. */
export const EXAMPLE_ENTRY = "examples/index.js";

export interface ExampleProgram {
  readonly programDir: string;
  readonly program: string;
  readonly project: string;
}

/** Packs and installs the package (once per process) and copies the compiled example next to it. */
export async function prepareExampleProgram(): Promise<ExampleProgram> {
  const compiled = path.join(REPO_ROOT, "dist", "examples", "index.js");
  if (!fs.existsSync(compiled))
    throw new Error(`${compiled} is missing; run \`npm run build\` first`);
  const { programDir } = await packAndInstall();
  fs.mkdirSync(path.join(programDir, "examples"), { recursive: true });
  fs.copyFileSync(compiled, path.join(programDir, EXAMPLE_ENTRY));
  return { programDir, program: EXAMPLE_ENTRY, project: EXAMPLE_PROJECT };
}
