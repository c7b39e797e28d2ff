import { expect } from "chai";
import { createWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/add-entry";
import {
  deleteWhitelistEntry,
  readWhitelistEntry,
  updateWhitelistEntry,
} from "../../provider/lifecycle/whitelist-entry/read-update-delete";
import type { ApiKeyWhitelistEntryOutputs } from "../../provider/lifecycle/types";
import type { AccessListMode } from "../../emulator/types";
import { expectJsonSafe, fixture, type Fixture } from "./lifecycle-crud-support";

const PROVIDER = "exports.handler = __f0; /* shim text */";

for (const mode of ["both", "whitelist-only"] as AccessListMode[]) {
  describe(`lifecycle CRUD: ApiKeyWhitelistEntry against the emulator (${mode})`, () => {
    let f: Fixture;
    let keyId: string;
    beforeEach(async () => {
      f = await fixture({ accessListMode: mode });
      keyId = (
        await f.ctx.client.createApiKey(f.emulator.orgId, { desc: "k", roles: ["ORG_MEMBER"] })
      ).id;
    });
    afterEach(() => f.close());

    const inputs = (address: Record<string, string>) => ({
      orgId: f.emulator.orgId,
      apiKeyId: keyId,
      ...address,
      __provider: PROVIDER,
    });
    const listed = () =>
      f.emulator.admin.listEntries(f.emulator.orgId, keyId).map((e) => e.cidrBlock);

    it("creates a single-address entry with id <key>/<cidr> and complete, JSON-safe outputs", async () => {
      const { id, outs } = await createWhitelistEntry(f.ctx, inputs({ ipAddress: "203.0.113.7" }));
      expect(id).to.equal(`${keyId}/203.0.113.7/32`);
      expect(outs).to.include({
        orgId: f.emulator.orgId,
        apiKeyId: keyId,
        cidrBlock: "203.0.113.7/32",
        ipAddress: "203.0.113.7",
      });
      expect(outs.created).to.be.a("string");
      expect(outs).to.have.all.keys(
        "orgId",
        "apiKeyId",
        "cidrBlock",
        "ipAddress",
        "created",
        "count",
        "lastUsed",
        "lastUsedAddress",
      );
      expectJsonSafe(outs);
      expect(listed()).to.deep.equal(["203.0.113.7/32"]);
    });

    it("creates network and IPv6 entries in canonical form", async () => {
      const net = await createWhitelistEntry(f.ctx, inputs({ cidrBlock: "10.1.0.0/16" }));
      const v6 = await createWhitelistEntry(f.ctx, inputs({ ipAddress: "2001:db8::1" }));
      expect(net.outs).to.include({ cidrBlock: "10.1.0.0/16", ipAddress: null });
      expect(v6.id).to.equal(`${keyId}/2001:db8::1/128`);
      expect(listed().sort()).to.deep.equal(["10.1.0.0/16", "2001:db8::1/128"]);
    });

    it("reads an entry back with declared inputs, and {} once it is removed outside Pulumi", async () => {
      const { id, outs } = await createWhitelistEntry(f.ctx, inputs({ cidrBlock: "10.1.0.0/16" }));
      const read = await readWhitelistEntry(f.ctx, id, { ...outs, __provider: PROVIDER });
      expect(read).to.deep.equal({
        id,
        props: outs,
        inputs: { orgId: f.emulator.orgId, apiKeyId: keyId, cidrBlock: "10.1.0.0/16" },
      });
      f.emulator.admin.deleteEntry(f.emulator.orgId, keyId, "10.1.0.0/16");
      expect(await readWhitelistEntry(f.ctx, id, outs)).to.deep.equal({});
    });

    it("reads {} and deletes successfully when the entry's key is gone", async () => {
      const { id, outs } = await createWhitelistEntry(f.ctx, inputs({ ipAddress: "198.51.100.1" }));
      f.emulator.admin.deleteKey(f.emulator.orgId, keyId);
      expect(await readWhitelistEntry(f.ctx, id, outs)).to.deep.equal({});
      await deleteWhitelistEntry(f.ctx, id, outs);
    });

    it("deletes an entry, and deleting it again succeeds", async () => {
      const { id, outs } = await createWhitelistEntry(f.ctx, inputs({ ipAddress: "198.51.100.1" }));
      await deleteWhitelistEntry(f.ctx, id, outs);
      expect(listed()).to.deep.equal([]);
      await deleteWhitelistEntry(f.ctx, id, outs);
    });
  });
}

describe("lifecycle CRUD: ApiKeyWhitelistEntry edge cases", () => {
  let f: Fixture;
  let keyId: string;
  afterEach(() => f.close());
  async function start(options = {}): Promise<void> {
    f = await fixture(options);
    keyId = (
      await f.ctx.client.createApiKey(f.emulator.orgId, { desc: "k", roles: ["ORG_MEMBER"] })
    ).id;
  }

  it("adopts an address that is already listed when the server answers 409", async () => {
    await start({ duplicateEntry: "conflict" });
    const declared = {
      orgId: f.emulator.orgId,
      apiKeyId: keyId,
      ipAddress: "192.0.2.9",
      __provider: PROVIDER,
    };
    await f.ctx.client.addAccessListEntries(f.emulator.orgId, keyId, [{ ipAddress: "192.0.2.9" }]);
    const { outs } = await createWhitelistEntry(f.ctx, declared);
    expect(outs.cidrBlock).to.equal("192.0.2.9/32");
  });

  it("creates a key's entries declared together with one POST, each with its own outputs", async () => {
    await start();
    const from = f.emulator.requests.length;
    const addresses = ["192.0.2.1", "192.0.2.2", "192.0.2.3"];
    const created = await Promise.all(
      addresses.map((ipAddress) =>
        createWhitelistEntry(f.ctx, {
          orgId: f.emulator.orgId,
          apiKeyId: keyId,
          ipAddress,
          __provider: PROVIDER,
        }),
      ),
    );
    expect(created.map((c) => c.outs.cidrBlock)).to.deep.equal(addresses.map((a) => `${a}/32`));
    expect(created.map((c) => c.id)).to.deep.equal(addresses.map((a) => `${keyId}/${a}/32`));
    const posts = f.emulator.requests.slice(from).filter((r) => r.method === "POST");
    expect(posts).to.have.length(1);
  });

  it("creates the new entry and adopts the listed one when a shared POST is answered 409", async () => {
    await start({ duplicateEntry: "conflict" });
    await f.ctx.client.addAccessListEntries(f.emulator.orgId, keyId, [{ ipAddress: "192.0.2.9" }]);
    const declare = (ipAddress: string) =>
      createWhitelistEntry(f.ctx, {
        orgId: f.emulator.orgId,
        apiKeyId: keyId,
        ipAddress,
        __provider: PROVIDER,
      });
    const [listedBefore, fresh] = await Promise.all([declare("192.0.2.9"), declare("192.0.2.10")]);
    expect(listedBefore.outs.cidrBlock).to.equal("192.0.2.9/32");
    expect(fresh.outs.cidrBlock).to.equal("192.0.2.10/32");
    expect(
      f.emulator.admin
        .listEntries(f.emulator.orgId, keyId)
        .map((e) => e.cidrBlock)
        .sort(),
    ).to.deep.equal(["192.0.2.10/32", "192.0.2.9/32"]);
  });

  it("re-adds a missing entry on update (after a partial create) and returns complete outputs", async () => {
    await start();
    const news = {
      orgId: f.emulator.orgId,
      apiKeyId: keyId,
      cidrBlock: "10.9.0.0/16",
      __provider: PROVIDER,
    };
    const olds: Partial<ApiKeyWhitelistEntryOutputs> = {
      orgId: f.emulator.orgId,
      apiKeyId: keyId,
      cidrBlock: "10.9.0.0/16",
    };
    const { outs } = await updateWhitelistEntry(f.ctx, `${keyId}/10.9.0.0/16`, olds, news);
    expect(outs.created).to.be.a("string");
    expect(
      f.emulator.admin.listEntries(f.emulator.orgId, keyId).map((e) => e.cidrBlock),
    ).to.deep.equal(["10.9.0.0/16"]);
  });

  it("refuses to write an input that is still unknown", async () => {
    await start();
    const news = {
      orgId: f.emulator.orgId,
      apiKeyId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
      ipAddress: "192.0.2.1",
    };
    f.emulator.clearLog();
    const error = await createWhitelistEntry(f.ctx, news).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/apiKeyId/);
    expect(f.emulator.requests).to.have.length(0);
  });

  it("rejects a state whose id is not <apiKeyId>/<cidr> with a message saying what to do", async () => {
    await start();
    const error = await readWhitelistEntry(f.ctx, "garbage", { orgId: f.emulator.orgId }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/pulumi state delete/);
  });
});
