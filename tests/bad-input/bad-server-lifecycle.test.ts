/**
 * Bad server answers at the lifecycle: create/read/delete on answers the client
 * cannot use fail with a clear error naming the resource, and nothing half-written comes back
 * (no outputs, no `{}` that would drop a live resource from state). When a write really happened
 * behind a mangled answer, the object must not be left without an owner.
 */
import { expect } from "chai";
import { startEmulator, type Emulator } from "../../emulator";
import { createOrgApiKey } from "../../provider/lifecycle/api-key/create";
import { deleteOrgApiKey } from "../../provider/lifecycle/api-key/delete";
import { readOrgApiKey } from "../../provider/lifecycle/api-key/read";
import { createWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/add-entry";
import { readWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/read-update-delete";
import { lifecycleContext } from "../chaos/lifecycle-context";
import { startManglingProxy, startRawServer, type RawAnswer, type RawServer } from "./raw-server";
import { TEST_ORG_ID } from "../support/ids";

const ORG = TEST_ORG_ID;
const KEY = "6a1b2c3d4e5f60718293a4b5";
const CREDENTIALS = { publicKey: "rawtests", privateKey: "0b6e2a55-8c1d-4f7e-9a3b-5d2c1e0f9a8b" };
const PROVIDER = "exports.handler = __f0;";
const HTML = {
  status: 200,
  headers: { "content-type": "text/html" },
  body: "<html><title>Proxy login</title></html>",
};
const TRUNCATED = {
  status: 200,
  headers: { "content-type": "application/json" },
  body: '{"results":[{"cidrBlock":"10.',
};

/** The thrown error; fails when the promise resolves (and shows what came back). */
async function thrown(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return error as Error & Record<string, unknown>;
  }
  throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
}

function expectWholeFailure(error: Error & Record<string, unknown>, names: string[]): void {
  for (const n of names) expect(error.message).to.contain(n);
  expect(error.message).not.to.contain(CREDENTIALS.privateKey);
  expect(error.message).not.to.match(/\bat .+\.js:\d+/);
  expect(error, "not a partial create: nothing exists to record").not.to.have.property(
    "properties",
  );
}

describe("bad server answers: lifecycle on a hostile raw server", function () {
  this.timeout(10_000);
  let server: RawServer;
  let answer: RawAnswer;
  const warnings: string[] = [];
  before(async () => {
    server = await startRawServer(CREDENTIALS, () => answer);
  });
  after(() => server.close());
  const ctx = () => lifecycleContext({ baseUrl: server.baseUrl, ...CREDENTIALS }, warnings);

  it("fails an OrgApiKey create on an HTML page with the resource and cause, and returns nothing", async () => {
    answer = HTML;
    const error = await thrown(
      createOrgApiKey(ctx(), {
        orgId: ORG,
        description: "d",
        roles: ["ORG_MEMBER"],
        __provider: PROVIDER,
      }),
    );
    expectWholeFailure(error, ["OrgApiKey create", `org ${ORG}`, 'HTML page titled "Proxy login"']);
  });

  it("fails an OrgApiKey read on a 200 with fields missing instead of reporting the key gone", async () => {
    answer = {
      status: 200,
      headers: { "content-type": "application/json" },
      body: '{"desc":"x","roles":[]}',
    };
    const state = {
      apiKeyId: KEY,
      orgId: ORG,
      publicKey: "abcdefgh",
      privateKey: "kept",
      description: "x",
      roles: [],
    };
    const error = await thrown(readOrgApiKey(ctx(), KEY, state));
    expectWholeFailure(error, [`OrgApiKey read of key ${KEY}`, 'no string "id"']);
  });

  it("fails an entry read on truncated JSON instead of reporting the entry gone", async () => {
    answer = TRUNCATED;
    const id = `${KEY}/10.0.0.0/24`;
    const error = await thrown(
      readWhitelistEntry(ctx(), id, { orgId: ORG, apiKeyId: KEY, cidrBlock: "10.0.0.0/24" }),
    );
    expectWholeFailure(error, [
      "ApiKeyWhitelistEntry read of 10.0.0.0/24",
      "truncated or malformed",
    ]);
  });

  it("fails a key delete on a redirect, so state keeps the key", async () => {
    answer = { status: 301, headers: { location: "http://127.0.0.1:1/moved" } };
    const error = await thrown(deleteOrgApiKey(ctx(), KEY, { orgId: ORG }));
    expectWholeFailure(error, [`OrgApiKey delete of key ${KEY}`, "redirect (301)"]);
  });

  it("records an entry as a partial create when a 2xx non-JSON answer hides whether it was added", async () => {
    // A 2xx to the POST means the add may have happened; the lookup gets garbage too, so the
    // entry may exist: it goes to state (refresh drops it if it does not), never orphaned.
    answer = { status: 200, body: "OK" };
    const inputs = { orgId: ORG, apiKeyId: KEY, cidrBlock: "10.0.0.0/24", __provider: PROVIDER };
    const error = await thrown(createWhitelistEntry(ctx(), inputs));
    expect(error.message)
      .to.contain("ApiKeyWhitelistEntry create of 10.0.0.0/24")
      .and.to.contain("non-JSON body")
      .and.not.to.contain(CREDENTIALS.privateKey);
    expect(error.message).not.to.match(/\bat .+\.js:\d+/);
    expect(error.id).to.equal(`${KEY}/10.0.0.0/24`);
    expect(error.reasons).to.deep.equal([error.message]);
    expect(error.properties).to.deep.include({
      orgId: ORG,
      apiKeyId: KEY,
      cidrBlock: "10.0.0.0/24",
      ipAddress: null,
      __provider: PROVIDER,
    });
  });

  it("fails an entry create on a 4xx non-JSON answer without recording anything", async () => {
    answer = { status: 400, body: "Bad request" };
    const inputs = { orgId: ORG, apiKeyId: KEY, cidrBlock: "10.0.0.0/24", __provider: PROVIDER };
    const error = await thrown(createWhitelistEntry(ctx(), inputs));
    expectWholeFailure(error, ["ApiKeyWhitelistEntry create of 10.0.0.0/24", "non-JSON body"]);
  });
});

describe("bad server answers: lifecycle behind a proxy that mangles a write's answer", function () {
  this.timeout(10_000);
  let emulator: Emulator;
  let proxy: RawServer;
  const warnings: string[] = [];
  beforeEach(async () => {
    emulator = await startEmulator({ seed: 21 });
    proxy = await startManglingProxy(emulator.baseUrl, (r, up) =>
      r.method === "POST" && up.status < 300 ? TRUNCATED : undefined,
    );
  });
  afterEach(async () => {
    await proxy.close();
    await emulator.close();
  });
  const ctx = () =>
    lifecycleContext(
      { baseUrl: proxy.baseUrl, publicKey: emulator.publicKey, privateKey: emulator.privateKey },
      warnings,
    );
  const keyIds = () => emulator.admin.listKeys(emulator.orgId).map((k) => k.id);

  it("leaves no key without an owner when the create's answer is unreadable", async () => {
    const before = keyIds();
    const error = await thrown(
      createOrgApiKey(ctx(), {
        orgId: emulator.orgId,
        description: "mangled",
        roles: ["ORG_MEMBER"],
        __provider: PROVIDER,
      }),
    );
    expect(error.message).to.contain("OrgApiKey create");
    expect(error.message).not.to.contain(emulator.privateKey);
    const created = keyIds().filter((id) => !before.includes(id));
    const recorded = typeof error.id === "string" ? [error.id] : [];
    expect(
      created.filter((id) => !recorded.includes(id)),
      "keys on the server that state would not know",
    ).to.deep.equal([]);
  });

  it("leaves no entry without an owner when the entry create's answer is unreadable", async () => {
    const key = emulator.admin.createOrg();
    const direct = lifecycleContext(
      { baseUrl: emulator.baseUrl, publicKey: key.publicKey, privateKey: key.privateKey },
      warnings,
    );
    const made = await createOrgApiKey(direct, {
      orgId: key.orgId,
      description: "target",
      roles: ["ORG_MEMBER"],
      __provider: PROVIDER,
    });
    const mangledCtx = lifecycleContext(
      { baseUrl: proxy.baseUrl, publicKey: key.publicKey, privateKey: key.privateKey },
      warnings,
    );
    const inputs = {
      orgId: key.orgId,
      apiKeyId: made.id,
      cidrBlock: "10.1.0.0/16",
      __provider: PROVIDER,
    };
    let outcome: unknown;
    try {
      outcome = await createWhitelistEntry(mangledCtx, inputs);
    } catch (error) {
      outcome = error;
    }
    const onServer = emulator.admin.listEntries(key.orgId, made.id).map((e) => e.cidrBlock);
    const recorded =
      outcome instanceof Error ? typeof (outcome as { id?: unknown }).id === "string" : true;
    if (onServer.includes("10.1.0.0/16"))
      expect(recorded, "the entry exists, so state must record it").to.equal(true);
  });
});
