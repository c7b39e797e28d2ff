/**
 * A tiny CLI over openStack(), shaped like `pulumi`:
 *
 *   node dist/engine-harness/cli.js up|preview|refresh|destroy [--refresh] [--preview-only]
 *        --program-dir DIR [--program examples/index.js] [--state .harness/state.json] [--stack dev]
 *   node dist/engine-harness/cli.js config set [--secret] KEY VALUE --program-dir DIR [--state …]
 *
 * Secrets use PULUMI_CONFIG_PASSPHRASE (else the harness's test passphrase). Exit code 1 on failure.
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { openStack, type OperationResult } from "./stack";

const USAGE =
  "usage: cli.js <up|preview|refresh|destroy> [--refresh] [--preview-only] --program-dir DIR [--program FILE] [--state FILE] [--stack NAME] [--project NAME]\n" +
  "       cli.js config set [--secret] KEY VALUE --program-dir DIR [--state FILE]";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "program-dir": { type: "string" },
      program: { type: "string" },
      state: { type: "string" },
      stack: { type: "string" },
      project: { type: "string" },
      refresh: { type: "boolean" },
      "preview-only": { type: "boolean" },
      secret: { type: "boolean" },
    },
  });
  const programDir = values["program-dir"];
  if (!programDir || positionals.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const stack = openStack({
    programDir: path.resolve(programDir),
    program: values.program,
    project: values.project,
    stack: values.stack,
    stateFile: values.state ?? path.join(programDir, ".harness", "state.json"),
  });
  const [command, ...rest] = positionals;
  if (command === "config") {
    const [sub, key, value] = rest;
    if (sub !== "set" || !key || value === undefined) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    stack.setConfig(key, values.secret ? { secret: value } : value);
    return 0;
  }
  let result: OperationResult;
  if (command === "up") result = await stack.up({ refresh: values.refresh });
  else if (command === "preview") result = await stack.preview({ refresh: values.refresh });
  else if (command === "refresh") result = await stack.refresh({ preview: values["preview-only"] });
  else if (command === "destroy") result = await stack.destroy({ preview: values["preview-only"] });
  else {
    process.stderr.write(`unknown command ${command}\n${USAGE}\n`);
    return 2;
  }
  process.stdout.write(`${result.summary}\n`);
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
