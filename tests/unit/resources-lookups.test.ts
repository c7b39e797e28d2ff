import { expect } from "chai";
import { startEmulator } from "../../emulator/index";
import type { Emulator } from "../../emulator/types";
import { lookupOrgApiKeys, lookupWhitelistEntries } from "../../provider/index";
import { createClient } from "../../provider/client/index";

const ENV_NAMES = ["MCLI_OPS_MANAGER_URL", "MCLI_PUBLIC_API_KEY", "MCLI_PRIVATE_API_KEY"] as const;

describe("program-side lookups", () => {
  let emulator: Emulator;
  const saved: Record<string, string | undefined> = {};
  before(async () => {
    emulator = await startEmulator({ seed: 5 });
    for (const name of ENV_NAMES) saved[name] = process.env[name];
    // No stack config in this process, so the lookups fall back to the environment.
    process.env.MCLI_OPS_MANAGER_URL = emulator.baseUrl;
    process.env.MCLI_PUBLIC_API_KEY = emulator.publicKey;
    process.env.MCLI_PRIVATE_API_KEY = emulator.privateKey;
  });
  after(async () => {
    for (const name of ENV_NAMES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    await emulator.close();
  });

  it("lists an organization's keys with sorted org roles and no private keys", async () => {
    const client = createClient({
      baseUrl: emulator.baseUrl,
      publicKey: emulator.publicKey,
      privateKey: emulator.privateKey,
      accessListPath: "auto",
    });
    const made = await client.createApiKey(emulator.orgId, {
      desc: "looked up",
      roles: ["ORG_READ_ONLY", "ORG_MEMBER"],
    });
    const keys = await lookupOrgApiKeys(emulator.orgId);
    const found = keys.find((k) => k.apiKeyId === made.id);
    expect(found).to.deep.equal({
      apiKeyId: made.id,
      publicKey: made.publicKey,
      description: "looked up",
      roles: ["ORG_MEMBER", "ORG_READ_ONLY"],
    });
    expect(JSON.stringify(keys)).to.not.include(made.privateKey.slice(-12));
    expect(keys.map((k) => k.apiKeyId)).to.include.members(
      emulator.admin.listKeys(emulator.orgId).map((k) => k.id),
    );
  });

  it("lists every access-list entry of a key with null for absent fields", async () => {
    const client = createClient({
      baseUrl: emulator.baseUrl,
      publicKey: emulator.publicKey,
      privateKey: emulator.privateKey,
      accessListPath: "auto",
    });
    const key = await client.createApiKey(emulator.orgId, {
      desc: "with entries",
      roles: ["ORG_MEMBER"],
    });
    await client.addAccessListEntries(emulator.orgId, key.id, [
      { ipAddress: "192.0.2.1" },
      { cidrBlock: "10.2.0.0/16" },
    ]);
    const entries = await lookupWhitelistEntries(emulator.orgId, key.id);
    expect(entries.map((e) => e.cidrBlock).sort()).to.deep.equal(["10.2.0.0/16", "192.0.2.1/32"]);
    const network = entries.find((e) => e.cidrBlock === "10.2.0.0/16");
    expect(network).to.include({ ipAddress: null, lastUsed: null, lastUsedAddress: null });
  });

  it("rejects an id that is not 24 hex characters before calling the API", async () => {
    const error = await lookupOrgApiKeys("nope").then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/orgId must be a 24-character hex id/);
  });
});
