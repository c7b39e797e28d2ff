import { expect } from "chai";
import { createKey, type Fixture, startFixture } from "./support/emulator-fixture";

describe("emulator access list (A1-A4, W1-W4)", () => {
  let f: Fixture;
  let keyId: string;
  let listPath: string;
  beforeEach(async () => {
    f = await startFixture();
    keyId = (await createKey(f)).id;
    listPath = `${f.keysPath}/${keyId}/accessList`;
  });
  afterEach(() => f.emulator.close());

  it("adds ipAddress and cidrBlock entries and answers 200 with the full list", async () => {
    const res = await f.owner.request("POST", listPath, [
      { ipAddress: "203.0.113.25" },
      { cidrBlock: "10.20.0.0/16" },
    ]);
    expect(res.status).to.equal(200);
    expect(res.json.totalCount).to.equal(2);
    const [single, cidr] = res.json.results;
    expect(single).to.include({
      cidrBlock: "203.0.113.25/32",
      ipAddress: "203.0.113.25",
      count: 0,
    });
    expect(single.created).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(single).not.to.have.property("lastUsed");
    expect(single.links[0].href).to.equal(`${f.emulator.baseUrl}${listPath}/203.0.113.25`);
    expect(cidr).to.include({ cidrBlock: "10.20.0.0/16", ipAddress: null });
    expect(cidr.links[0].href).to.equal(`${f.emulator.baseUrl}${listPath}/10.20.0.0%2F16`);
    const again = await f.owner.request("POST", listPath, [{ ipAddress: "198.51.100.7" }]);
    expect(again.json.totalCount).to.equal(3);
  });

  it("addresses a /32 entry by bare IP or by %2F32, and CIDR entries by %2F or %2f", async () => {
    await f.owner.request("POST", listPath, [
      { cidrBlock: "203.0.113.25/32" },
      { cidrBlock: "10.20.0.0/16" },
    ]);
    for (const entry of ["203.0.113.25", "203.0.113.25%2F32", "203.0.113.25%2f32"]) {
      const res = await f.owner.request("GET", `${listPath}/${entry}`);
      expect(res.status, entry).to.equal(200);
      expect(res.json.cidrBlock).to.equal("203.0.113.25/32");
      expect(res.json).not.to.have.property("ipAddress");
    }
    const cidr = await f.owner.request("GET", `${listPath}/10.20.0.0%2f16`);
    expect(cidr.json.links.map((l: { rel: string }) => l.rel)).to.deep.equal([
      "self",
      "http://mms.mongodb.com/apiKeys",
    ]);
    const slash = await f.owner.request("GET", `${listPath}/10.20.0.0/16`);
    expect(slash.status).to.equal(404);
    expect(slash.json.errorCode).to.equal("RESOURCE_NOT_FOUND");
  });

  it("deletes an entry with 204 and then answers 404 in the spelling of the route", async () => {
    await f.owner.request("POST", listPath, [{ cidrBlock: "10.20.0.0/16" }]);
    const deleted = await f.owner.request("DELETE", `${listPath}/10.20.0.0%2F16`);
    expect(deleted.status).to.equal(204);
    expect(deleted.text).to.equal("");
    const gone = await f.owner.request("GET", `${listPath}/10.20.0.0%2F16`);
    expect(gone.status).to.equal(404);
    expect(gone.json.errorCode).to.equal("API_KEY_ACCESS_LIST_NOT_FOUND");
    const legacy = await f.owner.request(
      "DELETE",
      `${f.keysPath}/${keyId}/whitelist/10.20.0.0%2F16`,
    );
    expect(legacy.status).to.equal(404);
    expect(legacy.json.errorCode).to.equal("API_KEY_WHITELIST_NOT_FOUND");
  });

  const invalid: Array<[string, unknown, string]> = [
    [
      "both forms in one element",
      [{ ipAddress: "1.2.3.4", cidrBlock: "1.2.3.4/32" }],
      "BAD_WHITELIST_ADD_REQUEST",
    ],
    ["neither form", [{}], "MISSING_ONE_OF_ATTRIBUTES"],
    ["an invalid address", [{ ipAddress: "300.1.1.1" }], "INVALID_IP_ADDRESS_OR_CIDR_NOTATION"],
    ["a CIDR with host bits set", [{ cidrBlock: "10.20.1.5/16" }], "INVALID_CIDR_BLOCK"],
    [
      "the same address twice",
      [{ ipAddress: "1.2.3.4" }, { cidrBlock: "1.2.3.4/32" }],
      "DUPLICATE_ADDRESSES_IN_INPUT",
    ],
    ["an unknown field", [{ ipAddress: "1.2.3.4", comment: "x" }], "INVALID_ATTRIBUTE"],
    ["a body that is not an array", { ipAddress: "1.2.3.4" }, "INVALID_JSON"],
  ];
  for (const [what, body, code] of invalid) {
    it(`rejects ${what} with 400 ${code} and adds nothing`, async () => {
      const res = await f.owner.request("POST", listPath, [{ ipAddress: "9.9.9.9" }]);
      expect(res.status).to.equal(200);
      const bad = await f.owner.request("POST", listPath, body);
      expect(bad.status).to.equal(400);
      expect(bad.json.errorCode).to.equal(code);
      expect(f.emulator.admin.listEntries(f.emulator.orgId, keyId)).to.have.length(1);
    });
  }

  it("ignores an address already listed, or answers 409 in the spelling of the route", async () => {
    await f.owner.request("POST", listPath, [{ ipAddress: "1.2.3.4" }]);
    const noop = await f.owner.request("POST", listPath, [{ cidrBlock: "1.2.3.4/32" }]);
    expect(noop.status).to.equal(200);
    expect(noop.json.totalCount).to.equal(1);
    f.emulator.configure({ duplicateEntry: "conflict" });
    const conflict = await f.owner.request("POST", listPath, [{ ipAddress: "1.2.3.4" }]);
    expect(conflict.status).to.equal(409);
    expect(conflict.json.errorCode).to.equal("ADDRESS_ALREADY_IN_ACCESS_LIST");
    const legacy = await f.owner.request("POST", `${f.keysPath}/${keyId}/whitelist`, [
      { ipAddress: "1.2.3.4" },
    ]);
    expect(legacy.json.errorCode).to.equal("ADDRESS_ALREADY_IN_WHITELIST");
  });

  it("stores IPv6 canonically with /128, or refuses it with 400 IPV6_UNSUPPORTED", async () => {
    const res = await f.owner.request("POST", listPath, [
      { ipAddress: "2001:0DB8:0:0::1" },
      { cidrBlock: "2001:db8:1::/48" },
    ]);
    expect(res.json.results.map((e: { cidrBlock: string }) => e.cidrBlock)).to.deep.equal([
      "2001:db8::1/128",
      "2001:db8:1::/48",
    ]);
    expect(res.json.results[0].ipAddress).to.equal("2001:db8::1");
    expect((await f.owner.request("GET", `${listPath}/2001:db8::1`)).status).to.equal(200);
    expect((await f.owner.request("GET", `${listPath}/2001:db8:1::%2F48`)).status).to.equal(200);
    f.emulator.configure({ ipv6: false });
    const refused = await f.owner.request("POST", listPath, [{ ipAddress: "2001:db8::2" }]);
    expect(refused.status).to.equal(400);
    expect(refused.json).to.include({ errorCode: "IPV6_UNSUPPORTED" });
  });

  it("serves whitelist routes with links that echo the whitelist segment", async () => {
    const res = await f.owner.request("POST", `${f.keysPath}/${keyId}/whitelist`, [
      { cidrBlock: "10.0.0.0/8" },
    ]);
    expect(res.status).to.equal(200);
    expect(res.json.links[0].href).to.contain("/whitelist?");
    expect(res.json.results[0].links[0].href).to.equal(
      `${f.emulator.baseUrl}${f.keysPath}/${keyId}/whitelist/10.0.0.0%2F8`,
    );
    expect((await f.owner.request("GET", `${listPath}/10.0.0.0%2F8`)).status).to.equal(200);
  });

  it("answers 404 RESOURCE_NOT_FOUND on accessList routes in whitelist-only mode, and vice versa", async () => {
    f.emulator.configure({ accessListMode: "whitelist-only" });
    const res = await f.owner.request("GET", listPath);
    expect(res.status).to.equal(404);
    expect(res.json.errorCode).to.equal("RESOURCE_NOT_FOUND");
    expect((await f.owner.request("GET", `${f.keysPath}/${keyId}/whitelist`)).status).to.equal(200);
    f.emulator.configure({ accessListMode: "accessList-only" });
    expect((await f.owner.request("GET", `${f.keysPath}/${keyId}/whitelist`)).status).to.equal(404);
    expect((await f.owner.request("GET", listPath)).status).to.equal(200);
  });

  it("answers API_KEY_NOT_FOUND for the access list of a missing key", async () => {
    const res = await f.owner.request("POST", `${f.keysPath}/0123456789abcdef01234567/accessList`, [
      { ipAddress: "1.2.3.4" },
    ]);
    expect(res.status).to.equal(400);
    expect(res.json.errorCode).to.equal("API_KEY_NOT_FOUND");
  });

  it("lets a key manage its own list but not another key's (400 …_ACCESS_DENIED in the route's spelling)", async () => {
    const other = await createKey(f);
    expect(
      (await other.client.request("GET", `${f.keysPath}/${other.id}/accessList`)).status,
    ).to.equal(200);
    const res = await other.client.request("GET", listPath);
    expect(res.status).to.equal(400);
    expect(res.json.errorCode).to.equal("API_KEY_ACCESS_LIST_ACCESS_DENIED");
    const legacy = await other.client.request("GET", `${f.keysPath}/${keyId}/whitelist`);
    expect(legacy.status).to.equal(400);
    expect(legacy.json.errorCode).to.equal("API_KEY_WHITELIST_ACCESS_DENIED");
  });

  it("refuses a key's delete of the entry admitting its own request (CANNOT_REMOVE_CALLER_FROM_…)", async () => {
    const own = await createKey(f);
    const ownList = `${f.keysPath}/${own.id}/accessList`;
    expect((await f.owner.request("POST", ownList, [{ ipAddress: "127.0.0.1" }])).status).to.equal(
      200,
    );
    const refused = await own.client.request("DELETE", `${ownList}/127.0.0.1`);
    expect(refused.status).to.equal(400);
    expect(refused.json.errorCode).to.equal("CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST");
    const legacy = await own.client.request(
      "DELETE",
      `${f.keysPath}/${own.id}/whitelist/127.0.0.1`,
    );
    expect(legacy.json.errorCode).to.equal("CANNOT_REMOVE_CALLER_FROM_WHITELIST");
    expect((await f.owner.request("DELETE", `${ownList}/127.0.0.1`)).status).to.equal(204);
  });
});
