/**
 * Capturing `__provider` texts exactly as `pulumi.dynamic.Resource` sends them: a tiny program
 * run under Pulumi mocks in a program directory (engine-harness/host `captureRegistrations`),
 * plus program directories in which the package is installed differently (a repacked copy with
 * another version, a linked checkout).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { captureRegistrations, packAndInstall, REPO_ROOT } from "../../engine-harness/host";

/** The resource classes whose provider text is captured, with sample inputs. */
const PROGRAM = `"use strict";
module.exports = async () => {
  const pkg = require(process.env.OM_PACKAGE || "pulumi-opsmanager-apikeys");
  const orgId = "5f0c8b7e9d1a2b3c4d5e6f70";
  const key = new pkg.OrgApiKey("key", { orgId, description: "serialized", roles: ["ORG_MEMBER"] });
  const made = [key, new pkg.ApiKeyWhitelistEntry("entry", { orgId, apiKeyId: key.id, ipAddress: "10.0.0.1" })];
  if (pkg.ApiKeyProjectAssignment) {
    made.push(new pkg.ApiKeyProjectAssignment("assignment", { projectId: "5f0c8b7e9d1a2b3c4d5e6f71", apiKeyId: key.id, roles: ["GROUP_READ_ONLY"] }));
  }
  return made;
};
`;

/** `__provider` text per resource type name (`OrgApiKey`, …), from a mock run in `programDir`. */
export async function providerTexts(
  programDir: string,
  env: Record<string, string> = {},
): Promise<Record<string, string>> {
  const { registrations } = await captureRegistrations(programDir, PROGRAM, { env });
  const texts: Record<string, string> = {};
  for (const r of registrations) {
    if (typeof r.providerText === "string") texts[r.type.split(":").pop()!] = r.providerText;
  }
  return texts;
}

/** A temporary directory removed by `remove()`. */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The package repacked with another `version` (same build) and installed into its own program
 * directory. `remove()` deletes the copy; the program directory goes at process exit.
 */
export async function installedWithVersion(
  version: string,
): Promise<{ programDir: string; remove(): void }> {
  const copy = scratchDir("om-repack-");
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
    version: string;
    scripts?: Record<string, string>;
  };
  manifest.version = version;
  fs.writeFileSync(path.join(copy.dir, "package.json"), JSON.stringify(manifest, null, 2));
  fs.copyFileSync(path.join(REPO_ROOT, "README.md"), path.join(copy.dir, "README.md"));
  for (const dir of ["dist/provider", "dist/emulator"]) {
    fs.cpSync(path.join(REPO_ROOT, dir), path.join(copy.dir, dir), { recursive: true });
  }
  const { programDir } = await packAndInstall({
    packageDir: copy.dir,
    dependenciesFrom: REPO_ROOT,
  });
  return { programDir, remove: copy.remove };
}

/**
 * A program directory where the package is a linked checkout: `node_modules/<package>` is a
 * symlink to the repository (as `npm link` makes), and the SDK resolves through a symlink too.
 * With `link: false` the package is absent from node_modules and the program loads the
 * repository by absolute path (set `OM_PACKAGE` to `REPO_ROOT` for the program).
 */
export function linkedProgramDir(link = true): { dir: string; remove(): void } {
  const program = scratchDir("om-linked-");
  const modules = path.join(program.dir, "node_modules");
  fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
  fs.symlinkSync(
    path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"),
    path.join(modules, "@pulumi", "pulumi"),
    "dir",
  );
  if (link) fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-opsmanager-apikeys"), "dir");
  return program;
}
