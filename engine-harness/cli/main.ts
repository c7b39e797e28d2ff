/**
 * The harness CLI: finds the command (`up`, `config set`, `stack output`, …), parses its flags,
 * answers --help, runs it and returns the exit code. Every error is printed once, as
 * `error: <message>`, without a stack trace; usage errors (exit 2) point to --help.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { stripTrace } from "../display/diagnostics";
import type { Stack } from "../stack-types";
import {
  COMMANDS,
  EXIT,
  PROG,
  STACK_FLAGS,
  commandHelp,
  commandNamed,
  generalHelp,
  type CommandSpec,
} from "./commands";
import { UsageError, parseFlags, type FlagValues } from "./flags";
import { processOutput, type Output } from "./output";

const SUBCOMMANDS: Record<string, readonly string[]> = {
  config: ["set", "get"],
  stack: ["output", "export"],
};

/** Runs one CLI invocation; resolves with the exit code. */
export async function runCli(
  argv: readonly string[],
  out: Output = processOutput,
): Promise<number> {
  try {
    if (argv.length === 0) {
      out.stderr(generalHelp());
      return EXIT.usage;
    }
    // Like the old CLI (and pulumi's global flags), flags may come before the command.
    const words = commandWords(argv);
    const first = words[0]?.word;
    if (first === undefined || first === "help") {
      if (first === undefined && !argv.some((a) => a === "--help" || a === "-h")) {
        throw new UsageError("no command given");
      }
      return help(
        words.slice(1).map((w) => w.word),
        out,
      );
    }
    let name = first;
    let taken = [words[0].index];
    const second = words[1];
    if (SUBCOMMANDS[first]) {
      if (second && SUBCOMMANDS[first].includes(second.word)) {
        name = `${first} ${second.word}`;
        taken = [words[0].index, second.index];
      } else if (first === "stack" && !argv.some((a) => a === "--help" || a === "-h")) {
        throw new UsageError(
          `stack needs a subcommand: ${SUBCOMMANDS.stack.join(", ")}`,
          "stack output",
        );
      }
    }
    const rest = argv.filter((_, i) => !taken.includes(i));
    const spec = commandNamed(name);
    if (!spec) {
      if (first === "stack") {
        out.stdout(generalHelp());
        return EXIT.ok;
      }
      throw new UsageError(`unknown command "${first}"`);
    }
    const { flags, positionals } = parseFlags(rest, [...spec.flags, ...STACK_FLAGS], spec.name);
    if (flags.help === true) {
      out.stdout(commandHelp(spec));
      return EXIT.ok;
    }
    checkPositionals(spec, positionals);
    checkUrnFlags(spec, flags);
    checkProgram(spec, flags);
    return await run(spec, await openCliStack(flags), flags, positionals, out);
  } catch (e) {
    if (e instanceof UsageError) {
      const hint = e.command ? `${PROG} ${e.command} --help` : `${PROG} --help`;
      out.stderr(`error: ${e.message}\nRun '${hint}' for usage.\n`);
      return EXIT.usage;
    }
    out.stderr(`error: ${stripTrace(e instanceof Error ? e.message : String(e))}\n`);
    return EXIT.failed;
  }
}

async function run(
  spec: CommandSpec,
  stack: Stack,
  flags: FlagValues,
  positionals: readonly string[],
  out: Output,
): Promise<number> {
  // Loaded on use: --help and usage errors answer without loading the engine.
  const { runOperation } = await import("./operations");
  const { configGet, configList, configSet } = await import("./config-commands");
  const { stackExport, stackOutput } = await import("./stack-commands");
  switch (spec.name) {
    case "up":
    case "preview":
    case "refresh":
    case "destroy":
      return runOperation(spec.name, stack, flags, out);
    case "config":
      return configList(stack, flags, out);
    case "config set":
      return configSet(stack, positionals[0], positionals[1], flags);
    case "config get":
      return configGet(stack, positionals[0], flags, out);
    case "stack output":
      return stackOutput(stack, positionals[0], flags, out);
    case "stack export":
      return stackExport(stack, flags, out);
  }
}

/** Positional words of `argv` (the command first), skipping flags and their values. */
function commandWords(argv: readonly string[]): Array<{ word: string; index: number }> {
  const valued = new Set(
    [...STACK_FLAGS, ...COMMANDS.flatMap((c) => c.flags)]
      .filter((f) => f.type !== "boolean")
      .flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
  );
  const words: Array<{ word: string; index: number }> = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") break;
    if (valued.has(arg)) i++;
    else if (!arg.startsWith("-")) words.push({ word: arg, index: i });
  }
  return words;
}

/** `help [COMMAND...]`. */
function help(words: readonly string[], out: Output): number {
  if (words.length === 0) {
    out.stdout(generalHelp());
    return EXIT.ok;
  }
  const spec = commandNamed(words.join(" ")) ?? commandNamed(words[0]);
  if (!spec) throw new UsageError(`unknown command "${words.join(" ")}"`);
  out.stdout(commandHelp(spec));
  return EXIT.ok;
}

function checkPositionals(spec: CommandSpec, positionals: readonly string[]): void {
  const [min, max] = spec.positionals;
  if (positionals.length < min) {
    throw new UsageError(
      `${spec.name} needs ${spec.args} (got ${positionals.length} argument${positionals.length === 1 ? "" : "s"})`,
      spec.name,
    );
  }
  if (positionals.length > max) {
    throw new UsageError(`unexpected argument "${positionals[max]}" for ${spec.name}`, spec.name);
  }
}

/** `--replace` and `--target` take resource URNs (`stack export` lists them). */
function checkUrnFlags(spec: CommandSpec, flags: FlagValues): void {
  for (const name of ["replace", "target"]) {
    for (const urn of (flags[name] as string[] | undefined) ?? []) {
      if (!urn.startsWith("urn:pulumi:")) {
        throw new UsageError(
          `--${name} needs a resource URN (urn:pulumi:<stack>::<project>::<type>::<name>), got "${urn}"; \`stack export\` lists them`,
          spec.name,
        );
      }
    }
  }
}

/** The program directory must exist; `up` and `preview` also need the compiled program. */
function checkProgram(spec: CommandSpec, flags: FlagValues): void {
  const dir = path.resolve((flags["program-dir"] as string | undefined) ?? process.cwd());
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new Error(
      `the program directory ${dir} does not exist; pass --program-dir DIR (default: the current directory)`,
    );
  }
  const program = path.resolve(dir, (flags.program as string | undefined) ?? "index.js");
  if ((spec.name === "up" || spec.name === "preview") && !fs.existsSync(program)) {
    throw new Error(
      `the program ${program} does not exist; build it (the harness runs compiled JavaScript) or pass --program FILE`,
    );
  }
}

/** The stack the stack flags name (state and config default to <program-dir>/.harness/). */
async function openCliStack(flags: FlagValues): Promise<Stack> {
  const { openStack } = await import("../stack");
  const programDir = path.resolve((flags["program-dir"] as string | undefined) ?? process.cwd());
  return openStack({
    programDir,
    program: flags.program as string | undefined,
    project: flags.project as string | undefined,
    stack: flags.stack as string | undefined,
    stateFile:
      (flags.state as string | undefined) ?? path.join(programDir, ".harness", "state.json"),
  });
}
