import { expect } from "chai";
import type { AccessListMode } from "../../emulator";
import { isNotFound, isOpsManagerError, type AccessListPath } from "../../provider/client";
import { logLines, rejectionOf, startClientFixture, type ClientFixture } from "./support/fixture";

interface Flavour {
  readonly mode: AccessListMode;
  readonly accessListPath: AccessListPath;
  readonly served: "accessList" | "whitelist";
  readonly fallback: boolean;
}

const FLAVOURS: Flavour[] = [
  { mode: "both", accessListPath: "auto", served: "accessList", fallback: false },
  { mode: "accessList-only", accessListPath: "accessList", served: "accessList", fallback: false },
  { mode: "accessList-only", accessListPath: "auto", served: "accessList", fallback: false },
  { mode: "whitelist-only", accessListPath: "whitelist", served: "whitelist", fallback: false },
  { mode: "whitelist-only", accessListPath: "auto", served: "whitelist", fallback: true },
];

describe("client endpoints against the emulator", () => {
  for (const flavour of FLAVOURS) {
    describe(`${flavour.mode} server, accessListPath ${flavour.accessListPath}`, () => {
      let f: ClientFixture;
      beforeEach(async () => {
        f = await startClientFixture(
          { accessListMode: flavour.mode },
          { accessListPath: flavour.accessListPath },
        );
      });
      afterEach(() => f.close());

      it("creates, reads, lists, updates and deletes a key", async () => {
        const created = await f.client.createApiKey(f.orgId, {
          desc: "ci key",
          roles: ["ORG_MEMBER"],
        });
        expect(created.id).to.match(/^[0-9a-f]{24}$/);
        expect(created.privateKey).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
        expect(created.roles).to.deep.equal([{ roleName: "ORG_MEMBER", orgId: f.orgId }]);

        const read = await f.client.getApiKey(f.orgId, created.id);
        expect(read.publicKey).to.equal(created.publicKey);
        expect(read.privateKey).to.match(/^\*{8}-/);

        const listed = await f.client.listApiKeys(f.orgId);
        expect(listed.map((k) => k.id)).to.include(created.id);

        const updated = await f.client.updateApiKey(f.orgId, created.id, {
          desc: "renamed",
          roles: ["ORG_READ_ONLY", "ORG_MEMBER"],
        });
        expect(updated.desc).to.equal("renamed");
        expect(updated.roles.map((r) => r.roleName).sort()).to.deep.equal([
          "ORG_MEMBER",
          "ORG_READ_ONLY",
        ]);
        expect(f.emulator.admin.listKeys(f.orgId).find((k) => k.id === created.id)?.desc).to.equal(
          "renamed",
        );

        await f.client.deleteApiKey(f.orgId, created.id);
        const gone = await rejectionOf(f.client.getApiKey(f.orgId, created.id));
        expect(isNotFound(gone)).to.equal(true);
      });

      it("adds, reads, lists and deletes access-list entries on the served route", async () => {
        const key = await f.client.createApiKey(f.orgId, {
          desc: "entries",
          roles: ["ORG_MEMBER"],
        });
        const logStart = f.emulator.requests.length;

        const page = await f.client.addAccessListEntries(f.orgId, key.id, [
          { ipAddress: "198.51.100.7" },
          { cidrBlock: "10.20.0.0/16" },
          { ipAddress: "2001:db8::1" },
        ]);
        expect(page.map((e) => e.cidrBlock).sort()).to.deep.equal([
          "10.20.0.0/16",
          "198.51.100.7/32",
          "2001:db8::1/128",
        ]);

        const single = await f.client.getAccessListEntry(f.orgId, key.id, "198.51.100.7/32");
        expect(single).to.include({ cidrBlock: "198.51.100.7/32", ipAddress: "198.51.100.7" });
        const network = await f.client.getAccessListEntry(f.orgId, key.id, "10.20.0.0/16");
        expect(network.cidrBlock).to.equal("10.20.0.0/16");
        const v6 = await f.client.getAccessListEntry(f.orgId, key.id, "2001:db8::1/128");
        expect(v6.cidrBlock).to.equal("2001:db8::1/128");

        await f.client.deleteAccessListEntry(f.orgId, key.id, "10.20.0.0/16");
        await f.client.deleteAccessListEntry(f.orgId, key.id, "2001:db8::1");
        const listed = await f.client.listAccessList(f.orgId, key.id);
        expect(listed.map((e) => e.cidrBlock)).to.deep.equal(["198.51.100.7/32"]);
        expect(f.emulator.admin.listEntries(f.orgId, key.id).map((e) => e.cidrBlock)).to.deep.equal(
          ["198.51.100.7/32"],
        );

        const missing = await rejectionOf(
          f.client.getAccessListEntry(f.orgId, key.id, "10.20.0.0/16"),
        );
        expect(isNotFound(missing)).to.equal(true);

        const lines = logLines(f.emulator, logStart);
        const other = flavour.served === "accessList" ? "whitelist" : "accessList";
        const onOther = lines.filter((l) => l.includes(`/${other}`));
        expect(onOther.length, lines.join("\n")).to.equal(flavour.fallback ? 1 : 0);
        expect(lines.some((l) => l.includes(`/${flavour.served}/10.20.0.0%2F16 204`))).to.equal(
          true,
        );
        expect(lines.some((l) => l.includes(`/${flavour.served}/198.51.100.7 200`))).to.equal(true);
        expect(f.warnings.length).to.equal(flavour.fallback ? 1 : 0);
        if (flavour.fallback) expect(f.warnings[0]).to.include("whitelist");
      });
    });
  }

  describe("fallback rules", () => {
    let f: ClientFixture;
    afterEach(() => f.close());

    it("does not fall back to whitelist when the key is missing (404 API_KEY_NOT_FOUND)", async () => {
      f = await startClientFixture({ accessListMode: "both", missingKeyStatus: 404 });
      const error = await rejectionOf(f.client.listAccessList(f.orgId, "0123456789abcdef01234567"));
      expect(isOpsManagerError(error) && error.errorCode).to.equal("API_KEY_NOT_FOUND");
      expect(f.warnings).to.deep.equal([]);
      expect(logLines(f.emulator).filter((l) => l.includes("/whitelist"))).to.deep.equal([]);
    });

    it("does not fall back when configured for accessList only", async () => {
      f = await startClientFixture(
        { accessListMode: "whitelist-only" },
        { accessListPath: "accessList" },
      );
      const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
      const error = await rejectionOf(f.client.listAccessList(f.orgId, key.id));
      expect(isOpsManagerError(error) && error.status).to.equal(404);
      expect(isOpsManagerError(error) && error.errorCode).to.equal("RESOURCE_NOT_FOUND");
      expect(f.warnings).to.deep.equal([]);
    });

    it("remembers the whitelist route per client and warns once", async () => {
      f = await startClientFixture({ accessListMode: "whitelist-only" });
      const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
      await Promise.all([1, 2, 3].map(() => f.client.listAccessList(f.orgId, key.id)));
      await f.client.listAccessList(f.orgId, key.id);
      expect(f.warnings.length).to.equal(1);
      const probes = logLines(f.emulator).filter((l) => l.includes("/accessList"));
      expect(probes.length).to.be.within(1, 3);
      const fresh = f.clientWith({});
      await fresh.listAccessList(f.orgId, key.id);
      expect(f.warnings.length, "a new client probes again").to.equal(2);
    });
  });
});
