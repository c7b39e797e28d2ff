import { expect } from "chai";
import { providerOf, runtimeOf } from "./lifecycle-runtime-support";
import { createOrgApiKey } from "../../provider/lifecycle/api-key/create";
import { expectJsonSafe, fixture, keyIds, type Fixture } from "./lifecycle-crud-support";

const PROVIDER = "exports.handler = __f0; /* shim text */";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("lifecycle CRUD: OrgApiKey adoption", () => {
  let f: Fixture;
  beforeEach(async () => (f = await fixture()));
  afterEach(() => f.close());

  it("adopts an existing key: sets declared description and roles, privateKey null, with a warning", async () => {
    const existing = await f.ctx.client.createApiKey(f.emulator.orgId, {
      desc: "made by hand",
      roles: ["ORG_READ_ONLY"],
    });
    const declared = {
      orgId: f.emulator.orgId,
      description: "adopted",
      roles: ["ORG_MEMBER"],
      existingApiKeyId: existing.id,
    };
    const { id, outs } = await createOrgApiKey(f.ctx, { ...declared, __provider: PROVIDER });
    expect(id).to.equal(existing.id);
    expect(outs).to.deep.include({
      privateKey: null,
      description: "adopted",
      roles: ["ORG_MEMBER"],
      existingApiKeyId: existing.id,
    });
    expect(f.emulator.admin.listKeys(f.emulator.orgId).find((k) => k.id === id)).to.deep.include({
      desc: "adopted",
      roles: ["ORG_MEMBER"],
    });
    expect(f.warnings.join("\n")).to.match(/private key .*null/);
    expect(f.warnings.join("\n")).to.not.include(existing.privateKey);
  });

  it("fails clearly when the key to adopt does not exist, naming the id and what to do", async () => {
    const missing = "0123456789abcdef01234567";
    const declared = {
      orgId: f.emulator.orgId,
      description: "adopted",
      roles: ["ORG_MEMBER"],
      existingApiKeyId: missing,
    };
    const error = await createOrgApiKey(f.ctx, declared).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message)
      .to.include(missing)
      .and.to.match(/existingApiKeyId/);
  });

  it("reports a partial create (id, complete properties with __provider, reasons) when the adoption update fails", async () => {
    const existing = await f.ctx.client.createApiKey(f.emulator.orgId, {
      desc: "made by hand",
      roles: ["ORG_READ_ONLY"],
    });
    f.emulator.configure({ faults: { seed: 1, serverError: 1, methods: ["PATCH"] } });
    const declared = {
      orgId: f.emulator.orgId,
      description: "adopted",
      roles: ["ORG_MEMBER"],
      existingApiKeyId: existing.id,
    };
    const error = (await createOrgApiKey(f.ctx, { ...declared, __provider: PROVIDER }).then(
      () => null,
      (e: unknown) => e,
    )) as { id: string; properties: Record<string, unknown>; reasons: string[]; message: string };
    expect(error.id).to.equal(existing.id);
    expect(error.properties.__provider).to.equal(PROVIDER);
    expect(error.properties).to.include.all.keys(
      "apiKeyId",
      "publicKey",
      "privateKey",
      "orgId",
      "description",
      "roles",
      "rotationTrigger",
      "existingApiKeyId",
    );
    expectJsonSafe(error.properties);
    expect(error.reasons).to.deep.equal([error.message]);
    expect(error.message)
      .to.include(existing.id)
      .and.to.match(/pulumi up/);
  });
});

describe("lifecycle CRUD: replacing an adopted key", () => {
  let f: Fixture;
  afterEach(() => f.close());

  it("does not delete the key when the replacement adopted it again (pulumi up --replace)", async () => {
    f = await fixture();
    const existing = await f.ctx.client.createApiKey(f.emulator.orgId, {
      desc: "made by hand",
      roles: ["ORG_READ_ONLY"],
    });
    const inputs = {
      orgId: f.emulator.orgId,
      description: "adopted",
      roles: ["ORG_MEMBER"],
      existingApiKeyId: existing.id,
      __provider: PROVIDER,
    };
    // Create-before-delete: the replacement adopts the same key, then the old resource goes.
    const old = await providerOf(runtimeOf(f.ctx), "OrgApiKey").create(inputs);
    const deployment = providerOf(runtimeOf(f.ctx), "OrgApiKey"); // a later up, one process
    const replacement = await deployment.create(inputs);
    expect(replacement.id).to.equal(old.id);
    await deployment.delete!(old.id, old.outs!);
    expect(keyIds(f.emulator)).to.include(existing.id);
    expect(f.warnings.join("\n")).to.match(
      /not deleted: another resource of this deployment manages/,
    );
  });
});

describe("lifecycle CRUD: OrgApiKey create with a lost response", () => {
  const declared = (orgId: string) => ({
    orgId,
    description: "ci key",
    roles: ["ORG_MEMBER"],
    __provider: PROVIDER,
  });
  let f: Fixture;
  afterEach(() => f.close());

  it("deletes the key a lost POST created and creates exactly one key with a known private key", async () => {
    let posts = 0;
    f = await fixture(
      { faults: { seed: 3, resetAfterWrite: 1, methods: ["POST"] } },
      (client, emulator) => ({
        ...client,
        createApiKey: async (...args) => {
          try {
            return await client.createApiKey(...args);
          } finally {
            if (++posts === 1) emulator.configure({ faults: undefined });
          }
        },
      }),
    );
    const before = keyIds(f.emulator);
    const { id, outs } = await createOrgApiKey(f.ctx, declared(f.emulator.orgId));
    expect(posts).to.equal(2);
    expect(outs.privateKey).to.match(UUID);
    expect(keyIds(f.emulator)).to.deep.equal([...before, id].sort());
    expect(f.warnings.join("\n")).to.match(/deleted API key [0-9a-f]{24}/);
  });

  it("never leaves an orphan key when every POST loses its response, and says to retry", async () => {
    f = await fixture({ faults: { seed: 3, resetAfterWrite: 1, methods: ["POST"] } });
    const before = keyIds(f.emulator);
    const error = await createOrgApiKey(f.ctx, declared(f.emulator.orgId)).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message)
      .to.match(/were deleted/)
      .and.to.match(/pulumi up/);
    expect(keyIds(f.emulator)).to.deep.equal(before);
  });

  it("never deletes a key with the same description and roles made elsewhere just before a lost POST", async () => {
    f = await fixture();
    await createOrgApiKey(f.ctx, declared(f.emulator.orgId)); // the org has been listed, cached
    const other = await f.ctx.client.createApiKey(f.emulator.orgId, {
      desc: "ci key",
      roles: ["ORG_MEMBER"],
    }); // e.g. another stack's identical key, created a moment ago
    f.emulator.configure({ faults: { seed: 3, resetAfterWrite: 1, methods: ["POST"] } });
    await createOrgApiKey(f.ctx, declared(f.emulator.orgId)).catch(() => undefined);
    expect(keyIds(f.emulator)).to.include(other.id);
  });

  it("never deletes a pre-existing key with the same description and roles", async () => {
    f = await fixture();
    const twin = await f.ctx.client.createApiKey(f.emulator.orgId, {
      desc: "ci key",
      roles: ["ORG_MEMBER"],
    });
    f.emulator.configure({ faults: { seed: 3, resetAfterWrite: 1, methods: ["POST"] } });
    await createOrgApiKey(f.ctx, declared(f.emulator.orgId)).catch(() => undefined);
    expect(keyIds(f.emulator)).to.include(twin.id);
  });
});
