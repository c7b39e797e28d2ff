/**
 * "Errors users meet" (docs/TROUBLESHOOTING.md): each situation is triggered against the
 * emulator through the lifecycle, and the message a user would see is asserted: what happened,
 * to which resource/endpoint, what to do, and no secret. `PRINT_ERRORS=1` prints the messages
 * (that is how docs/TROUBLESHOOTING.md quotes them).
 */
import { expect } from "chai";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { createClient } from "../../provider/client";
import { createOrgApiKey } from "../../provider/lifecycle/api-key/create";
import { createWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/add-entry";
import { dispatch } from "../../provider/lifecycle/index";
import { lifecycleContext, type Connection } from "../chaos/lifecycle-context";

const MISSING_ID = "0123456789abcdef01234567";

async function messageOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (process.env.PRINT_ERRORS) console.log(`\n${message}`);
    return message;
  }
  throw new Error("expected the call to fail, but it succeeded");
}

describe("errors users meet", function () {
  this.timeout(20_000);
  let emulator: Emulator;
  const warnings: string[] = [];
  afterEach(() => emulator?.close());

  async function start(options: EmulatorOptions = {}): Promise<Emulator> {
    emulator = await startEmulator({ seed: 31, ...options });
    return emulator;
  }
  const keyInputs = (e: Emulator) => ({ orgId: e.orgId, description: "ci", roles: ["ORG_MEMBER"] });
  const createKeyAs = (connection: Connection, e: Emulator) =>
    createOrgApiKey(lifecycleContext(connection, warnings), keyInputs(e));

  function expectSafe(message: string, e: Emulator): void {
    expect(message).not.to.contain(e.privateKey);
    expect(message).not.to.match(/Digest |\n\s+at /);
  }

  it("bad credentials (401): names the endpoint and the settings to fix", async () => {
    const e = await start();
    const message = await messageOf(
      createKeyAs({ ...e, privateKey: "11111111-2222-3333-4444-555555555555" }, e),
    );
    expect(message).to.contain(`OrgApiKey create (org ${e.orgId}`);
    expect(message).to.contain("Ops Manager rejected the API key's credentials (401");
    expect(message).to.contain(`POST /orgs/${e.orgId}/apiKeys`);
    expect(message).to.contain(
      "opsmanager:publicKey and opsmanager:privateKey (or MCLI_PUBLIC_API_KEY and MCLI_PRIVATE_API_KEY)",
    );
    expect(message).to.contain(
      "`pulumi refresh` and `pulumi destroy` use the configuration recorded",
    );
    expect(message).not.to.contain("11111111-2222-3333-4444-555555555555");
    expectSafe(message, e);
  });

  it("insufficient role (401 USER_UNAUTHORIZED): says the key needs ORG_OWNER", async () => {
    const e = await start();
    const weak = await createKeyAs(e, e);
    const readOnly = {
      baseUrl: e.baseUrl,
      publicKey: weak.outs.publicKey,
      privateKey: weak.outs.privateKey as string,
    };
    const message = await messageOf(createKeyAs(readOnly, e));
    expect(message).to.contain("401 USER_UNAUTHORIZED");
    expect(message).to.contain(`POST /orgs/${e.orgId}/apiKeys`);
    expect(message).to.contain("Organization Owner role (ORG_OWNER)");
    expect(message).not.to.contain(readOnly.privateKey);
    expectSafe(message, e);
  });

  it("caller's IP not on the key's access list (403 IP_ADDRESS_NOT_ON_ACCESS_LIST): names the IP to add", async () => {
    const e = await start();
    const bootstrap = createClient({ ...e, accessListPath: "auto", warn: () => undefined });
    const me = e.admin.listKeys(e.orgId).find((k) => k.publicKey === e.publicKey);
    await bootstrap.addAccessListEntries(e.orgId, me!.id, [{ ipAddress: "203.0.113.9" }]);
    const message = await messageOf(createKeyAs(e, e));
    expect(message).to.contain("403 IP_ADDRESS_NOT_ON_ACCESS_LIST");
    expect(message).to.contain(
      "Add 127.0.0.1 to the access list of the API key in opsmanager:publicKey",
    );
    expectSafe(message, e);
  });

  it("org requires an access list (403 ORG_REQUIRES_ACCESS_LIST): names the IP to add", async () => {
    const e = await start({ requireAccessList: true });
    const message = await messageOf(createKeyAs(e, e));
    expect(message).to.contain("403 ORG_REQUIRES_ACCESS_LIST");
    expect(message).to.contain("Add 127.0.0.1 to the access list");
    expectSafe(message, e);
  });

  it("invalid input is caught by check before any API call, naming the property and a fix", async () => {
    const e = await start();
    const result = (await dispatch({ kind: "ApiKeyWhitelistEntry" }, "check", [
      {},
      { orgId: e.orgId, apiKeyId: MISSING_ID, cidrBlock: "10.0.0.1/24" },
    ])) as { failures: Array<{ property: string; reason: string }> };
    if (process.env.PRINT_ERRORS) console.log(`\n${JSON.stringify(result.failures)}`);
    expect(result.failures).to.have.length(1);
    expect(result.failures[0].property).to.equal("cidrBlock");
    expect(result.failures[0].reason).to.contain("10.0.0.0/24");
    expect(e.requests).to.have.length(0);
  });

  it("validation by Ops Manager (400, e.g. IPV6_UNSUPPORTED): names the entry, the code and the input to fix", async () => {
    const e = await start({ ipv6: false });
    const key = await createKeyAs(e, e);
    const message = await messageOf(
      createWhitelistEntry(lifecycleContext(e, warnings), {
        orgId: e.orgId,
        apiKeyId: key.id,
        ipAddress: "2001:db8::7",
      }),
    );
    expect(message).to.contain(`ApiKeyWhitelistEntry create of 2001:db8::7/128 on key ${key.id}`);
    expect(message).to.contain("400 IPV6_UNSUPPORTED");
    expect(message).to.contain("Fix the resource's inputs");
    expectSafe(message, e);
  });

  for (const missingKeyStatus of [400, 404] as const) {
    it(`not found (${missingKeyStatus} API_KEY_NOT_FOUND): names the key and suggests refresh`, async () => {
      const e = await start({ missingKeyStatus });
      const inputs = { orgId: e.orgId, apiKeyId: MISSING_ID, ipAddress: "10.0.0.7" };
      const message = await messageOf(createWhitelistEntry(lifecycleContext(e, warnings), inputs));
      expect(message).to.contain(`on key ${MISSING_ID}`);
      expect(message).to.contain(`${missingKeyStatus} API_KEY_NOT_FOUND`);
      expect(message).to.contain("pulumi refresh");
      expectSafe(message, e);
    });
  }

  it("adopting a key id that does not exist: says where to find the right id", async () => {
    const e = await start();
    const message = await messageOf(
      createOrgApiKey(lifecycleContext(e, warnings), {
        ...keyInputs(e),
        existingApiKeyId: MISSING_ID,
      }),
    );
    expect(message).to.contain(`organization ${e.orgId} has no API key with id ${MISSING_ID}`);
    expect(message).to.contain("existingApiKeyId");
    expectSafe(message, e);
  });

  it("rate limited (429) beyond the retry budget: says to wait and lower parallelism", async () => {
    const e = await start({ faults: { seed: 1, rateLimit: 1, retryAfterSeconds: 0.01 } });
    const message = await messageOf(createKeyAs(e, e));
    expect(message).to.contain("429 RATE_LIMITED");
    expect(message).to.contain("retry no earlier than");
    expect(message).to.contain("after 5 attempts");
    expect(message).to.contain("pulumi up --parallel");
    expectSafe(message, e);
  });

  it("server errors (5xx) beyond the retry budget: says the server failed and to check its health", async () => {
    const e = await start({ faults: { seed: 2, serverError: 1 } });
    const message = await messageOf(createKeyAs(e, e));
    expect(message).to.match(/\(50[023] UNEXPECTED_ERROR/);
    expect(message).to.contain("after 5 attempts");
    expect(message).to.contain("check its health and logs");
    expectSafe(message, e);
  });
});
