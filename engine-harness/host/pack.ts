/**
 * `packAndInstall()`: the package installed into a throwaway program directory the way users
 * get it — from the `npm pack` tarball, so the `files` list, `main` and the
 * `exports` map are exercised exactly as published.
 *
 * Two install strategies (measured on this 2-core machine, Node 20.20, npm 11):
 * - `link` (default, ~1.5 s incl. the pack): the tarball is extracted into
 *   `node_modules/<name>`; the package's production dependency closure (every top-level,
 *   non-dev entry of the repo's package-lock.json — what `npm install --omit=dev` would hoist)
 *   is symlinked from the repo's node_modules. Offline by construction.
 * - `npm` (~10 s more, two cores busy): `npm install <tgz> --offline` from the npm cache; set
 *   `OM_HOST_INSTALL=npm` or pass `strategy: "npm"` for a full-fidelity check.
 * The link strategy is the default because every test process pays it once.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export type InstallStrategy = "link" | "npm";

export interface PackOptions {
  /** Directory holding the package.json to pack. Default: the repository root. */
  readonly packageDir?: string;
  /** Directory whose package-lock.json / node_modules supply the dependencies. Default: the repository root. */
  readonly dependenciesFrom?: string;
  readonly strategy?: InstallStrategy;
}

/** A program directory with the packed package installed. Removed at process exit. */
export interface InstalledProgram {
  readonly programDir: string;
  readonly tarball: string;
  readonly packageName: string;
  readonly strategy: InstallStrategy;
}

/** The repository root (this file is dist/engine-harness/host/pack.js or engine-harness/host/pack.ts). */
export const REPO_ROOT = findRepoRoot(__dirname);

const tempRoots = new Set<string>();
process.on("exit", () => cleanupInstalls());

/** Removes every program directory created by this process (also done at exit). */
export function cleanupInstalls(): void {
  for (const dir of tempRoots) fs.rmSync(dir, { recursive: true, force: true });
  tempRoots.clear();
  cache.clear();
}

const cache = new Map<string, Promise<InstalledProgram>>();

/**
 * Packs and installs the package, once per process and per content fingerprint of the packed
 * files: concurrent and repeated callers share one program directory.
 */
export function packAndInstall(options: PackOptions = {}): Promise<InstalledProgram> {
  const packageDir = path.resolve(options.packageDir ?? REPO_ROOT);
  const depsFrom = path.resolve(options.dependenciesFrom ?? REPO_ROOT);
  const strategy = options.strategy ?? (process.env.OM_HOST_INSTALL === "npm" ? "npm" : "link");
  const key = `${packageDir}|${depsFrom}|${strategy}|${fingerprint(packageDir)}`;
  let installed = cache.get(key);
  if (!installed) {
    installed = Promise.resolve().then(() => install(packageDir, depsFrom, strategy));
    installed.catch(() => cache.delete(key));
    cache.set(key, installed);
  }
  return installed;
}

function install(
  packageDir: string,
  depsFrom: string,
  strategy: InstallStrategy,
): InstalledProgram {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "om-host-"));
  tempRoots.add(root);
  // --ignore-scripts: `prepare` would rebuild the whole tree; callers build first.
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", root], {
      cwd: packageDir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }),
  ) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  const { name, filename, files } = packed[0];
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
    main?: string;
  };
  if (
    manifest.main &&
    !files.some((f) => path.normalize(f.path) === path.normalize(manifest.main!))
  ) {
    throw new Error(
      `npm pack of ${packageDir}: the tarball lacks main ${manifest.main}; run \`npm run build\` first`,
    );
  }
  const tarball = path.join(root, filename);
  const programDir = path.join(root, "program");
  fs.mkdirSync(programDir);
  const program = {
    name: "host-test-program",
    version: "1.0.0",
    private: true,
    dependencies: { [name]: `file:${tarball}` },
  };
  fs.writeFileSync(path.join(programDir, "package.json"), JSON.stringify(program, null, 2));
  fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: proj\nruntime: nodejs\n");
  if (strategy === "npm") {
    execFileSync(
      "npm",
      ["install", tarball, "--offline", "--no-audit", "--no-fund", "--ignore-scripts"],
      {
        cwd: programDir,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  } else {
    const target = path.join(programDir, "node_modules", name);
    fs.mkdirSync(target, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"]);
    for (const dep of productionClosure(depsFrom)) {
      if (dep === name) continue;
      const link = path.join(programDir, "node_modules", dep);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(path.join(depsFrom, "node_modules", dep), link, "dir");
    }
  }
  return { programDir, tarball, packageName: name, strategy };
}

/**
 * Top-level packages a consumer's production install holds next to ours: the non-dev entries of a
 * lockfile v2/v3, plus each peer dependency (the program brings it) and what it depends on.
 */
function productionClosure(dir: string): string[] {
  type LockEntry = {
    dev?: boolean;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const lock = JSON.parse(fs.readFileSync(path.join(dir, "package-lock.json"), "utf8")) as {
    packages?: Record<string, LockEntry>;
  };
  const packages = lock.packages ?? {};
  const names = new Set<string>();
  for (const [key, entry] of Object.entries(packages)) {
    const parts = key.split("node_modules/");
    if (parts.length !== 2 || parts[0] !== "" || entry.dev) continue;
    names.add(parts[1]);
  }
  // Peer dependencies (the SDK) come from the consumer's program, with what they depend on.
  const pending = Object.keys(packages[""]?.peerDependencies ?? {});
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const entry = packages[`node_modules/${next}`];
    if (!entry || names.has(next)) continue;
    names.add(next);
    pending.push(
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}),
    );
  }
  return [...names].filter((n) => fs.existsSync(path.join(dir, "node_modules", n)));
}

/** Cheap content fingerprint: package.json plus size+mtime of every file under `files`. */
function fingerprint(packageDir: string): string {
  const hash = createHash("sha256");
  const manifestText = fs.readFileSync(path.join(packageDir, "package.json"), "utf8");
  hash.update(manifestText);
  const files = (JSON.parse(manifestText) as { files?: string[] }).files ?? ["."];
  const walk = (p: string): void => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (e !== "node_modules") walk(path.join(p, e));
    } else {
      hash.update(`${path.relative(packageDir, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const f of files) walk(path.join(packageDir, f));
  return hash.digest("hex");
}

function findRepoRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package-lock.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package-lock.json above ${from}`);
    dir = up;
  }
  return dir;
}
