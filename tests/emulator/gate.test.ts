import { expect } from "chai";
import { createKey, type Fixture, startFixture } from "./support/emulator-fixture";

describe("emulator IP access-list gate", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.emulator.close());

  it("refuses a key whose list does not contain the caller's address (403, ip in parameters)", async () => {
    const key = await createKey(f);
    await f.owner.request("POST", `${f.keysPath}/${key.id}/accessList`, [
      { cidrBlock: "10.0.0.0/8" },
    ]);
    const res = await key.client.request("GET", f.keysPath);
    expect(res.status).to.equal(403);
    expect(res.json).to.deep.include({
      errorCode: "IP_ADDRESS_NOT_ON_ACCESS_LIST",
      parameters: ["127.0.0.1"],
    });
    const legacy = await key.client.request("GET", `${f.keysPath}/${key.id}/whitelist`);
    expect(legacy.json.errorCode).to.equal("IP_ADDRESS_NOT_ON_WHITELIST");
  });

  it("counts requests on the admitting entry and records lastUsed and lastUsedAddress", async () => {
    const key = await createKey(f);
    const listPath = `${f.keysPath}/${key.id}/accessList`;
    await f.owner.request("POST", listPath, [
      { cidrBlock: "127.0.0.0/8" },
      { ipAddress: "127.0.0.1" },
    ]);
    expect((await key.client.request("GET", f.keysPath)).status).to.equal(200);
    const res = await key.client.request("GET", `${listPath}/127.0.0.1`);
    expect(res.json).to.include({ count: 2, lastUsedAddress: "127.0.0.1" });
    expect(res.json.lastUsed).to.match(/Z$/);
    const wide = await f.owner.request("GET", `${listPath}/127.0.0.0%2F8`);
    expect(wide.json.count).to.equal(0);
  });

  it("refuses removal of the entry that admits the caller (400 CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST)", async () => {
    const key = await createKey(f);
    const listPath = `${f.keysPath}/${key.id}/accessList`;
    await f.owner.request("POST", listPath, [
      { ipAddress: "127.0.0.1" },
      { cidrBlock: "10.0.0.0/8" },
    ]);
    const res = await key.client.request("DELETE", `${listPath}/127.0.0.1`);
    expect(res.status).to.equal(400);
    expect(res.json).to.deep.include({
      errorCode: "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST",
      parameters: ["127.0.0.1"],
    });
    expect((await key.client.request("DELETE", `${listPath}/10.0.0.0%2F8`)).status).to.equal(204);
    expect((await f.owner.request("DELETE", `${listPath}/127.0.0.1`)).status).to.equal(204);
  });

  it("refuses a key with an empty list when the org requires an access list", async () => {
    f.emulator.configure({ requireAccessList: true });
    const res = await f.owner.request("GET", f.keysPath);
    expect(res.status).to.equal(403);
    expect(res.json).to.deep.include({
      errorCode: "ORG_REQUIRES_ACCESS_LIST",
      parameters: ["127.0.0.1"],
    });
    f.emulator.configure({ requireAccessList: false });
    expect((await f.owner.request("GET", f.keysPath)).status).to.equal(200);
  });
});
