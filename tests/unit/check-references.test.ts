/**
 * The reference check run by CI (scripts/check-references.js): which lines cite something a
 * reader of this repository cannot open, and which are fine.
 */
import { expect } from "chai";
import * as path from "node:path";

interface Hit {
  rule: string;
  text: string;
}
interface Checker {
  findReferences(line: string, file: string): Hit[];
  checkText(file: string, text: string): Array<Hit & { file: string; line: number }>;
}

// Plain Node script (no build step), loaded from the source tree next to dist/.
const checker = require(path.resolve(__dirname, "../../../scripts/check-references.js")) as Checker;

/**
 * A sample line with placeholders, so that this file does not itself hold the citations it tests:
 * `{S}` is the section sign, `{i}` / `{I}` the word issue, `{up}` the parent directory.
 */
const sample = (text: string): string =>
  text
    .replaceAll("{S}", "\u00a7")
    .replaceAll("{i}", ["is", "sue"].join(""))
    .replaceAll("{I}", ["Is", "sue"].join(""))
    .replaceAll("{up}", [".", "."].join(""));

const texts = (line: string, file = "provider/lifecycle/example.ts") =>
  checker.findReferences(sample(line), file).map((hit) => hit.text);
/** The expected hits, with the same placeholders. */
const hits = (...expected: string[]): string[] => expected.map(sample);

describe("check-references", () => {
  it("flags section citations of design and spec documents", () => {
    expect(texts(" * Drift check (design {S}3): compares inputs")).to.deep.equal(
      hits("design {S}3"),
    );
    expect(texts("// the engine's order, spec {S}2.1")).to.deep.equal(hits("spec {S}2.1"));
    expect(texts("spec pulumi-dynamic-provider.md rule 1")).to.deep.equal([
      "pulumi-dynamic-provider.md",
    ]);
    expect(texts("(spec rule 3)")).to.deep.equal(["spec rule 3"]);
  });

  it("flags a bare § outside docs/ and allows it inside docs/", () => {
    expect(texts("see {S}10.6 for the reason")).to.deep.equal(hits("{S}10.6"));
    expect(texts("see {S}10.6 for the reason", "docs/PULUMI-ENGINE.md")).to.deep.equal([]);
  });

  it("still flags design and spec citations inside docs/", () => {
    expect(texts("as design {S}2 says", "docs/ARCHITECTURE.md")).to.deep.equal(hits("design {S}2"));
  });

  it("flags private tracker issue numbers in every spelling", () => {
    expect(texts("({i} 7 {S}1 and {S}3)")).to.deep.equal(hits("{i} 7", "{S}1", "{S}3"));
    expect(texts("{I} 6 (performance targets)")).to.deep.equal(hits("{I} 6"));
    expect(texts("see {i} #12")).to.deep.equal(hits("{i} #12"));
    expect(texts("{i}s 5 and 6 ask for it")).to.deep.equal(hits("{i}s 5 and 6"));
    expect(texts("meets {i} 5's targets")).to.deep.equal(hits("{i} 5"));
  });

  it("flags an issue or PR number that does not name its repository", () => {
    expect(texts("// PR #1836: init errors force an update")).to.deep.equal(["PR #1836"]);
    expect(texts("(#2717/#9926)")).to.deep.equal(["#2717", "#9926"]);
  });

  it("allows public GitHub issues named by repository or by URL", () => {
    expect(texts("refresh uses the recorded config (pulumi/pulumi#4981)")).to.deep.equal([]);
    expect(texts("https://github.com/pulumi/pulumi/issues/16826")).to.deep.equal([]);
    expect(texts("https://github.com/pulumi/pulumi/pull/1836#issuecomment-1")).to.deep.equal([]);
  });

  it("flags references to a private decision log", () => {
    expect(texts("Program-side lookups (brief decision 10)")).to.deep.equal(["brief decision"]);
    expect(texts("must load without the SDK, see the note / brief)")).to.deep.equal(["brief)"]);
  });

  it("leaves ordinary uses of the same words alone", () => {
    expect(texts("// A brief pause before the next attempt.")).to.deep.equal([]);
    expect(texts("the first issue is a 404 from a proxy")).to.deep.equal([]);
    expect(texts('"spec": ["dist/tests/**/*.test.js"],', ".mocharc.json")).to.deep.equal([]);
    expect(texts("## 3. Resources", "README.md")).to.deep.equal([]);
    expect(texts("const entity = '&#8203;';")).to.deep.equal([]);
  });

  it("flags paths that lead outside the repository", () => {
    expect(texts("See {up}/shared/spec/ops-manager-api.md for shapes")).to.deep.equal(
      hits("{up}/shared", "spec/ops-manager-api.md"),
    );
    expect(texts("(ops-manager-api.md {S}5.1)")).to.deep.equal(
      hits("ops-manager-api.md", "{S}5.1"),
    );
    expect(texts("per design.md")).to.deep.equal(["design.md"]);
    expect(texts("cd /work/main && npm test")).to.deep.equal(["/work/"]);
    expect(texts('const dir = "/home/alice/project";')).to.deep.equal(["/home/alice"]);
  });

  it("allows the repository's own docs and paths", () => {
    expect(texts("see docs/OPS-MANAGER-API.md and docs/ARCHITECTURE.md")).to.deep.equal([]);
    expect(
      texts("provider/lifecycle/shared-helpers.ts and tests/support/stack-config.ts"),
    ).to.deep.equal([]);
    expect(texts("pulumi login file://$PWD/.state")).to.deep.equal([]);
  });

  it("reports each hit with its file and 1-based line", () => {
    const found = checker.checkText("bench/run.ts", sample("clean line\n// {i} 6 targets\n"));
    expect(found).to.deep.equal([
      {
        file: "bench/run.ts",
        line: 2,
        rule: "reference to an issue of a private tracker",
        text: sample("{i} 6"),
      },
    ]);
  });
});
