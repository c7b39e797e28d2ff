/**
 * The reference for the cold-start ratio: a bare no-op dynamic provider published as its own tiny
 * package, installed into a program directory the same way as ours (npm pack → packAndInstall)
 * and serialized the same way (a program constructing its resource, captured under setMocks).
 * Its create waits `inputs.delayMs` milliseconds when given (a timer, no I/O): the reconcile
 * floor uses that to stand in for one API request per resource; cold start and the RSS
 * comparison send no `delayMs`, so nothing waits there.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { captureRegistrations, makeUrn, packAndInstall, REPO_ROOT } from "../engine-harness/host";

const NAME = "bench-noop-dynamic-provider";
/** The type token a `pulumi.dynamic.Resource` without module/type registers. */
export const NOOP_TYPE = "pulumi-nodejs:dynamic:Resource";

const INDEX_JS = `"use strict";
const pulumi = require("@pulumi/pulumi");
const provider = {
  async check(olds, news) { return { inputs: news }; },
  async create(inputs) {
    if (inputs.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, inputs.delayMs));
    return { id: "noop", outs: inputs };
  },
};
class Noop extends pulumi.dynamic.Resource {
  constructor(name, args, opts) { super(provider, name, args, opts); }
}
module.exports = { Noop };
`;

const PROGRAM = `"use strict";
module.exports = async () => {
  const { Noop } = require(${JSON.stringify(NAME)});
  return [new Noop("noop", { value: "x" })];
};
`;

/** The installed no-op package: where to spawn a host and what to send to it. */
export interface NoopProvider {
  readonly programDir: string;
  readonly urn: string;
  readonly providerText: string;
}

let installed: Promise<NoopProvider> | undefined;

/** Writes, packs, installs and serializes the no-op provider package (once per process). */
export function installNoopProvider(): Promise<NoopProvider> {
  installed ??= install();
  return installed;
}

async function install(): Promise<NoopProvider> {
  const packageDir = fs.mkdtempSync(path.join(os.tmpdir(), "om-bench-noop-"));
  process.on("exit", () => fs.rmSync(packageDir, { recursive: true, force: true }));
  const pulumiVersion = (
    JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    }
  ).dependencies["@pulumi/pulumi"];
  const manifest = {
    name: NAME,
    version: "1.0.0",
    main: "index.js",
    files: ["index.js"],
    dependencies: { "@pulumi/pulumi": pulumiVersion },
  };
  fs.writeFileSync(path.join(packageDir, "package.json"), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(packageDir, "index.js"), INDEX_JS);
  const { programDir } = await packAndInstall({ packageDir, dependenciesFrom: REPO_ROOT });
  const { registrations } = await captureRegistrations(programDir, PROGRAM);
  const noop = registrations.find((r) => r.type === NOOP_TYPE && r.providerText);
  if (!noop?.providerText) {
    throw new Error(
      `bench: the no-op provider program registered no ${NOOP_TYPE} with a __provider`,
    );
  }
  return { programDir, urn: makeUrn(NOOP_TYPE, "noop"), providerText: noop.providerText };
}
