/**
 * The package under measurement: the repository's build by default, or another directory holding
 * a built copy of the package (`--package-dir`), e.g. a scratch copy with a changed client
 * configuration, measured before and after with the same flags. Packed and installed once.
 */
import {
  installedPackage,
  packAndInstall,
  REPO_ROOT,
  serializeProviders,
  type Installed,
} from "../engine-harness/host";

let packageDir: string | undefined;
let subject: Promise<Installed> | undefined;

/** Measures the package built in `dir` instead of the repository (call before any benchmark). */
export function usePackageDir(dir: string | undefined): void {
  packageDir = dir;
  subject = undefined;
}

/** The installed package under measurement and its serialized providers. */
export function installedSubject(): Promise<Installed> {
  if (!packageDir) return installedPackage();
  const dir = packageDir;
  subject ??= packAndInstall({ packageDir: dir, dependenciesFrom: REPO_ROOT }).then(
    async ({ programDir }) => ({ programDir, providers: await serializeProviders(programDir) }),
  );
  return subject;
}
