/**
 * The harness reproduces the engine's rules (engine-harness/README.md) with the real SDK and the real
 * dynamic-provider host, using an offline provider that journals every call.
 */
import { expect } from "chai";
import { UNKNOWN, isSecret } from "../../engine-harness/values/property-values";
import { openFixtureStack, resourceNamed, type FixtureStack, type ItemSpec } from "./support";

const BASE: ItemSpec[] = [
  { name: "a", value: "A", replaceKey: "k1" },
  { name: "b", value: "B", secret: true },
  { name: "c", value: "C", replaceKey: "k1", deleteBeforeReplace: true },
  { name: "d", value: "D", replaceKey: "k1", diffDeleteBeforeReplace: true },
  { name: "e", value: "E", parent: "a" },
];

describe("engine harness: engine rules with the real SDK and host", function () {
  this.timeout(120000);
  let fx: FixtureStack;

  before(() => {
    fx = openFixtureStack();
    fx.setItems(BASE);
  });
  after(() => fx.cleanup());

  it("previews creates with Check only, unknown outputs and no provider writes", async () => {
    const result = await fx.stack.preview();
    expect(result.ok, result.summary).to.equal(true);
    expect(result.steps.filter((s) => s.op === "create").map((s) => s.name)).to.include.members([
      "a",
      "b",
      "c",
      "d",
      "e",
    ]);
    expect([...new Set(result.calls.map((c) => c.method))].sort()).to.deep.equal([
      "Check",
      "Configure",
    ]);
    expect(fx.takeJournal()).to.deep.equal([]);
    expect(result.outputs.ids).to.equal(UNKNOWN);
  });

  it("creates everything and keeps secret outputs encrypted in the state file", async () => {
    const result = await fx.stack.up();
    expect(result.ok, result.summary).to.equal(true);
    expect(fx.takeJournal().sort()).to.deep.equal([
      "create A",
      "create B",
      "create C",
      "create D",
      "create E",
    ]);
    const b = resourceNamed(fx.stack, "b")!;
    expect(isSecret(b.outputs.token), "token via additionalSecretOutputs").to.equal(true);
    expect(isSecret(b.outputs.value), "value via annotateSecrets").to.equal(true);
    const text = fx.stateText();
    expect(text).to.not.include(`token-of-${b.id}`);
    expect(text).to.include('"ciphertext"');
    expect(result.summary).to.match(/bToken":\[secret\]/);
  });

  it("replaces create-before-delete by default and delete-before-replace when the option or the diff asks", async () => {
    fx.setItems(
      BASE.map((i) => (i.replaceKey ? { ...i, replaceKey: "k2" } : i)).map((i) =>
        i.name === "b" ? { ...i, value: "B2" } : i,
      ),
    );
    const result = await fx.stack.up();
    expect(result.ok, result.summary).to.equal(true);
    const journal = fx.takeJournal();
    expect(journal.indexOf("delete C")).to.be.lessThan(journal.indexOf("create C"));
    expect(journal.indexOf("delete D")).to.be.lessThan(journal.indexOf("create D"));
    // Old A goes last: after every create, including E's replacement (its parentId changed).
    expect(journal.lastIndexOf("delete A")).to.be.greaterThan(journal.lastIndexOf("create"));
    expect(journal.indexOf("create A")).to.be.lessThan(journal.indexOf("delete A"));
    const replaced = result.steps.filter((s) => s.op === "replace");
    expect(replaced.find((s) => s.name === "a")?.deleteBeforeReplace).to.equal(false);
    expect(replaced.find((s) => s.name === "c")?.deleteBeforeReplace).to.equal(true);
    expect(replaced.find((s) => s.name === "d")?.deleteBeforeReplace).to.equal(true);
  });

  it("re-marks secret outputs after an update", () => {
    const b = resourceNamed(fx.stack, "b")!;
    expect(b.outputs.value).to.deep.include({ value: "B2" });
    expect(isSecret(b.outputs.token)).to.equal(true);
    expect(isSecret(b.outputs.value)).to.equal(true);
  });

  it("deletes resources the program dropped after it ran, dependents first", async () => {
    fx.setItems(BASE.filter((i) => i.name === "b").map((i) => ({ ...i, value: "B2" })));
    const result = await fx.stack.up();
    expect(result.ok, result.summary).to.equal(true);
    const journal = fx.takeJournal();
    expect(journal.indexOf("delete E")).to.be.greaterThanOrEqual(0);
    expect(journal.indexOf("delete E")).to.be.lessThan(journal.indexOf("delete A"));
    expect(fx.stack.snapshot().resources.map((r) => r.urn.split("::").pop()))
      .to.include("b")
      .and.not.include("a");
  });

  it("refresh removes a resource whose read reports it gone, and up recreates it", async () => {
    fx.markGone(["B2"]);
    const refreshed = await fx.stack.refresh();
    expect(refreshed.ok, refreshed.summary).to.equal(true);
    expect(refreshed.steps.find((s) => s.name === "b")?.op).to.equal("delete");
    expect(resourceNamed(fx.stack, "b")).to.equal(undefined);
    fx.markGone([]);
    fx.takeJournal();
    const up = await fx.stack.up();
    expect(up.ok, up.summary).to.equal(true);
    expect(fx.takeJournal()).to.deep.equal(["create B2"]);
  });

  it("destroy deletes everything and empties the state", async () => {
    const result = await fx.stack.destroy();
    expect(result.ok, result.summary).to.equal(true);
    expect(fx.takeJournal()).to.deep.equal(["delete B2"]);
    expect(fx.stack.snapshot().resources).to.deep.equal([]);
  });
});
