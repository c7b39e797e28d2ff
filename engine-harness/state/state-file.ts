/**
 * Reading and writing the state file (JSON, Pulumi checkpoint layout). Every secret value is
 * written as `{"4dabf…": "1b47…", "ciphertext": "v1:…"}`, never in plain text.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { decryptSecrets, encryptSecrets, type Crypter } from "../values/secret-crypto";
import type { ResourceState, Snapshot } from "./snapshot";

interface CheckpointFile {
  readonly version: 3;
  readonly checkpoint: {
    readonly stack: string;
    readonly latest: {
      readonly manifest: { readonly time: string; readonly version: string };
      readonly secrets_providers: {
        readonly type: "passphrase";
        readonly state: { readonly salt: string };
      };
      readonly resources: readonly ResourceState[];
    };
  };
}

/** Loads the snapshot of `file`; a missing file is an empty stack. */
export function readStateFile(file: string, crypter: Crypter): Snapshot {
  if (!existsSync(file)) return { resources: [] };
  let parsed: CheckpointFile;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8")) as CheckpointFile;
  } catch (e) {
    throw new Error(
      `state file ${file} is not valid JSON (${(e as Error).message}); restore it or delete it to start over`,
    );
  }
  const resources = parsed.checkpoint?.latest?.resources ?? [];
  return { resources: resources.map((r) => decryptSecrets(r, crypter) as ResourceState) };
}

/** Writes `snapshot` atomically (temp file + rename), secrets encrypted. */
export function writeStateFile(
  file: string,
  stackUrn: string,
  snapshot: Snapshot,
  crypter: Crypter,
): void {
  const content: CheckpointFile = {
    version: 3,
    checkpoint: {
      stack: stackUrn,
      latest: {
        manifest: { time: new Date().toISOString(), version: "engine-harness" },
        secrets_providers: { type: "passphrase", state: { salt: crypter.saltText } },
        resources: snapshot.resources.map((r) => encryptSecrets(r, crypter) as ResourceState),
      },
    },
  };
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(content, null, 2)}\n`);
  renameSync(temp, file);
}

/** The salt recorded in an existing state file, if any (so an old file can be decrypted). */
export function stateFileSalt(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as CheckpointFile;
    return parsed.checkpoint?.latest?.secrets_providers?.state?.salt;
  } catch {
    return undefined;
  }
}
