/**
 * The diagnostics a user is shown, each error once and without internal stack traces.
 *
 * The same failure reaches the harness up to three times: as the engine's step error, and in the
 * provider host's stderr, where the Node dynamic-provider host logs `${e}: ${e.stack}` before
 * answering the RPC (so the message twice, then frames pointing into the provider's sources).
 * The engine's error is the one kept; host lines that restate it, stack frames and the
 * `util.inspect` dump that follows them are dropped. ANSI colour codes are removed.
 */
import type { Diagnostic } from "../deploy/operation-log";

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
const FRAME = /^\s+at\s/;
const ERROR_LINE = /^(?:[A-Za-z]*Error|error):\s*(.*)$/;

/** Diagnostics worth showing (errors, warnings, provider output, program stdout), cleaned. */
export function displayedDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const errors = diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => stripTrace(stripAnsi(d.message)));
  const shown: Diagnostic[] = [];
  let inTrace = false;
  for (const d of diagnostics) {
    const message = stripAnsi(d.message);
    if (d.severity === "error" || d.severity === "warning") {
      shown.push({ ...d, message: stripTrace(message) });
      continue;
    }
    if (d.source === "program") {
      // The program's stdout is the user's console.log; its stderr repeats the failure.
      if (message.startsWith("stdout: ")) shown.push({ ...d, message: message.slice(8) });
      continue;
    }
    if (d.source !== "provider") continue;
    // Host output arrives one line per diagnostic: frames and the object dump after them go.
    if (FRAME.test(message)) {
      inTrace = true;
      continue;
    }
    if (inTrace && (/^\s/.test(message) || /^[{}\]]/.test(message.trim()))) continue;
    inTrace = false;
    if (restatesError(message, errors)) continue;
    shown.push({ ...d, message });
  }
  return shown;
}

/** The part of a multi-line message before its first stack frame. */
export function stripTrace(message: string): string {
  const lines = message.split("\n");
  const frame = lines.findIndex((l) => FRAME.test(l));
  return (frame < 0 ? lines : lines.slice(0, frame)).join("\n").trimEnd();
}

function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** `Error: X` or `Error: X: Error: X` where an error diagnostic already says X. */
function restatesError(line: string, errors: readonly string[]): boolean {
  const match = ERROR_LINE.exec(line.trim());
  if (!match) return false;
  const core = match[1].split(/: (?:[A-Za-z]*Error): /)[0].trim();
  return core.length > 0 && errors.some((e) => e.includes(core));
}
