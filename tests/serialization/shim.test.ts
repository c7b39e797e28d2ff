import { expect } from "chai";
import { startEmulator } from "../../emulator/index";
import type { Emulator } from "../../emulator/types";
import { installedPackage, REPO_ROOT } from "../../engine-harness/host";
import { serializerModuleName } from "../../provider/resources/shim";
import { loadProvider } from "./load-provider";
import { installedWithVersion, linkedProgramDir, providerTexts } from "./provider-texts";

/** The one statement a provider text may hold besides the SDK's fixed wrapper. */
const REQUIRE = /require\("pulumi-opsmanager-apikeys\/dist\/provider\/shims\/([a-z-]+)\.js"\)/g;

const SHIM_FILES: Record<string, string> = {
  OrgApiKey: "org-api-key",
  ApiKeyWhitelistEntry: "whitelist-entry",
  ApiKeyProjectAssignment: "project-assignment",
};

/** Environment and stack config that must not reach the text. */
const NOISY_ENV = {
  MCLI_OPS_MANAGER_URL: "https://om.example.test:8443",
  MCLI_PUBLIC_API_KEY: "envpublickey",
  MCLI_PRIVATE_API_KEY: "env-private-7c1e9a4d-4e8b",
  PULUMI_CONFIG: JSON.stringify({
    "opsmanager:baseUrl": "https://other.example.test",
    "opsmanager:privateKey": "cfg-private-3f2b7c1e-9a4d",
    "proj:orgId": "5f0c8b7e9d1a2b3c4d5e6f70",
  }),
};

describe("serialized provider text (__provider)", function () {
  this.timeout(120000);
  let installed: Record<string, string>;
  before(async () => {
    installed = await providerTexts((await installedPackage()).programDir);
  });

  it("is, for every resource class, at most 1,024 bytes and only a require of its shim module", () => {
    expect(Object.keys(installed)).to.include.members(["OrgApiKey", "ApiKeyWhitelistEntry"]);
    for (const [type, text] of Object.entries(installed)) {
      expect(Buffer.byteLength(text), type).to.be.at.most(1024);
      const required = [...text.matchAll(REQUIRE)].map((m) => m[1]);
      expect(required, type).to.deep.equal([SHIM_FILES[type]]);
      expect(text.match(/require\(/g), type).to.have.length(1);
      expect(text, type).to.not.match(/async|dispatch|configure|lifecycle|kind/);
    }
  });

  it("is byte-identical from a package repacked with another version", async () => {
    const other = await installedWithVersion("9.8.7-repack");
    try {
      expect(await providerTexts(other.programDir)).to.deep.equal(installed);
    } finally {
      other.remove();
    }
  });

  it("is byte-identical under other stack config and environment, and holds none of it", async () => {
    const texts = await providerTexts((await installedPackage()).programDir, NOISY_ENV);
    expect(texts).to.deep.equal(installed);
    for (const text of Object.values(texts)) {
      for (const needle of ["envpublickey", "env-private", "cfg-private", "example.test"]) {
        expect(text).to.not.include(needle);
      }
    }
  });

  it("is the same text from a linked checkout (node_modules/<package> a symlink to the repository)", async () => {
    const linked = linkedProgramDir();
    try {
      expect(await providerTexts(linked.dir)).to.deep.equal(installed);
    } finally {
      linked.remove();
    }
  });

  it("fails loudly, saying how to install the package, when the program cannot reach the package through node_modules", async () => {
    const unlinked = linkedProgramDir(false);
    try {
      const failure = await providerTexts(unlinked.dir, { OM_PACKAGE: REPO_ROOT }).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(failure).to.be.a("string");
      expect(failure).to.include("does not reach as node_modules/pulumi-opsmanager-apikeys");
      expect(failure).to.include("npm link pulumi-opsmanager-apikeys");
    } finally {
      unlinked.remove();
    }
  });
});

describe("serializerModuleName (the SDK serializer's module rule)", () => {
  it("names the path after the first node_modules segment, relative to cwd", () => {
    expect(serializerModuleName("/p/node_modules/pkg/dist/a.js", "/p")).to.equal("pkg/dist/a.js");
    expect(serializerModuleName("/x/node_modules/pkg/dist/a.js", "/p/q")).to.equal("pkg/dist/a.js");
  });

  it("treats a path outside any node_modules as a local module (serialized as code)", () => {
    expect(serializerModuleName("/repo/dist/a.js", "/p")).to.equal(undefined);
    expect(serializerModuleName("/p/dist/a.js", "/p")).to.equal(undefined);
  });
});

describe("serialized provider loaded like the host loads it", function () {
  this.timeout(120000);
  let emulator: Emulator;
  let linked: ReturnType<typeof linkedProgramDir>;
  let texts: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ seed: 11 });
    linked = linkedProgramDir();
    texts = await providerTexts(linked.dir);
  });
  after(async () => {
    linked.remove();
    await emulator.close();
  });

  // Deletes are not called here: this process is one deployment for the lifecycle, which keeps
  // what it created in the same deployment (upgrade.test.ts destroys through a fresh host).
  it("configures from stack config, then creates and reads a key and an entry against the emulator", async () => {
    const config: Record<string, string> = {
      "opsmanager:baseUrl": emulator.baseUrl,
      "opsmanager:publicKey": emulator.publicKey,
      "opsmanager:privateKey": emulator.privateKey,
    };
    const keyProvider = loadProvider(texts.OrgApiKey, linked.dir);
    expect(keyProvider.kind).to.equal("OrgApiKey");
    await keyProvider.configure({ config: { get: (k: string) => config[k] } });
    const inputs = {
      orgId: emulator.orgId,
      description: "from the shim",
      roles: ["ORG_MEMBER"],
      __provider: texts.OrgApiKey,
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

    const entryProvider = loadProvider(texts.ApiKeyWhitelistEntry, linked.dir);
    expect(entryProvider.kind).to.equal("ApiKeyWhitelistEntry");
    await entryProvider.configure({ config: { get: (k: string) => config[k] } });
    const entry = (await entryProvider.create({
      orgId: emulator.orgId,
      apiKeyId: created.id,
      ipAddress: "192.0.2.44",
    })) as { id: string; outs: Record<string, unknown> };
    expect(entry.id).to.equal(`${created.id}/192.0.2.44/32`);

    const read = (await keyProvider.read(created.id, created.outs)) as {
      props: Record<string, unknown>;
    };
    expect(read.props.privateKey).to.equal(created.outs.privateKey);
  });
});
