import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../../emulator/index";
import type { Emulator } from "../../emulator/types";
import * as lifecycle from "../../provider/lifecycle/index";
import { loadProvider, programDir } from "./load-provider";

type Shims = typeof import("../../provider/resources/shim");
const SHIM_MODULE = require.resolve("../../provider/resources/shim");
const LIFECYCLE_MODULE = require.resolve("../../provider/lifecycle/index");

async function serialize(shim: object): Promise<string> {
  return (await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true })).text;
}

/** A fresh copy of the shim module (the serializer sees new objects, nothing cached). */
function freshShims(): Shims {
  delete require.cache[SHIM_MODULE];
  return require(SHIM_MODULE) as Shims;
}

describe("serialized provider shim", () => {
  const shims = freshShims();
  const both: Array<[string, object]> = [
    ["OrgApiKey", shims.orgApiKeyShim],
    ["ApiKeyWhitelistEntry", shims.whitelistEntryShim],
  ];

  for (const [kind, shim] of both) {
    it(`${kind}: is at most 4 KB and only requires the lifecycle entry point`, async () => {
      const text = await serialize(shim);
      expect(Buffer.byteLength(text)).to.be.at.most(4096);
      expect(text).to.include(
        'require("pulumi-opsmanager-apikeys/dist/provider/lifecycle/index.js")',
      );
      expect(text).to.include(`kind: "${kind}"`);
      for (const internal of [
        "checkOrgApiKey",
        "diffWhitelistEntry",
        "createOrgApiKey",
        "resolveSettings",
        "ipaddr",
        "got",
        "createClient",
        "process.env",
      ]) {
        expect(text, internal).to.not.include(internal);
      }
    });
  }

  it("contains no credentials, even after configure() ran on the same object", async () => {
    const before = await serialize(shims.orgApiKeyShim);
    const secret = "cfg-private-3f2b7c1e-9a4d-4e8b";
    lifecycle.configure(shims.orgApiKeyShim, {
      config: {
        get: (k: string) =>
          ({ "opsmanager:privateKey": secret, "opsmanager:publicKey": "cfgpublic" })[k],
      },
    });
    const after = await serialize(shims.orgApiKeyShim);
    expect(after).to.equal(before);
    expect(after).to.not.include(secret).and.to.not.include("cfgpublic");
    expect(Object.keys(shims.orgApiKeyShim).sort()).to.deep.equal([
      "check",
      "configure",
      "create",
      "delete",
      "diff",
      "kind",
      "read",
      "update",
    ]);
  });

  it("is byte-identical when the implementation behind it changes", async () => {
    const original = await serialize(freshShims().whitelistEntryShim);
    const loaded = require(LIFECYCLE_MODULE) as Record<string, unknown>;
    const saved = loaded.dispatch;
    try {
      loaded.dispatch = async function changedImplementation() {
        return "a different implementation";
      };
      expect(await serialize(freshShims().whitelistEntryShim)).to.equal(original);
    } finally {
      loaded.dispatch = saved;
    }
  });

  it("differs between the two resources only in kind", async () => {
    const key = await serialize(shims.orgApiKeyShim);
    const entry = await serialize(shims.whitelistEntryShim);
    expect(
      entry.replace(/ApiKeyWhitelistEntry/g, "K").replace(/whitelistEntryShim/g, "S"),
    ).to.equal(key.replace(/OrgApiKey/g, "K").replace(/orgApiKeyShim/g, "S"));
  });
});

describe("serialized provider loaded like the host loads it", () => {
  let emulator: Emulator;
  let program: ReturnType<typeof programDir>;
  before(async () => {
    emulator = await startEmulator({ seed: 11 });
    program = programDir();
  });
  after(async () => {
    program.remove();
    await emulator.close();
  });

  it("configures from stack config, then creates, reads and deletes a key and an entry against the emulator", async () => {
    const shims = freshShims();
    const config: Record<string, string> = {
      "opsmanager:baseUrl": emulator.baseUrl,
      "opsmanager:publicKey": emulator.publicKey,
      "opsmanager:privateKey": emulator.privateKey,
    };
    const keyText = await serialize(shims.orgApiKeyShim);
    const keyProvider = loadProvider(keyText, program.dir);
    await keyProvider.configure({ config: { get: (k: string) => config[k] } });
    const inputs = {
      orgId: emulator.orgId,
      description: "from the shim",
      roles: ["ORG_MEMBER"],
      __provider: keyText,
    };
    const checked = (await keyProvider.check({}, inputs)) as {
      inputs: Record<string, unknown>;
      failures: unknown[];
    };
    expect(checked.failures).to.deep.equal([]);
    const created = (await keyProvider.create(checked.inputs)) as {
      id: string;
      outs: Record<string, unknown>;
    };
    expect(emulator.admin.listKeys(emulator.orgId).map((k) => k.id)).to.include(created.id);

    const entryText = await serialize(shims.whitelistEntryShim);
    const entryProvider = loadProvider(entryText, program.dir);
    await entryProvider.configure({ config: { get: (k: string) => config[k] } });
    const entry = (await entryProvider.create({
      orgId: emulator.orgId,
      apiKeyId: created.id,
      ipAddress: "192.0.2.44",
    })) as {
      id: string;
      outs: Record<string, unknown>;
    };
    expect(entry.id).to.equal(`${created.id}/192.0.2.44/32`);

    const read = (await keyProvider.read(created.id, created.outs)) as {
      props: Record<string, unknown>;
    };
    expect(read.props.privateKey).to.equal(created.outs.privateKey);
    await entryProvider.delete(entry.id, entry.outs);
    await keyProvider.delete(created.id, created.outs);
    expect(emulator.admin.listKeys(emulator.orgId).map((k) => k.id)).to.not.include(created.id);
  });
});
