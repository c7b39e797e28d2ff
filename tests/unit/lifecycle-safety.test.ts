/**
 * The safety rules in process, against the fake Ops Manager: strict "gone", the ownership record,
 * ignoreChanges in updates, the managing key, text limits, IPv4-mapped addresses, redacted check
 * failures and configuration hints.
 */
import { expect } from "chai";
import { OpsManagerError } from "../../provider/client/errors";
import { markedDescription } from "../../provider/lifecycle/api-key/create";
import { deleteOrgApiKey } from "../../provider/lifecycle/api-key/delete";
import { readOrgApiKey } from "../../provider/lifecycle/api-key/read";
import { updateOrgApiKey } from "../../provider/lifecycle/api-key/update";
import { checkOrgApiKey } from "../../provider/lifecycle/api-key/check";
import { withContext } from "../../provider/lifecycle/common/errors";
import { checkWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/check";
import {
  deleteWhitelistEntry,
  readWhitelistEntry,
} from "../../provider/lifecycle/whitelist-entry/read-update-delete";
import { FakeOpsManager, fakeContext, ORG, PRIVATE_KEY } from "./lifecycle-drift-support";
import { providerOf, runtimeOf } from "./lifecycle-runtime-support";

const PROVIDER = "provider text";

/** A 404 that is not Ops Manager's: an HTML page from a proxy (no errorCode). */
function proxy404(path: string): OpsManagerError {
  return new OpsManagerError(`GET ${path}: 404 an HTML page`, {
    code: "ENDPOINT_NOT_FOUND",
    status: 404,
    method: "GET",
    path,
    attempts: 1,
  });
}

function keyOutputs(fake: FakeOpsManager, id: string) {
  const key = fake.keys.get(id)!;
  return {
    apiKeyId: id,
    publicKey: key.publicKey,
    privateKey: PRIVATE_KEY,
    orgId: ORG,
    description: key.desc,
    roles: key.roles.map((r) => r.roleName),
    rotationTrigger: null,
    existingApiKeyId: null,
  };
}

async function failureOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error("expected a failure");
}

describe("lifecycle safety: only Ops Manager's own not-found answer means gone", () => {
  it("fails a key read and delete on a proxy's 404, naming the resource, instead of dropping or forgetting the key", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const id = fake.addKey("lives on");
    fake.failure = proxy404(`/orgs/${ORG}/apiKeys`);
    expect(await failureOf(() => readOrgApiKey(ctx, id, keyOutputs(fake, id)))).to.match(
      /OrgApiKey read of key .* failed: .*404.*opsmanager:baseUrl/,
    );
    expect(await failureOf(() => deleteOrgApiKey(ctx, id, keyOutputs(fake, id)))).to.match(
      /OrgApiKey delete of key .* failed/,
    );
  });

  it("fails an entry read and delete on a proxy's 404", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const key = fake.addKey("k");
    fake.lists.set(key, [{ cidrBlock: "10.0.0.0/24" }]);
    const outs = {
      orgId: ORG,
      apiKeyId: key,
      cidrBlock: "10.0.0.0/24",
      ipAddress: null,
      created: null,
      count: null,
      lastUsed: null,
      lastUsedAddress: null,
    };
    fake.failure = proxy404(`/orgs/${ORG}/apiKeys/${key}/accessList`);
    expect(await failureOf(() => readWhitelistEntry(ctx, `${key}/10.0.0.0/24`, outs))).to.match(
      /ApiKeyWhitelistEntry read of 10.0.0.0\/24/,
    );
    expect(await failureOf(() => deleteWhitelistEntry(ctx, `${key}/10.0.0.0/24`, outs))).to.match(
      /ApiKeyWhitelistEntry delete of 10.0.0.0\/24/,
    );
  });

  it("counts API_KEY_NOT_FOUND as gone: read returns {} and delete succeeds", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const id = fake.addKey("gone soon");
    const outs = keyOutputs(fake, id);
    fake.keys.delete(id);
    expect(await readOrgApiKey(ctx, id, outs)).to.deep.equal({});
    await deleteOrgApiKey(ctx, id, outs);
  });
});

describe("lifecycle safety: the ownership record of one deployment", () => {
  const keyInputs = (extra: Record<string, unknown> = {}) => ({
    orgId: ORG,
    description: "a",
    roles: ["ORG_MEMBER"],
    __provider: PROVIDER,
    ...extra,
  });

  it("keeps a key adopted by another resource when the resource that created it is deleted", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const created = await providerOf(runtimeOf(ctx), "OrgApiKey").create(keyInputs());
    // One later `pulumi up`: B adopts A's key, and A (removed from the program) is deleted.
    const deployment = providerOf(runtimeOf(ctx), "OrgApiKey");
    const adopted = await deployment.create(keyInputs({ existingApiKeyId: created.id }));
    expect(adopted.id).to.equal(created.id);
    await deployment.delete!(created.id, created.outs!);
    expect(fake.keys.has(created.id)).to.equal(true);
    expect(fake.count("K5")).to.equal(0);
    expect(ctx.warnings.join("\n")).to.match(/not deleted: another resource of this deployment/);
  });

  it("deletes the key its own resource created, in the same process or a later one", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const provider = providerOf(runtimeOf(ctx), "OrgApiKey");
    const first = await provider.create(keyInputs());
    expect(first.outs?.__owner).to.match(/^[0-9a-f]{16}$/);
    await provider.delete!(first.id, first.outs!);
    const second = await provider.create(keyInputs());
    await providerOf(runtimeOf(ctx), "OrgApiKey").delete!(second.id, second.outs!);
    expect(fake.keys.has(first.id) || fake.keys.has(second.id)).to.equal(false);
  });

  it("keeps the key of a pending delete whose replacement, diffed in this run, still manages it", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const id = fake.addKey("adopted by hand");
    const oldHalf = await providerOf(runtimeOf(ctx), "OrgApiKey").create(
      keyInputs({ existingApiKeyId: id }),
    );
    const newHalf = await providerOf(runtimeOf(ctx), "OrgApiKey").create(
      keyInputs({ existingApiKeyId: id }),
    );
    // The next `up` after an interrupted `up --replace`: the new half is diffed (unchanged),
    // then the pending delete of the old half runs.
    const next = providerOf(runtimeOf(ctx), "OrgApiKey");
    const checked = await next.check!({}, keyInputs({ existingApiKeyId: id }));
    expect((await next.diff!(id, newHalf.outs!, checked.inputs!)).changes).to.equal(false);
    await next.delete!(id, oldHalf.outs!);
    expect(fake.keys.has(id)).to.equal(true);
  });

  it("keeps an entry re-added by a replacement on the same key and address", async () => {
    const fake = new FakeOpsManager();
    const key = fake.addKey("k");
    const inputs = { orgId: ORG, apiKeyId: key, cidrBlock: "10.1.0.0/16", __provider: PROVIDER };
    const ctx = fakeContext(fake);
    const old = await providerOf(runtimeOf(ctx), "ApiKeyWhitelistEntry").create(inputs);
    const deployment = providerOf(runtimeOf(ctx), "ApiKeyWhitelistEntry");
    await deployment.create(inputs);
    await deployment.delete!(old.id, old.outs!);
    expect(fake.lists.get(key)?.map((e) => e.cidrBlock)).to.deep.equal(["10.1.0.0/16"]);
  });
});

describe("lifecycle safety: updates honour ignoreChanges", () => {
  it("PATCHes only the property that is not ignored, though both drifted in Ops Manager", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake, { ttlMs: 0 });
    const id = fake.addKey("declared", ["ORG_MEMBER"]);
    const olds = keyOutputs(fake, id);
    fake.keys.set(id, {
      ...fake.keys.get(id)!,
      desc: "renamed in the UI",
      roles: [{ roleName: "ORG_READ_ONLY", orgId: ORG }],
    });
    await updateOrgApiKey(ctx, id, olds, {
      orgId: ORG,
      description: "declared",
      roles: ["ORG_MEMBER"],
      __ignoreChanges: ["description"],
    });
    const patches = fake.calls.filter((c) => c.startsWith("K4"));
    expect(patches).to.deep.equal([`K4 ${id} {"roles":["ORG_MEMBER"]}`]);
    expect(fake.keys.get(id)?.desc).to.equal("renamed in the UI");
  });
});

describe("lifecycle safety: the managing key", () => {
  it("refuses to delete the key whose public key the provider authenticates with", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const id = fake.addKey("managing");
    const outs = { ...keyOutputs(fake, id), publicKey: ctx.settings.client.publicKey };
    const message = await failureOf(() => deleteOrgApiKey(ctx, id, outs));
    expect(message).to.include(`public key ${ctx.settings.client.publicKey}`);
    expect(message).to.match(/pulumi state delete/);
    expect(fake.keys.has(id)).to.equal(true);
  });
});

describe("lifecycle safety: text and addresses as Ops Manager stores them", () => {
  it("never splits a surrogate pair when the create marker shortens a description", () => {
    const description = "a" + "🔑".repeat(124); // 249 UTF-16 code units
    const marked = markedDescription(description, "0123456789ab");
    expect(marked.length).to.be.at.most(250);
    expect(marked).to.not.match(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(marked.endsWith(" [pulumi:0123456789ab]")).to.equal(true);
  });

  it("canonicalizes an IPv4-mapped IPv6 address to the IPv4 entry Ops Manager stores", () => {
    const ip = checkWhitelistEntry(
      {},
      { orgId: ORG, apiKeyId: ORG, ipAddress: "::ffff:203.0.113.9" },
    );
    expect(ip.failures).to.deep.equal([]);
    expect(ip.inputs.ipAddress).to.equal("203.0.113.9");
    const cidr = checkWhitelistEntry(
      {},
      { orgId: ORG, apiKeyId: ORG, cidrBlock: "::ffff:203.0.113.0/120" },
    );
    expect(cidr.inputs.cidrBlock).to.equal("203.0.113.0/24");
    const wide = checkWhitelistEntry({}, { orgId: ORG, apiKeyId: ORG, cidrBlock: "::ffff:0:0/80" });
    expect(wide.failures[0]?.reason).to.match(/IPv4-mapped .*write the IPv4 network/);
  });

  it("never echoes a secret-shaped value in a check failure", () => {
    const result = checkWhitelistEntry(
      {},
      { orgId: ORG, apiKeyId: PRIVATE_KEY, ipAddress: "10.0.0.1" },
    );
    const text = JSON.stringify(result.failures);
    expect(result.failures.map((f) => f.property)).to.deep.equal(["apiKeyId"]);
    expect(text).to.not.include(PRIVATE_KEY);
    expect(text).to.include("[REDACTED]");
    const key = checkOrgApiKey({}, { orgId: PRIVATE_KEY, description: "d", roles: ["ORG_MEMBER"] });
    expect(JSON.stringify(key.failures)).to.not.include(PRIVATE_KEY);
  });
});

describe("lifecycle safety: configuration hints", () => {
  it("tells a 401 that refresh and destroy use the configuration recorded at the last up", () => {
    const unauthorized = new OpsManagerError("GET /orgs/x/apiKeys: 401 the key was refused", {
      code: "UNAUTHORIZED",
      status: 401,
      method: "GET",
      path: "/orgs/x/apiKeys",
      attempts: 1,
    });
    const message = withContext("OrgApiKey read of key k (org x)", unauthorized).message;
    expect(message).to.match(/opsmanager:publicKey/);
    expect(message).to.match(
      /`pulumi refresh` and `pulumi destroy` use the configuration recorded/,
    );
    expect(message).to.match(/run `pulumi up` once/);
  });
});
