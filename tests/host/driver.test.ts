/**
 * The host driver itself (engine-harness/host), proven against the real
 * `@pulumi/pulumi/cmd/dynamic-provider` with a throwaway provider package.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import {
  captureRegistrations,
  isHostCallError,
  makeUrn,
  packAndInstall,
  startHost,
  UNKNOWN,
  type Host,
  type Registration,
} from "../../engine-harness/host";
import {
  THROWAWAY_PROGRAM,
  THROWAWAY_TYPE,
  writeThrowawayPackage,
} from "./fixtures/throwaway-package";

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected the call to fail");
}

describe("host driver (throwaway provider through the real dynamic-provider host)", function () {
  this.timeout(60000);
  let packageDir: string;
  let host: Host;
  let registration: Registration;
  let provider: string;
  const urn = makeUrn(THROWAWAY_TYPE, "d1");

  before(async () => {
    packageDir = writeThrowawayPackage();
    const { programDir } = await packAndInstall({ packageDir });
    const captured = await captureRegistrations(programDir, THROWAWAY_PROGRAM);
    registration = captured.registrations.find((r) => r.type === THROWAWAY_TYPE)!;
    provider = registration.providerText!;
    host = await startHost(programDir, { DEMO_ENV: "from-env" });
  });

  after(async () => {
    await host?.stop();
    fs.rmSync(packageDir, { recursive: true, force: true });
  });

  it("captures the serialized provider and the registered options of the resource class", () => {
    expect(provider).to.be.a("string").and.include("exports.handler");
    expect(registration.providerIsSecret).to.equal(false);
    expect(registration.additionalSecretOutputs).to.deep.equal(["url"]);
    expect(registration.deleteBeforeReplace).to.equal(true);
    expect(registration.inputs).to.include({ name: "First" });
  });

  it("answers Configure like the Node host does: no secrets, no preview", async () => {
    const res = await host.configure(
      { "demo:url": "http://u", "demo:token": "tok-123", "proj:bare": "b" },
      ["demo:token"],
    );
    expect(res).to.include({ acceptSecrets: false, supportsPreview: false });
  });

  it("returns checked inputs with __provider forced and failures decoded", async () => {
    const ok = await host.check(urn, {}, { name: "First", __provider: provider });
    expect(ok.inputs).to.deep.equal({ name: "first", __provider: provider });
    expect(ok.failures).to.deep.equal([]);
    const bad = await host.check(urn, {}, { name: "Much-too-long", __provider: provider });
    expect(bad.failures).to.deep.equal([
      { property: "name", reason: "name Much-too-long is longer than 8" },
    ]);
  });

  it("passes the unknown sentinel through Check", async () => {
    const res = await host.check(urn, {}, { name: UNKNOWN, __provider: provider });
    expect(res.inputs.name).to.equal(UNKNOWN);
  });

  it("maps diff answers and drops stables", async () => {
    const same = await host.diff(
      "id-first",
      urn,
      { name: "first" },
      { name: "first", __provider: provider },
    );
    expect(same).to.include({ changes: "DIFF_NONE" });
    expect(same.stables).to.deep.equal([]);
    const replace = await host.diff(
      "id-first",
      urn,
      { name: "first" },
      { name: "x", replaceOnRename: true, __provider: provider },
    );
    expect(replace).to.include({ changes: "DIFF_SOME", deleteBeforeReplace: true });
    expect(replace.replaces).to.deep.equal(["name"]);
  });

  it("creates with namespaced, unwrapped config and the spawned environment", async () => {
    const res = await host.create(urn, { name: "first", __provider: provider });
    expect(res.id).to.equal("id-first");
    expect(res.properties).to.deep.equal({
      name: "first",
      url: "http://u",
      bare: "b",
      token: "tok-123",
      envSeen: "from-env",
      __provider: provider,
    });
  });

  it("reads props and inputs, and an empty id for a gone resource", async () => {
    const res = await host.read(
      "id-first",
      urn,
      { name: "first", __provider: provider },
      { name: "first", __provider: provider },
    );
    expect(res.properties).to.include({ refreshed: true, __provider: provider });
    expect(res.inputs).to.deep.equal({ name: "first", __provider: provider });
    const gone = await host.read("id-gone", urn, { name: "gone", __provider: provider });
    expect(gone.id).to.equal("");
  });

  it("updates from old outputs", async () => {
    const res = await host.update(
      "id-first",
      urn,
      { name: "first", url: "http://u" },
      { name: "second", __provider: provider },
    );
    expect(res.properties).to.deep.equal({ name: "second", url: "http://u", __provider: provider });
  });

  it("decodes a partial create failure into initFailed", async () => {
    const err = await rejection(
      host.create(urn, { name: "half", fail: true, __provider: provider }),
    );
    expect(isHostCallError(err)).to.equal(true);
    if (!isHostCallError(err)) return;
    expect(err.message).to.equal("create of half failed half-way");
    expect(err.initFailed).to.deep.equal({
      id: "partial-half",
      properties: { half: true, __provider: provider },
      reasons: ["create of half failed half-way; run pulumi up again"],
    });
  });

  it("reports a plain failure without initFailed, and deletes", async () => {
    const err = await rejection(
      host.create(urn, { name: "boom", crash: true, __provider: provider }),
    );
    expect(isHostCallError(err) && err.initFailed).to.equal(undefined);
    expect((err as Error).message).to.equal("create of boom crashed");
    const stuck = await rejection(host.delete("id-stuck", urn, { __provider: provider }));
    expect((stuck as Error).message).to.equal("cannot delete id-stuck");
    await host.delete("id-first", urn, { name: "first", __provider: provider });
  });

  it("collects the host's stdout and stderr", async () => {
    const seen = await host.waitForOutput((o) => o.stderr.includes("demo: created first"), 5000);
    expect(seen).to.equal(true);
    expect(host.output().stdout).to.match(/^\d+\n/);
  });
});
