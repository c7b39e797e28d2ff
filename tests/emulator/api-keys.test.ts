import { expect } from "chai";
import { API, createKey, type Fixture, startFixture } from "./support/emulator-fixture";

const REDACTED = /^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/;

describe("emulator org API keys (K1-K5)", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.emulator.close());

  it("seeds an org with a 24-hex id and an ORG_OWNER bootstrap key of the documented shapes", () => {
    expect(f.emulator.orgId).to.match(/^[0-9a-f]{24}$/);
    expect(f.emulator.publicKey).to.match(/^[a-z]{8}$/);
    expect(f.emulator.privateKey).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(f.emulator.admin.listKeys(f.emulator.orgId)[0].roles).to.deep.equal(["ORG_OWNER"]);
  });

  it("returns the full private key on create and only the redacted form afterwards", async () => {
    const created = await f.owner.request("POST", f.keysPath, {
      desc: "ci",
      roles: ["ORG_MEMBER", "ORG_READ_ONLY"],
    });
    expect(created.status).to.equal(200);
    const full: string = created.json.privateKey;
    expect(full).to.match(/^[0-9a-f-]{36}$/);
    expect(created.json.roles).to.deep.equal([
      { orgId: f.emulator.orgId, roleName: "ORG_MEMBER" },
      { orgId: f.emulator.orgId, roleName: "ORG_READ_ONLY" },
    ]);
    expect(created.json.links[0].href).to.equal(
      `${f.emulator.baseUrl}${f.keysPath}/${created.json.id}`,
    );
    const redacted = `********-****-****-${full.slice(-12)}`;
    const one = await f.owner.request("GET", `${f.keysPath}/${created.json.id}`);
    const list = await f.owner.request("GET", f.keysPath);
    const patched = await f.owner.request("PATCH", `${f.keysPath}/${created.json.id}`, {
      desc: "ci 2",
    });
    expect(one.json.privateKey).to.equal(redacted);
    expect(list.json.results[1].privateKey).to.equal(redacted);
    expect(patched.json.privateKey).to.match(REDACTED);
    expect(patched.json.desc).to.equal("ci 2");
    expect(patched.json.roles).to.have.length(2);
  });

  for (const field of ["publicKey", "privateKey", "id", "colour"]) {
    it(`rejects the ${field} field with 400 INVALID_ATTRIBUTE naming it`, async () => {
      const res = await f.owner.request("POST", f.keysPath, {
        desc: "x",
        roles: ["ORG_MEMBER"],
        [field]: "v",
      });
      expect(res.status).to.equal(400);
      expect(res.json).to.deep.equal({
        detail: `Invalid attribute ${field} specified.`,
        error: 400,
        errorCode: "INVALID_ATTRIBUTE",
        parameters: [field],
        reason: "Bad Request",
      });
    });
  }

  const invalid: Array<[string, unknown, string]> = [
    ["malformed JSON", "{not json", "MALFORMED_JSON"],
    ["a role of another scope", { desc: "x", roles: ["GROUP_OWNER"] }, "INVALID_ROLE_FOR_ORG"],
    ["no roles", { desc: "x", roles: [] }, "MISSING_API_KEY_ROLES"],
    ["an empty description", { desc: "", roles: ["ORG_MEMBER"] }, "INVALID_API_KEY_DESC"],
    [
      "a 251-character description",
      { desc: "d".repeat(251), roles: ["ORG_MEMBER"] },
      "INVALID_API_KEY_DESC",
    ],
  ];
  for (const [what, body, code] of invalid) {
    it(`answers ${what} with 400 ${code}`, async () => {
      const res = await f.owner.request("POST", f.keysPath, body);
      expect(res.status).to.equal(400);
      expect(res.json.errorCode).to.equal(code);
      expect(f.emulator.admin.listKeys(f.emulator.orgId)).to.have.length(1);
    });
  }

  it("accepts a 250-character description", async () => {
    const res = await f.owner.request("POST", f.keysPath, {
      desc: "d".repeat(250),
      roles: ["ORG_OWNER"],
    });
    expect(res.status).to.equal(200);
  });

  it("patches roles alone and rejects a patch naming neither field", async () => {
    const key = await createKey(f);
    const roles = await f.owner.request("PATCH", `${f.keysPath}/${key.id}`, {
      roles: ["ORG_GROUP_CREATOR"],
    });
    expect(roles.json.roles).to.deep.equal([
      { orgId: f.emulator.orgId, roleName: "ORG_GROUP_CREATOR" },
    ]);
    expect(roles.json.desc).to.equal("test key");
    const empty = await f.owner.request("PATCH", `${f.keysPath}/${key.id}`, {});
    expect(empty.status).to.equal(400);
    expect(empty.json.errorCode).to.equal("MISSING_ONE_OF_ATTRIBUTES");
  });

  it("answers a missing key with 400 API_KEY_NOT_FOUND, or 404 with the switch", async () => {
    const missing = `${f.keysPath}/0123456789abcdef01234567`;
    const res = await f.owner.request("GET", missing);
    expect(res.status).to.equal(400);
    expect(res.json).to.include({
      errorCode: "API_KEY_NOT_FOUND",
      detail: "No API Key with ID 0123456789abcdef01234567 exists.",
    });
    f.emulator.configure({ missingKeyStatus: 404 });
    for (const method of ["GET", "DELETE"]) {
      const again = await f.owner.request(method, missing);
      expect(again.status).to.equal(404);
      expect(again.json.errorCode).to.equal("API_KEY_NOT_FOUND");
    }
  });

  it("deletes with 204 and an empty body, after which the key is gone", async () => {
    const key = await createKey(f);
    const res = await f.owner.request("DELETE", `${f.keysPath}/${key.id}`);
    expect(res.status).to.equal(204);
    expect(res.text).to.equal("");
    expect((await f.owner.request("GET", `${f.keysPath}/${key.id}`)).json.errorCode).to.equal(
      "API_KEY_NOT_FOUND",
    );
    expect((await key.client.request("GET", f.keysPath)).status).to.equal(401);
  });

  it("answers an unknown org with 404 ORG_NOT_FOUND", async () => {
    const res = await f.owner.request("GET", `${API}/orgs/ffffffffffffffffffffffff/apiKeys`);
    expect(res.status).to.equal(404);
    expect(res.json.errorCode).to.equal("ORG_NOT_FOUND");
  });

  it("answers an unknown path with 404 RESOURCE_NOT_FOUND naming method and path", async () => {
    const res = await f.owner.request("PUT", f.keysPath);
    expect(res.status).to.equal(404);
    expect(res.json.errorCode).to.equal("RESOURCE_NOT_FOUND");
    expect(res.json.detail).to.contain(`PUT ${f.keysPath}`);
  });

  it("lets a member read but not write keys (401 USER_UNAUTHORIZED)", async () => {
    const member = await createKey(f, ["ORG_MEMBER"]);
    expect((await member.client.request("GET", f.keysPath)).status).to.equal(200);
    const res = await member.client.request("POST", f.keysPath, {
      desc: "x",
      roles: ["ORG_MEMBER"],
    });
    expect(res.status).to.equal(401);
    expect(res.json.errorCode).to.equal("USER_UNAUTHORIZED");
    expect(res.headers["www-authenticate"]).to.equal(undefined);
  });

  it("refuses a key of another org (401 USER_UNAUTHORIZED)", async () => {
    const other = f.emulator.admin.createOrg();
    const { DigestClient } = await import("./support/digest-client");
    const stranger = new DigestClient(f.emulator.baseUrl, other.publicKey, other.privateKey);
    expect((await stranger.request("GET", f.keysPath)).json.errorCode).to.equal(
      "USER_UNAUTHORIZED",
    );
    expect((await stranger.request("GET", `${API}/orgs/${other.orgId}/apiKeys`)).status).to.equal(
      200,
    );
  });

  it("wraps an entity in {status, content} under envelope=true and pretty-prints with pretty=true", async () => {
    const key = await createKey(f);
    const res = await f.owner.request("GET", `${f.keysPath}/${key.id}?envelope=true&pretty=true`);
    expect(res.json.status).to.equal(200);
    expect(res.json.content.id).to.equal(key.id);
    expect(res.text).to.contain("\n  ");
  });

  it("derives ids and keys from the seed", async () => {
    const { startEmulator } = await import("../../emulator");
    const again = await startEmulator({ seed: 42 });
    try {
      expect([again.orgId, again.publicKey, again.privateKey]).to.deep.equal([
        f.emulator.orgId,
        f.emulator.publicKey,
        f.emulator.privateKey,
      ]);
    } finally {
      await again.close();
    }
  });
});
