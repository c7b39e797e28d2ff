/**
 * The commands of the harness CLI, their flags and their --help text, spelled like the `pulumi`
 * CLI's (pkg/cmd/pulumi/operations/{up,preview,refresh,destroy}.go, pkg/cmd/pulumi/stack/
 * stack_output.go and stack_export.go, pkg/cmd/pulumi/config). Exit codes follow
 * pkg/cmd/pulumi/cmd/exit_codes.go.
 */
import { renderFlags, type FlagSpec } from "./flags";

/** How the CLI is invoked (shown in usage lines). */
export const PROG = "node dist/engine-harness/cli.js";

export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** `ExitNoChanges`: `--expect-no-changes` and changes were proposed. */
  changes: 7,
} as const;

export const EXIT_CODES_HELP = [
  "Exit codes:",
  "  0  success",
  "  1  the operation failed (its errors are listed under Diagnostics)",
  "  2  usage error: unknown command or flag, missing or extra argument",
  "  7  --expect-no-changes was given and changes were proposed (pulumi's ExitNoChanges)",
];

export const STACK_FLAGS: readonly FlagSpec[] = [
  {
    name: "program-dir",
    type: "string",
    value: "DIR",
    help: "Directory the program and the provider host run in; the package must resolve from it (default: the current directory)",
  },
  {
    name: "program",
    type: "string",
    value: "FILE",
    help: "Compiled entry point, relative to --program-dir (default: index.js)",
  },
  {
    name: "state",
    type: "string",
    value: "FILE",
    help: "State file (default: <program-dir>/.harness/state.json); the stack config lives next to it in Pulumi.<stack>.config.json",
  },
  { name: "stack", short: "s", type: "string", value: "NAME", help: "Stack name (default: dev)" },
  {
    name: "project",
    type: "string",
    value: "NAME",
    help: "Project name (default: name: in <program-dir>/Pulumi.yaml, else project)",
  },
  {
    name: "non-interactive",
    type: "boolean",
    help: "Accepted for scripts written for pulumi (the harness never prompts)",
  },
  { name: "help", short: "h", type: "boolean", help: "Show this help" },
];

const REFRESH: FlagSpec = {
  name: "refresh",
  short: "r",
  type: "boolean",
  help: "Refresh the state first: Read every resource, the provider configured from state",
};
const REPLACE: FlagSpec = {
  name: "replace",
  type: "strings",
  value: "URN",
  help: "Replace this resource (no Diff); delete-first only with the deleteBeforeReplace option",
};
const TARGET: FlagSpec = {
  name: "target",
  short: "t",
  type: "strings",
  value: "URN",
  help: "Operate on this resource only; everything else stays as it is in state",
};
const TARGET_DEPENDENTS: FlagSpec = {
  name: "target-dependents",
  type: "boolean",
  help: "Also operate on the resources that depend on a --target",
};
const PARALLEL: FlagSpec = {
  name: "parallel",
  short: "p",
  type: "integer",
  value: "N",
  help: "At most N resource operations (Create, Update, Delete, Read) at once",
};
const YES: FlagSpec = {
  name: "yes",
  short: "y",
  type: "boolean",
  help: "Accepted, no effect: the harness never asks for confirmation",
};
const EXPECT_NO_CHANGES: FlagSpec = {
  name: "expect-no-changes",
  type: "boolean",
  help: "Exit with code 7 if any changes are proposed (for CI drift checks)",
};
const PREVIEW_ONLY: FlagSpec = {
  name: "preview-only",
  type: "boolean",
  help: "Only show what would change; change nothing (not even the state file)",
};
const RUN_PROGRAM: FlagSpec = {
  name: "run-program",
  type: "boolean",
  help: "Configure the provider with the current stack config instead of the one recorded in state at the last update",
};
const SKIP_PREVIEW: FlagSpec = {
  name: "skip-preview",
  short: "f",
  type: "boolean",
  help: "Do not run the preview pass first",
};
const SHOW_SECRETS: FlagSpec = {
  name: "show-secrets",
  type: "boolean",
  help: "Show secret values in plain text",
};

export type CommandName =
  | "up"
  | "preview"
  | "refresh"
  | "destroy"
  | "config"
  | "config set"
  | "config get"
  | "stack output"
  | "stack export";

export interface CommandSpec {
  readonly name: CommandName;
  readonly args: string;
  readonly summary: string;
  readonly description: readonly string[];
  readonly flags: readonly FlagSpec[];
  /** Positional arguments allowed: [min, max]. */
  readonly positionals: readonly [number, number];
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "up",
    args: "",
    summary: "Create or update the resources in a stack",
    description: [
      "Runs the program and creates, updates, replaces and deletes resources to match it:",
      "a preview pass first, then the update pass, each with its own provider host.",
      "With --expect-no-changes the update still runs; the exit code is 7 if it changed anything.",
    ],
    flags: [
      REFRESH,
      REPLACE,
      TARGET,
      TARGET_DEPENDENTS,
      SKIP_PREVIEW,
      PARALLEL,
      YES,
      EXPECT_NO_CHANGES,
    ],
    positionals: [0, 0],
  },
  {
    name: "preview",
    args: "",
    summary: "Show a preview of updates to a stack's resources",
    description: [
      "Runs the program with Check and Diff only: nothing is created, updated or deleted and the",
      "state file is not written. With the Ops Manager provider's default driftCheck (live),",
      "changes made outside Pulumi show up here, so `preview --expect-no-changes` fails CI on drift.",
    ],
    flags: [REFRESH, REPLACE, TARGET, TARGET_DEPENDENTS, PARALLEL, EXPECT_NO_CHANGES],
    positionals: [0, 0],
  },
  {
    name: "refresh",
    args: "",
    summary: "Refresh the resources in a stack",
    description: [
      "Reads every resource in state and records what the provider reports (drift, deletions).",
      "The provider is configured from state (the last update's config) unless --run-program.",
    ],
    flags: [
      PREVIEW_ONLY,
      TARGET,
      TARGET_DEPENDENTS,
      RUN_PROGRAM,
      { ...SKIP_PREVIEW, help: "Accepted: the harness runs no separate preview pass for refresh" },
      PARALLEL,
      YES,
      EXPECT_NO_CHANGES,
    ],
    positionals: [0, 0],
  },
  {
    name: "destroy",
    args: "",
    summary: "Destroy all existing resources in the stack",
    description: [
      "Deletes every resource in state (dependents first), the stack resource last.",
      "The provider is configured from state (the last update's config) unless --run-program.",
    ],
    flags: [
      PREVIEW_ONLY,
      TARGET,
      TARGET_DEPENDENTS,
      RUN_PROGRAM,
      { ...SKIP_PREVIEW, help: "Accepted: the harness runs no separate preview pass for destroy" },
      PARALLEL,
      YES,
    ],
    positionals: [0, 0],
  },
  {
    name: "config",
    args: "",
    summary: "Show the stack configuration (secrets as [secret] unless --show-secrets)",
    description: [
      "Lists every key of the stack configuration.",
      "Subcommands: config set, config get.",
    ],
    flags: [SHOW_SECRETS, { name: "json", short: "j", type: "boolean", help: "Emit JSON" }],
    positionals: [0, 0],
  },
  {
    name: "config set",
    args: "KEY VALUE",
    summary: "Set a configuration value",
    description: [
      "KEY without a namespace gets the project's (orgId → <project>:orgId), like pulumi.",
      "With --secret the value is stored encrypted (PULUMI_CONFIG_PASSPHRASE).",
    ],
    flags: [{ name: "secret", type: "boolean", help: "Encrypt the value" }],
    positionals: [2, 2],
  },
  {
    name: "config get",
    args: "KEY",
    summary: "Get a single configuration value (secrets decrypted, like pulumi)",
    description: ["Prints the value of KEY; exit code 1 if it is not set."],
    flags: [{ name: "json", short: "j", type: "boolean", help: "Emit JSON" }],
    positionals: [1, 1],
  },
  {
    name: "stack output",
    args: "[NAME]",
    summary: "Show a stack's output properties",
    description: [
      "By default, lists all output properties exported from the stack.",
      "If NAME is given, just that property's value is shown.",
      "Secret values are shown as [secret] unless --show-secrets.",
    ],
    flags: [
      { name: "json", short: "j", type: "boolean", help: "Emit output as JSON" },
      { name: "shell", type: "boolean", help: "Emit output as a shell script (NAME=value)" },
      { ...SHOW_SECRETS, help: "Display outputs which are marked as secret in plaintext" },
    ],
    positionals: [0, 1],
  },
  {
    name: "stack export",
    args: "",
    summary: "Export the stack's state as JSON",
    description: [
      'Prints {"version": 3, "deployment": {...}}; secrets stay encrypted unless --show-secrets,',
      'which prints them as {"4dabf18193072939515e22adb298388d": …, "plaintext": "<JSON>"}.',
    ],
    flags: [
      { name: "file", type: "string", value: "FILE", help: "Write to FILE instead of stdout" },
      { ...SHOW_SECRETS, help: "Include secret values in plaintext" },
    ],
    positionals: [0, 0],
  },
];

export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** --help of one command. */
export function commandHelp(spec: CommandSpec): string {
  return [
    `${spec.summary}.`,
    "",
    `Usage: ${PROG} ${spec.name}${spec.args ? ` ${spec.args}` : ""} [flags]`,
    "",
    ...spec.description,
    "",
    "Flags:",
    ...renderFlags(spec.flags),
    "",
    "Stack flags:",
    ...renderFlags(STACK_FLAGS),
    "",
    ...EXIT_CODES_HELP,
    "",
  ].join("\n");
}

/** `help` / `--help` without a command. */
export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length + (c.args ? c.args.length + 1 : 0)));
  return [
    "The engine harness: pulumi's preview, up, refresh and destroy without the Pulumi CLI, with the",
    "real @pulumi/pulumi SDK running the program and the real dynamic-provider host (see",
    "engine-harness/README.md). State and config live in local JSON files, secrets encrypted with",
    "PULUMI_CONFIG_PASSPHRASE.",
    "",
    `Usage: ${PROG} <command> [flags]`,
    "",
    "Commands:",
    ...COMMANDS.map(
      (c) => `  ${`${c.name}${c.args ? ` ${c.args}` : ""}`.padEnd(width)}   ${c.summary}`,
    ),
    `  ${"help [COMMAND]".padEnd(width)}   Show help for a command`,
    "",
    `Run '${PROG} <command> --help' for a command's flags.`,
    "",
    "Stack flags (every command):",
    ...renderFlags(STACK_FLAGS),
    "",
    ...EXIT_CODES_HELP,
    "",
  ].join("\n");
}
