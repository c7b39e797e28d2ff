/**
 * `dataFile`: state survives restarts. Written synchronously (temp file + rename, mode 0600 —
 * the file holds private keys, Digest needs them) after every request that changed state.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { StoreData } from "./store";

export function loadState(file: string): StoreData | undefined {
  if (!existsSync(file)) return undefined;
  const data = JSON.parse(readFileSync(file, "utf8")) as StoreData;
  if (!data || !Array.isArray(data.orgs)) {
    throw new Error(
      `emulator data file ${file} has no "orgs" array; delete it or pick another file`,
    );
  }
  return data;
}

export function saveState(file: string, data: StoreData): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(data, null, 2), { mode: 0o600 });
  renameSync(temp, file);
}
