/**
 * Every TypeScript snippet in README.md compiles against the package's types, so a user who
 * copies one gets no type error. A deliberately wrong snippet checks that errors are caught and
 * located at their README line.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { extractSnippets, typeCheckSnippets, type Snippet, type SnippetError } from "./snippets";

const REPO_ROOT = path.resolve(__dirname, "../../..");

const BROKEN_MARKDOWN = [
  "# Not the README",
  "",
  "```ts",
  'import { OrgApiKey } from "pulumi-opsmanager-apikeys";',
  'new OrgApiKey("k", { orgId: "x", description: "d", roles: ["ORG_OWNER"], apiKeyId: "y" });',
  "```",
].join("\n");

describe("README snippets", function () {
  this.timeout(120_000);

  let readme: Snippet[];
  let errors: SnippetError[];

  before(() => {
    readme = extractSnippets(
      "README.md",
      fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"),
    );
    const broken = extractSnippets("broken.md", BROKEN_MARKDOWN);
    errors = typeCheckSnippets(REPO_ROOT, [...readme, ...broken]);
  });

  it("finds the README's TypeScript snippets", () => {
    expect(readme.length).to.be.greaterThan(0);
    for (const snippet of readme) expect(snippet.code).to.contain("pulumi-opsmanager-apikeys");
  });

  it("type-checks every README snippet without an error", () => {
    const inReadme = errors.filter((e) => e.file === "README.md");
    expect(inReadme.map((e) => `README.md:${e.line}: ${e.message}`)).to.deep.equal([]);
  });

  it("reports a type error at its line in the markdown file", () => {
    const inBroken = errors.filter((e) => e.file === "broken.md");
    expect(inBroken).to.have.length(1);
    expect(inBroken[0]?.line).to.equal(5);
    expect(inBroken[0]?.message).to.contain("apiKeyId");
  });
});
