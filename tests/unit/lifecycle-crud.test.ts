import { expect } from "chai";
import { deleteOrgApiKey } from "../../provider/lifecycle/api-key/delete";
import { readOrgApiKey } from "../../provider/lifecycle/api-key/read";
import { updateOrgApiKey } from "../../provider/lifecycle/api-key/update";
import { diffOrgApiKey } from "../../provider/lifecycle/api-key/diff";
import { configure, dispatch } from "../../provider/lifecycle/index";
import type { OrgApiKeyOutputs } from "../../provider/lifecycle/types";
import {
  expectJsonSafe,
  fixture,
  keyIds,
  stackConfig,
  type Fixture,
} from "./lifecycle-crud-support";

const PROVIDER = "exports.handler = __f0; /* shim text */";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Outputs without the owner token, which dispatch (not the update function) adds. */
function withoutOwner(outs: unknown): Record<string, unknown> {
  const { __owner: _owner, ...rest } = outs as Record<string, unknown>;
  return rest;
}

describe("lifecycle CRUD: OrgApiKey against the emulator", () => {
  let f: Fixture;
  const provider = { kind: "OrgApiKey" };
  beforeEach(async () => {
    f = await fixture();
    configure(provider, { config: { get: (k: string) => stackConfig(f.emulator)[k] } });
  });
  afterEach(() => f.close());

  function inputs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      orgId: f.emulator.orgId,
      description: "ci key",
      roles: ["ORG_OWNER", "ORG_MEMBER"],
      __provider: PROVIDER,
      ...overrides,
    };
  }
  async function create(overrides: Record<string, unknown> = {}) {
    return (await dispatch(provider, "create", [inputs(overrides)])) as {
      id: string;
      outs: OrgApiKeyOutputs;
    };
  }

  it("creates a key with complete, JSON-safe outputs and the unredacted private key", async () => {
    const { id, outs } = await create();
    expectJsonSafe(outs);
    expect(outs).to.include({
      apiKeyId: id,
      orgId: f.emulator.orgId,
      description: "ci key",
      rotationTrigger: null,
      existingApiKeyId: null,
    });
    expect(outs.roles).to.deep.equal(["ORG_MEMBER", "ORG_OWNER"]);
    expect(outs.privateKey).to.match(UUID);
    expect(keyIds(f.emulator)).to.include(id);
  });

  it("reads a key back, carrying the private key forward from state and reporting declared inputs", async () => {
    const { id, outs } = await create({ rotationTrigger: "r1" });
    const read = (await dispatch(provider, "read", [
      id,
      { ...outs, __provider: PROVIDER },
    ])) as Record<string, unknown>;
    expect(read.id).to.equal(id);
    expect(read.props).to.deep.equal(outs);
    expect(read.inputs).to.deep.equal({
      orgId: outs.orgId,
      description: "ci key",
      roles: outs.roles,
      rotationTrigger: "r1",
    });
    expectJsonSafe(read);
  });

  it("shows drift made outside Pulumi as a diff after refresh", async () => {
    const { id, outs } = await create();
    f.emulator.admin.setKeyDescription(f.emulator.orgId, id, "changed by hand");
    const read = (await readOrgApiKey(f.ctx, id, outs)) as { props: OrgApiKeyOutputs };
    expect(read.props.description).to.equal("changed by hand");
    expect(read.props.privateKey).to.equal(outs.privateKey);
    expect(diffOrgApiKey(id, read.props, inputs()).changes).to.equal(true);
  });

  it("returns {} from read once the key is deleted outside Pulumi, and delete still succeeds", async () => {
    const { id, outs } = await create();
    f.emulator.admin.deleteKey(f.emulator.orgId, id);
    expect(await dispatch(provider, "read", [id, outs])).to.deep.equal({});
    await dispatch(provider, "delete", [id, outs]);
  });

  it("returns {} from read with a 404 server as well", async () => {
    const { id, outs } = await create();
    f.emulator.configure({ missingKeyStatus: 404 });
    f.emulator.admin.deleteKey(f.emulator.orgId, id);
    expect(await readOrgApiKey(f.ctx, id, outs)).to.deep.equal({});
  });

  it("updates only what changed, with one PATCH, and keeps the private key", async () => {
    const { id, outs } = await create();
    f.emulator.clearLog();
    const { outs: updated } = await updateOrgApiKey(
      f.ctx,
      id,
      outs,
      inputs({ description: "renamed" }),
    );
    const writes = f.emulator.requests.filter((r) => r.method !== "GET" && r.status < 400);
    expect(writes.map((r) => r.method)).to.deep.equal(["PATCH"]);
    expect(JSON.parse(writes[0].requestBody ?? "{}")).to.deep.equal({ desc: "renamed" });
    expect(updated).to.deep.equal({ ...withoutOwner(outs), description: "renamed" });
    expect(f.emulator.admin.listKeys(f.emulator.orgId).find((k) => k.id === id)?.desc).to.equal(
      "renamed",
    );
  });

  it("makes no write when an update changes nothing the API holds", async () => {
    const { id, outs } = await create();
    f.emulator.clearLog();
    const { outs: updated } = await updateOrgApiKey(
      f.ctx,
      id,
      outs,
      inputs({ roles: ["ORG_MEMBER", "ORG_OWNER"] }),
    );
    // driftCheck live (the default) reads the live key to compare with; nothing is written.
    expect(f.emulator.requests.filter((r) => r.method !== "GET")).to.have.length(0);
    expect(updated).to.deep.equal(withoutOwner(outs));
  });

  it("deletes a key, and deleting it again succeeds", async () => {
    const { id, outs } = await create();
    await deleteOrgApiKey(f.ctx, id, outs);
    expect(keyIds(f.emulator)).to.not.include(id);
    await deleteOrgApiKey(f.ctx, id, outs);
  });
});
