/**
 * Start/stop helpers for the emulator tests: a fresh seeded emulator and a client for its
 * bootstrap key.
 */
import { startEmulator } from "../../../emulator";
import type { Emulator, EmulatorOptions } from "../../../emulator";
import { DigestClient } from "./digest-client";

export const API = "/api/public/v1.0";

export interface Fixture {
  readonly emulator: Emulator;
  readonly owner: DigestClient;
  /** `/api/public/v1.0/orgs/{orgId}/apiKeys` */
  readonly keysPath: string;
}

export async function startFixture(options: EmulatorOptions = {}): Promise<Fixture> {
  const emulator = await startEmulator({ seed: 42, ...options });
  const owner = new DigestClient(emulator.baseUrl, emulator.publicKey, emulator.privateKey);
  return { emulator, owner, keysPath: `${API}/orgs/${emulator.orgId}/apiKeys` };
}

/** Create a key through the API and return its id plus a client authenticated as it. */
export async function createKey(
  f: Fixture,
  roles: string[] = ["ORG_MEMBER"],
  desc = "test key",
): Promise<{ id: string; client: DigestClient; privateKey: string }> {
  const res = await f.owner.request("POST", f.keysPath, { desc, roles });
  if (res.status !== 200) throw new Error(`create key failed: ${res.status} ${res.text}`);
  const body = res.json as { id: string; publicKey: string; privateKey: string };
  return {
    id: body.id,
    privateKey: body.privateKey,
    client: new DigestClient(f.emulator.baseUrl, body.publicKey, body.privateKey),
  };
}
