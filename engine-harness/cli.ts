#!/usr/bin/env node
/**
 * The engine harness's `pulumi`-shaped CLI (commands in cli/): run
 * `node dist/engine-harness/cli.js --help` for the commands, their flags and the exit codes.
 */
import { stripTrace } from "./display/diagnostics";
import { runCli } from "./cli/main";

// A failure outside any command (e.g. a child process that cannot be spawned) is reported like
// every other error: once, without a stack trace.
process.on("uncaughtException", (e: unknown) => {
  process.stderr.write(`error: ${stripTrace(e instanceof Error ? e.message : String(e))}\n`);
  process.exit(1);
});

void runCli(process.argv.slice(2)).then((code) => process.exit(code));
