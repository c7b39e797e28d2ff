/**
 * Shared setup of the program-level tests: temporary stack directories, the fixture program
 * (an offline journal provider, run from the repository root) and helpers to read the
 * journal and the raw state file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Emulator } from "../../emulator";
import { prepareExampleProgram } from "../../engine-harness/example-program";
import { REPO_ROOT } from "../../engine-harness/host";
import { openStack, type Stack, type StackOptions } from "../../engine-harness/stack";

export interface ItemSpec {
  readonly name: string;
  readonly value: string;
  readonly replaceKey?: string;
  readonly diffDeleteBeforeReplace?: boolean;
  readonly deleteBeforeReplace?: boolean;
  readonly parent?: string;
  readonly secret?: boolean;
}

/** A temporary directory removed by `cleanup()`. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface FixtureStack {
  readonly stack: Stack;
  readonly dir: string;
  /** Sets config `items` (the program's shape). */
  setItems(items: readonly ItemSpec[]): void;
  /** Journal lines written by the provider since the last call. */
  takeJournal(): string[];
  /** Values the provider's read reports as gone. */
  markGone(values: readonly string[]): void;
  stateText(): string;
  cleanup(): void;
}

/** A stack running tests/programs/fixtures/items-program with the journal provider. */
export function openFixtureStack(extra: Partial<StackOptions> = {}): FixtureStack {
  const { dir, cleanup } = tempDir("harness-fixture-");
  const journal = path.join(dir, "journal.txt");
  const gone = path.join(dir, "gone.txt");
  fs.writeFileSync(journal, "");
  const stack = openStack({
    programDir: REPO_ROOT,
    program: "dist/tests/programs/fixtures/items-program.js",
    project: "harness-fixture",
    stateFile: path.join(dir, "state.json"),
    env: { JOURNAL_FILE: journal, GONE_FILE: gone },
    ...extra,
  });
  return {
    stack,
    dir,
    setItems: (items) => stack.setConfig("items", JSON.stringify(items)),
    takeJournal: () => {
      const lines = fs.readFileSync(journal, "utf8").split("\n").filter(Boolean);
      fs.writeFileSync(journal, "");
      return lines;
    },
    markGone: (values) => fs.writeFileSync(gone, values.join("\n")),
    stateText: () => fs.readFileSync(stack.stateFile, "utf8"),
    cleanup,
  };
}

/** The resource record of `name` in the stack's (decrypted) state. */
export function resourceNamed(stack: Stack, name: string) {
  return stack.snapshot().resources.find((r) => r.urn.endsWith(`::${name}`));
}

/** A stack running the example program against `emulator` (stack config as a user sets it). */
export async function openExampleStack(
  emulator: Emulator,
  prefix: string,
): Promise<{ stack: Stack; cleanup: () => void }> {
  const example = await prepareExampleProgram();
  const { dir, cleanup } = tempDir(prefix);
  const stack = openStack({
    ...example,
    stateFile: path.join(dir, "state.json"),
    config: {
      orgId: emulator.orgId,
      projectId: emulator.projectId,
      "opsmanager:baseUrl": emulator.baseUrl,
      "opsmanager:publicKey": emulator.publicKey,
      "opsmanager:privateKey": { secret: emulator.privateKey },
    },
  });
  return { stack, cleanup };
}
