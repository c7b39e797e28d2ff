/**
 * The package packed, installed into a temporary program directory and serialized, once per
 * process (the build must have run). Shared by the tier-3 tests and the benchmarks.
 */
import { packAndInstall } from "./pack";
import { serializeProviders, type SerializedProviders } from "./serialize";

/** The installed program directory and the providers serialized there. */
export interface Installed {
  readonly programDir: string;
  readonly providers: SerializedProviders;
}

let installed: Promise<Installed> | undefined;

/** Packs, installs and serializes on the first call; later calls share the result. */
export function installedPackage(): Promise<Installed> {
  installed ??= packAndInstall().then(async ({ programDir }) => ({
    programDir,
    providers: await serializeProviders(programDir),
  }));
  return installed;
}
