/**
 * The harness CLI's --help and usage errors, run as a child process: every command answers
 * --help, -h and `help <command>` with its usage and flags (exit 0); a mistake in the call
 * is one error line plus a pointer to --help, exit code 2, and nothing is run.
 */
import { expect } from "chai";
import { runCli, shown, type CliRun } from "./run-cli";

/** The pulumi spellings each command must list in its --help. */
const FLAGS: Record<string, readonly string[]> = {
  up: [
    "--refresh",
    "--replace URN",
    "--target URN",
    "--target-dependents",
    "--skip-preview",
    "--parallel N",
    "-p,",
    "--yes",
    "-y,",
    "--expect-no-changes",
  ],
  preview: ["--refresh", "--replace URN", "--target URN", "--parallel N", "--expect-no-changes"],
  refresh: ["--preview-only", "--target URN", "--run-program", "--parallel N", "--yes"],
  destroy: ["--preview-only", "--target URN", "--run-program", "--parallel N", "--yes"],
  "config set": ["--secret"],
  "config get": ["--json"],
  "stack output": ["--show-secrets", "--json"],
  "stack export": ["--show-secrets", "--file FILE"],
};
const STACK_FLAGS = [
  "--program-dir DIR",
  "--program FILE",
  "--state FILE",
  "--stack NAME",
  "--project NAME",
];

describe("harness CLI: --help and usage errors", function () {
  this.timeout(60000);

  it("prints each command's usage and flags for --help, -h and help <command>, exit 0", async () => {
    const commands = Object.keys(FLAGS);
    const variants = [
      ...commands.map((c) => [...c.split(" "), "--help"]),
      ["refresh", "-h"],
      ["help", "stack", "output"],
    ];
    const runs: CliRun[] = [];
    for (const args of variants) runs.push(await runCli(args));
    runs.forEach((run, i) => {
      const command = variants[i].filter((w) => !w.startsWith("-") && w !== "help").join(" ");
      expect(run.code, shown(run)).to.equal(0);
      expect(run.stdout, shown(run)).to.include(
        `Usage: node dist/engine-harness/cli.js ${command}`,
      );
      for (const flag of [...FLAGS[command], ...STACK_FLAGS]) {
        expect(run.stdout, `${variants[i].join(" ")} lists ${flag}`).to.include(flag);
      }
      expect(run.stdout).to.match(/Exit codes:[\s\S]*\n\s+2\s+usage error/);
      expect(run.stderr).to.equal("");
    });
  });

  it("accepts the stack flags before the command, as the earlier CLI did", async () => {
    const run = await runCli(["--program-dir", ".", "--stack", "dev", "preview", "--help"]);
    expect(run.code, shown(run)).to.equal(0);
    expect(run.stdout).to.include("Usage: node dist/engine-harness/cli.js preview [flags]");
  });

  it("prints the command list for --help and help", async () => {
    for (const args of [["--help"], ["-h"], ["help"]]) {
      const run = await runCli(args);
      expect(run.code, shown(run)).to.equal(0);
      for (const command of Object.keys(FLAGS)) expect(run.stdout).to.include(`  ${command}`);
    }
  });

  it("exits 2 with one error line and a pointer to --help for an unknown flag, command or argument count", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["up", "--no-such-flag"], /^error: unknown flag: --no-such-flag\n.*up --help/],
      [["preview", "--yes"], /^error: unknown flag: --yes\n/],
      [["up", "--parallel", "zero"], /^error: --parallel needs a positive whole number/],
      [["up", "--target", "ci"], /^error: --target needs a resource URN/],
      [["frobnicate"], /^error: unknown command "frobnicate"\n/],
      [["config", "set", "onlyKey"], /^error: config set needs KEY VALUE.*\n.*config set --help/],
      [["stack", "output", "a", "b"], /^error: unexpected argument "b" for stack output\n/],
      [["stack"], /^error: stack needs a subcommand/],
    ];
    const runs = await Promise.all(cases.map(([args]) => runCli(args)));
    runs.forEach((run, i) => {
      expect(run.code, shown(run)).to.equal(2);
      expect(run.stderr, shown(run)).to.match(cases[i][1]);
      expect(run.stderr.split("\n").filter((l) => l.startsWith("error:"))).to.have.length(1);
      expect(run.stdout).to.equal("");
    });
  });
});
