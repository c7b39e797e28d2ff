/**
 * Tier 3: the serialized providers stay thin and credential-free, and no credential or private
 * key leaks into `__provider`, host stdout/stderr or error messages (docs/ARCHITECTURE.md).
 */
import { expect } from "chai";
import { isHostCallError, serializeProviders, installedPackage } from "../../engine-harness/host";
import {
  createEntry,
  createKey,
  entryUrn,
  expectNoSecrets,
  openScenario,
  type Scenario,
} from "./support/suite";

const MAX_PROVIDER_BYTES = 4096;
const ENV_MARKER_PRIVATE = "e3c9f1aa-7777-4444-8888-99990000abcd";
const ENV_MARKER_PUBLIC = "MARKERPUB";

describe("host: serialized providers", function () {
  this.timeout(60000);

  it("are at most 4 KB each and not secret", async () => {
    const { providers } = await installedPackage();
    for (const [name, text] of [
      ["OrgApiKey", providers.OrgApiKey],
      ["ApiKeyWhitelistEntry", providers.ApiKeyWhitelistEntry],
    ] as const) {
      expect(Buffer.byteLength(text), `${name} __provider bytes`).to.be.at.most(MAX_PROVIDER_BYTES);
      expect(providers.registrations[name].providerIsSecret, name).to.equal(false);
    }
  });

  it("register privateKey as an additional secret output and force no delete-before-replace", async () => {
    const { providers } = await installedPackage();
    expect(providers.registrations.OrgApiKey.additionalSecretOutputs).to.include("privateKey");
    expect(providers.registrations.ApiKeyWhitelistEntry.deleteBeforeReplace).to.equal(false);
  });

  it("capture nothing from the environment: credentials in env leave the text unchanged", async () => {
    const { programDir, providers } = await installedPackage();
    const withCreds = await serializeProviders(programDir, {
      env: {
        MCLI_PRIVATE_API_KEY: ENV_MARKER_PRIVATE,
        MCLI_PUBLIC_API_KEY: ENV_MARKER_PUBLIC,
        MCLI_OPS_MANAGER_URL: "http://127.0.0.1:1",
      },
    });
    expect(withCreds.OrgApiKey).to.equal(providers.OrgApiKey);
    expect(withCreds.ApiKeyWhitelistEntry).to.equal(providers.ApiKeyWhitelistEntry);
    expectNoSecrets([ENV_MARKER_PRIVATE], {
      "OrgApiKey __provider": withCreds.OrgApiKey,
      "entry __provider": withCreds.ApiKeyWhitelistEntry,
    });
  });
});

describe("host: no secret leaks across a whole lifecycle", function () {
  this.timeout(60000);
  let s: Scenario;
  const texts: Record<string, string> = {};

  before(async () => {
    s = await openScenario();
  });
  after(async () => void (await s?.close()));

  it("keeps issued and configured private keys out of __provider, output and errors", async () => {
    const key = await createKey(s, "leaky", { description: "scan me" });
    const entry = await createEntry(s, "leaky-entry", key, { ipAddress: "203.0.113.7" });
    await s.host.read(key.id, key.urn, key.outputs, key.inputs);
    const updated = await s.host.update(key.id, key.urn, key.outputs, {
      ...key.inputs,
      description: "scanned",
    });
    texts["key __provider (outputs)"] = String(updated.properties.__provider);
    texts["entry __provider (outputs)"] = String(entry.outputs.__provider);
    // A failing API call: an entry on a key that does not exist.
    const bogus = {
      orgId: s.emulator.orgId,
      apiKeyId: "aaaaaaaaaaaaaaaaaaaaaaaa",
      ipAddress: "198.51.100.1",
    };
    const checked = await s.host.check(
      entryUrn("bogus"),
      {},
      { ...bogus, __provider: s.providers.ApiKeyWhitelistEntry },
    );
    try {
      await s.host.create(entryUrn("bogus"), checked.inputs);
      expect.fail("creating an entry on a missing key must fail");
    } catch (e) {
      expect(isHostCallError(e), String(e)).to.equal(true);
      texts["entry create error"] = (e as Error).message;
    }
    await s.host.delete(entry.id, entry.urn, entry.outputs);
    await s.host.delete(key.id, key.urn, updated.properties);
    const { stdout, stderr } = await s.close();
    texts["host stdout"] = stdout;
    texts["host stderr"] = stderr;
    expect(s.secrets.size, "bootstrap + issued private key").to.equal(2);
    expectNoSecrets(s.secrets, texts);
  });
});
