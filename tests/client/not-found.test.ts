import { expect } from "chai";
import {
  isOpsManagerError,
  isOpsManagerNotFound,
  type OpsManagerError,
} from "../../provider/client";
import { logLines, rejectionOf, startClientFixture, type ClientFixture } from "./support/fixture";

const MISSING = "0123456789abcdef01234567";

describe("client strict not-found against the emulator", () => {
  let f: ClientFixture;
  afterEach(() => f.close());

  it("reports a proxy's HTML 404 for a wrong base path as ENDPOINT_NOT_FOUND naming the URL, never as gone", async () => {
    f = await startClientFixture({ htmlNotFound: true });
    const wrong = f.clientWith({ baseUrl: `${f.emulator.baseUrl}/wrong-prefix` });
    const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
    const calls: Array<[string, () => Promise<unknown>]> = [
      ["getApiKey", () => wrong.getApiKey(f.orgId, key.id)],
      ["deleteApiKey", () => wrong.deleteApiKey(f.orgId, key.id)],
      ["deleteAccessListEntry", () => wrong.deleteAccessListEntry(f.orgId, key.id, "10.0.0.0/24")],
      [
        "unassignApiKeyFromProject",
        () => wrong.unassignApiKeyFromProject(f.emulator.projectId, key.id),
      ],
    ];
    for (const [name, call] of calls) {
      const error = (await rejectionOf(call())) as OpsManagerError;
      expect(isOpsManagerError(error), name).to.equal(true);
      expect(error.code, name).to.equal("ENDPOINT_NOT_FOUND");
      expect(isOpsManagerNotFound(error), name).to.equal(false);
      expect(error.detail, name).to.equal('an HTML page titled "404 Not Found"');
      expect(error.message, name).to.include(`${f.emulator.baseUrl}/wrong-prefix/api/public/v1.0/`);
      expect(error.message, name).to.include("base URL");
      expect(error.message, name).to.include("proxy");
    }
    expect(f.emulator.admin.listKeys(f.orgId).map((k) => k.id)).to.include(key.id);
  });

  it("reports Ops Manager's own 404 RESOURCE_NOT_FOUND for a wrong base path as ENDPOINT_NOT_FOUND", async () => {
    f = await startClientFixture();
    const wrong = f.clientWith({ baseUrl: `${f.emulator.baseUrl}/om` });
    const error = (await rejectionOf(wrong.deleteApiKey(f.orgId, MISSING))) as OpsManagerError;
    expect(error.code).to.equal("ENDPOINT_NOT_FOUND");
    expect(error.errorCode).to.equal("RESOURCE_NOT_FOUND");
    expect(isOpsManagerNotFound(error)).to.equal(false);
  });

  it("reports a missing key or entry as Ops Manager's own NOT_FOUND", async () => {
    f = await startClientFixture({ missingKeyStatus: 404 });
    const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
    for (const call of [
      () => f.client.deleteApiKey(f.orgId, MISSING),
      () => f.client.getAccessListEntry(f.orgId, key.id, "10.9.9.9"),
      () => f.client.deleteAccessListEntry(f.orgId, key.id, "10.9.0.0/16"),
    ]) {
      const error = (await rejectionOf(call())) as OpsManagerError;
      expect(error.code).to.equal("NOT_FOUND");
      expect(isOpsManagerNotFound(error)).to.equal(true);
    }
  });

  it("keeps a missing organization distinct (ORG_NOT_FOUND) and never switches to whitelist for it", async () => {
    f = await startClientFixture();
    const error = (await rejectionOf(f.client.listAccessList(MISSING, MISSING))) as OpsManagerError;
    expect(error.code).to.equal("ORG_NOT_FOUND");
    expect(error.path).to.include("/accessList");
    expect(isOpsManagerNotFound(error)).to.equal(false);
    expect(f.warnings).to.deep.equal([]);
    const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
    const from = f.emulator.requests.length;
    await f.client.listAccessList(f.orgId, key.id);
    expect(logLines(f.emulator, from).every((l) => l.includes("/accessList"))).to.equal(true);
  });

  it("falls back to whitelist when a proxy answers the accessList route with an HTML 404", async () => {
    f = await startClientFixture({ accessListMode: "whitelist-only", htmlNotFound: true });
    const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
    await f.client.addAccessListEntries(f.orgId, key.id, [{ cidrBlock: "10.1.0.0/16" }]);
    const entries = await f.client.listAccessList(f.orgId, key.id);
    expect(entries.map((e) => e.cidrBlock)).to.deep.equal(["10.1.0.0/16"]);
    expect(f.warnings.length).to.equal(1);
    expect(f.warnings[0]).to.include("/whitelist");
  });
});
