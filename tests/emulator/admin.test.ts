import { expect } from "chai";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { DigestClient, rawRequest } from "./support/digest-client";
import { createKey, type Fixture, startFixture } from "./support/emulator-fixture";
import { generateCertificates } from "../support/certificates";

describe("emulator admin door", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.emulator.close());

  it("changes state behind the API's back", async () => {
    const key = await createKey(f);
    const { admin, orgId } = f.emulator;
    await f.owner.request("POST", `${f.keysPath}/${key.id}/accessList`, [
      { cidrBlock: "10.0.0.0/8" },
      { ipAddress: "1.2.3.4" },
    ]);
    admin.setKeyDescription(orgId, key.id, "drifted");
    admin.setKeyRoles(orgId, key.id, ["ORG_READ_ONLY"]);
    admin.deleteEntry(orgId, key.id, "1.2.3.4");
    const res = await f.owner.request("GET", `${f.keysPath}/${key.id}`);
    expect(res.json.desc).to.equal("drifted");
    expect(res.json.roles).to.deep.equal([{ orgId, roleName: "ORG_READ_ONLY" }]);
    expect(admin.listEntries(orgId, key.id)).to.deep.equal([
      { cidrBlock: "10.0.0.0/8", ipAddress: null },
    ]);
    admin.deleteKey(orgId, key.id);
    expect(admin.listKeys(orgId)).to.have.length(1);
    expect(() => admin.deleteKey(orgId, key.id)).to.throw(/no API key/);
  });

  it("offers the same operations over HTTP under /__emulator without auth", async () => {
    const key = await createKey(f);
    const base = f.emulator.baseUrl;
    const door = `/__emulator/orgs/${f.emulator.orgId}/apiKeys/${key.id}`;
    await f.owner.request("POST", `${f.keysPath}/${key.id}/accessList`, [
      { cidrBlock: "10.0.0.0/8" },
    ]);
    const desc = await rawRequest(base, "POST", `${door}/desc`, {
      body: JSON.stringify({ desc: "via http" }),
    });
    expect(desc.status).to.equal(200);
    expect(f.emulator.admin.listKeys(f.emulator.orgId)[1].desc).to.equal("via http");
    expect((await rawRequest(base, "DELETE", `${door}/accessList/10.0.0.0%2F8`)).status).to.equal(
      200,
    );
    expect((await rawRequest(base, "GET", `${door}/accessList`)).json).to.deep.equal([]);
    const state = await rawRequest(base, "GET", "/__emulator/state");
    expect(state.json.orgs[0].keys).to.have.length(2);
    expect(state.text).not.to.contain(f.emulator.privateKey);
    await rawRequest(base, "POST", "/__emulator/configure", {
      body: JSON.stringify({ missingKeyStatus: 404 }),
    });
    expect(
      (await f.owner.request("GET", `${f.keysPath}/0123456789abcdef01234567`)).status,
    ).to.equal(404);
    const unknown = await rawRequest(base, "GET", "/__emulator/nothing");
    expect(unknown.status).to.equal(404);
    expect(unknown.json.error).to.contain("GET /__emulator/nothing");
  });

  it("creates further orgs with their own owner key", async () => {
    const created = (await rawRequest(f.emulator.baseUrl, "POST", "/__emulator/orgs")).json;
    const client = new DigestClient(f.emulator.baseUrl, created.publicKey, created.privateKey);
    const res = await client.request("GET", `/api/public/v1.0/orgs/${created.orgId}/apiKeys`);
    expect(res.status).to.equal(200);
    expect(res.json.results[0].roles[0].roleName).to.equal("ORG_OWNER");
  });
});

describe("emulator dataFile and TLS", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "om-emulator-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps orgs, keys and entries across a restart in a 0600 data file", async () => {
    const dataFile = join(dir, "state.json");
    const first = await startEmulator({ dataFile });
    const owner = new DigestClient(first.baseUrl, first.publicKey, first.privateKey);
    const keysPath = `/api/public/v1.0/orgs/${first.orgId}/apiKeys`;
    const created = await owner.request("POST", keysPath, {
      desc: "persisted",
      roles: ["ORG_MEMBER"],
    });
    await owner.request("POST", `${keysPath}/${created.json.id}/accessList`, [
      { ipAddress: "1.2.3.4" },
    ]);
    await first.close();
    expect(statSync(dataFile).mode & 0o777).to.equal(0o600);
    const second = await startEmulator({ dataFile });
    try {
      expect([second.orgId, second.publicKey, second.privateKey]).to.deep.equal([
        first.orgId,
        first.publicKey,
        first.privateKey,
      ]);
      expect(second.admin.listEntries(second.orgId, created.json.id)).to.deep.equal([
        { cidrBlock: "1.2.3.4/32", ipAddress: "1.2.3.4" },
      ]);
      const again = new DigestClient(
        second.baseUrl,
        created.json.publicKey,
        created.json.privateKey,
      );
      // Its persisted list (1.2.3.4 only) keeps the loopback caller out.
      expect((await again.request("GET", keysPath)).json.errorCode).to.equal(
        "IP_ADDRESS_NOT_ON_ACCESS_LIST",
      );
    } finally {
      await second.close();
    }
  });

  it("serves HTTPS when given a certificate", async () => {
    const certificates = generateCertificates();
    const pem = certificates.selfSigned;
    const emulator = await startEmulator({ tls: pem });
    try {
      expect(emulator.baseUrl).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
      const client = new DigestClient(
        emulator.baseUrl,
        emulator.publicKey,
        emulator.privateKey,
        pem.cert,
      );
      expect(
        (await client.request("GET", `/api/public/v1.0/orgs/${emulator.orgId}/apiKeys`)).status,
      ).to.equal(200);
    } finally {
      await emulator.close();
      certificates.remove();
    }
  });
});
