/**
 * Expectations of the demo: each check prints one line (ok / MISMATCH) and a failed one makes
 * the demo exit non-zero at the end of the step. Helpers read the emulator's state through its
 * admin door and its request log.
 */
import type { Emulator, RequestLogEntry } from "../emulator/types";

export class Checks {
  private failures: string[] = [];

  constructor(private readonly print: (line: string) => void) {}

  /** Records `condition`; `detail` explains a mismatch (never a secret). */
  expect(condition: boolean, what: string, detail = ""): void {
    if (condition) {
      this.print(`   ok        ${what}`);
    } else {
      this.print(`   MISMATCH  ${what}${detail ? `: ${detail}` : ""}`);
      this.failures.push(what);
    }
  }

  /** Throws when a check of this step failed (the demo stops there). */
  endStep(step: string): void {
    if (this.failures.length > 0) {
      throw new Error(`step "${step}" did not do what was expected: ${this.failures.join("; ")}`);
    }
  }
}

export interface OrgView {
  readonly keys: ReadonlyArray<{
    id: string;
    desc: string;
    publicKey: string;
    roles: string[];
    entries: string[];
  }>;
}

/** The organization as the emulator holds it: keys with their access lists (canonical CIDRs). */
export function orgView(emulator: Emulator): OrgView {
  const keys = emulator.admin.listKeys(emulator.orgId).map((k) => ({
    ...k,
    roles: [...k.roles].sort(),
    entries: emulator.admin
      .listEntries(emulator.orgId, k.id)
      .map((e) => e.cidrBlock)
      .sort(),
  }));
  return { keys };
}

export function keyByDescription(view: OrgView, desc: string): OrgView["keys"][number] | undefined {
  return view.keys.find((k) => k.desc === desc);
}

/** Requests that change state (POST, PATCH, PUT, DELETE). */
export function writes(log: readonly RequestLogEntry[]): RequestLogEntry[] {
  return log.filter((r) => r.method !== "GET" && r.method !== "HEAD");
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
}
