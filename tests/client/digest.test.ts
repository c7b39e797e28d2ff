import { expect } from "chai";
import { isOpsManagerError, type OpsManagerError } from "../../provider/client";
import { logLines, rejectionOf, startClientFixture, type ClientFixture } from "./support/fixture";

const WRONG_PRIVATE_KEY = "11111111-2222-3333-4444-555555555555";

/** A fault seed whose stream declares five requests in a row stale (staleNonce 0.7). */
const STALE_RUN_SEED = 6;

describe("client digest auth against the emulator", () => {
  let f: ClientFixture;
  afterEach(() => f.close());

  it("costs one HTTP request per call once it holds a nonce", async () => {
    f = await startClientFixture();
    const key = await f.client.createApiKey(f.orgId, { desc: "steady", roles: ["ORG_MEMBER"] });
    const before = f.client.stats();
    const logStart = f.emulator.requests.length;
    for (let i = 0; i < 20; i += 1) {
      await f.client.getApiKey(f.orgId, key.id);
      await f.client.updateApiKey(f.orgId, key.id, { desc: `steady ${i}` });
    }
    await f.client.addAccessListEntries(f.orgId, key.id, [{ ipAddress: "10.1.1.1" }]);
    await f.client.deleteAccessListEntry(f.orgId, key.id, "10.1.1.1");
    const after = f.client.stats();
    expect(after.calls - before.calls).to.equal(42);
    expect(after.requests - before.requests).to.equal(42);
    const served = f.emulator.requests.slice(logStart);
    expect(served.length).to.equal(42);
    expect(
      served.every((r) => r.authenticated && r.status < 300),
      logLines(f.emulator, logStart).join("\n"),
    ).to.equal(true);
  });

  it("answers the first challenge once and then reuses the nonce", async () => {
    f = await startClientFixture();
    await f.client.listApiKeys(f.orgId);
    await f.client.listApiKeys(f.orgId);
    expect(f.emulator.requests.map((r) => [r.status, r.authenticated])).to.deep.equal([
      [401, false],
      [200, true],
      [200, true],
    ]);
    expect(f.client.stats()).to.deep.equal({ calls: 2, requests: 3, retries: 0 });
  });

  it("fetches one challenge for many parallel first calls", async () => {
    f = await startClientFixture();
    await Promise.all(Array.from({ length: 10 }, () => f.client.listApiKeys(f.orgId)));
    const unauthenticated = f.emulator.requests.filter((r) => !r.authenticated);
    expect(unauthenticated.length).to.equal(1);
    expect(f.client.stats()).to.deep.equal({ calls: 10, requests: 11, retries: 0 });
  });

  it("keeps nc strictly increasing when many calls share the nonce", async () => {
    f = await startClientFixture();
    await f.client.listApiKeys(f.orgId);
    const logStart = f.emulator.requests.length;
    const results = await Promise.all(
      Array.from({ length: 25 }, () => f.client.listApiKeys(f.orgId)),
    );
    expect(results.every((keys) => keys.length >= 1)).to.equal(true);
    const served = f.emulator.requests.slice(logStart);
    expect(served.length, "no replay rejections").to.equal(25);
    expect(served.every((r) => r.status === 200)).to.equal(true);
  });

  it("takes a new nonce when the server says stale=true and re-sends once", async () => {
    f = await startClientFixture({ nonceTtlMs: 80 });
    const key = await f.client.createApiKey(f.orgId, { desc: "stale", roles: ["ORG_MEMBER"] });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const logStart = f.emulator.requests.length;
    const read = await f.client.getApiKey(f.orgId, key.id);
    expect(read.id).to.equal(key.id);
    const served = f.emulator.requests.slice(logStart);
    expect(served.map((r) => [r.status, r.authenticated])).to.deep.equal([
      [401, true],
      [200, true],
    ]);
    expect(served[0].responseBody ?? "").to.not.include("errorCode");
    expect(f.client.stats().retries, "a re-challenge is not a retry").to.equal(0);
  });

  it("survives injected stale nonces", async () => {
    f = await startClientFixture({ faults: { seed: 11, staleNonce: 0.3 } });
    for (let i = 0; i < 15; i += 1) await f.client.listApiKeys(f.orgId);
    expect(f.emulator.faultCounts().staleNonce ?? 0).to.be.greaterThan(0);
    const stats = f.client.stats();
    expect(stats.calls).to.equal(15);
    expect(stats.requests).to.equal(f.emulator.requests.length);
  });

  it("follows several stale-nonce challenges in a row within one call", async () => {
    f = await startClientFixture();
    await f.client.listApiKeys(f.orgId); // the client now holds a nonce
    // With this seed the next call's first five requests are all declared stale (a nonce can
    // expire between a challenge and its first use); that must not read as bad credentials.
    f.emulator.configure({ faults: { seed: STALE_RUN_SEED, staleNonce: 0.7 } });
    await f.client.listApiKeys(f.orgId);
    expect(f.emulator.faultCounts().staleNonce ?? 0).to.equal(5);
  });

  it("reports wrong credentials as UNAUTHORIZED with a message that holds no secret", async () => {
    f = await startClientFixture();
    const wrong = f.clientWith({ privateKey: WRONG_PRIVATE_KEY });
    for (let call = 0; call < 2; call += 1) {
      const error = await rejectionOf(wrong.listApiKeys(f.orgId));
      expect(isOpsManagerError(error)).to.equal(true);
      const e = error as OpsManagerError;
      expect(e.code).to.equal("UNAUTHORIZED");
      expect(e.status).to.equal(401);
      expect(e.message).to.include(`GET /orgs/${f.orgId}/apiKeys`);
      expect(e.message).to.include("rejected the API key's credentials");
      const everything = `${e.message} ${e.detail ?? ""} ${JSON.stringify(e)} ${String(e.stack)}`;
      expect(everything).to.not.include(WRONG_PRIVATE_KEY);
      expect(everything).to.not.include(f.emulator.privateKey);
      expect(everything).to.not.match(/response="/);
    }
    expect(wrong.stats().retries).to.equal(0);
  });

  it("reports a valid key without the role as PERMISSION_DENIED", async () => {
    f = await startClientFixture();
    const member = await f.client.createApiKey(f.orgId, { desc: "member", roles: ["ORG_MEMBER"] });
    const asMember = f.clientWith({ publicKey: member.publicKey, privateKey: member.privateKey });
    const error = await rejectionOf(
      asMember.createApiKey(f.orgId, { desc: "x", roles: ["ORG_MEMBER"] }),
    );
    expect(isOpsManagerError(error) && error.code).to.equal("PERMISSION_DENIED");
    expect((error as Error).message).to.not.include(member.privateKey);
    expect(f.emulator.admin.listKeys(f.orgId).length).to.equal(2);
  });
});
