/**
 * `up`, `preview`, `refresh` and `destroy`: run the operation through openStack(), print its
 * summary (for `up`, the preview pass's first, as the CLI does) and map the outcome to an exit
 * code. `--expect-no-changes` fails after the operation when it changed, or would change,
 * anything (`engine.HasChanges`, pkg/engine/update.go).
 */
import { stackUrn } from "../deploy/urn";
import { countForDisplay, hasChanges } from "../display/counts";
import { renderSummary } from "../display/summary";
import { STACK_TYPE } from "../state/snapshot";
import type { OperationOptions, OperationResult, Stack } from "../stack-types";
import { EXIT } from "./commands";
import type { FlagValues } from "./flags";
import type { Output } from "./output";

export type OperationCommand = "up" | "preview" | "refresh" | "destroy";

export async function runOperation(
  command: OperationCommand,
  stack: Stack,
  flags: FlagValues,
  out: Output,
): Promise<number> {
  const options = operationOptions(flags);
  const stackUrnOf = stackUrn(stack.stack, stack.project);
  const stackInState = stack.snapshot().resources.some((r) => r.type === STACK_TYPE);
  // The stack resource is refreshed / destroyed unless --target leaves it out.
  const stackInOperation = stackInState && (!options.target || options.target.includes(stackUrnOf));
  const preview = flags["preview-only"] === true;
  const result =
    command === "up"
      ? await stack.up(options)
      : command === "preview"
        ? await stack.preview(options)
        : command === "refresh"
          ? await stack.refresh({ ...options, preview })
          : await stack.destroy({ ...options, preview });

  const render = (r: OperationResult): string =>
    renderSummary({
      kind: r.kind,
      dryRun: r.dryRun,
      stack: stack.stack,
      project: stack.project,
      steps: r.steps,
      diagnostics: r.diagnostics,
      outputs: r.outputs,
      stackInOperation,
    });
  if (command === "up" && result.preview && result.preview !== result && !result.dryRun) {
    out.stdout(`${render(result.preview)}\n\n`);
  }
  out.stdout(`${render(result)}\n`);
  if (!result.ok) return EXIT.failed;

  const counts = countForDisplay({
    kind: result.kind,
    dryRun: result.dryRun,
    steps: result.steps,
    diagnostics: result.diagnostics,
    stackUrn: stackUrnOf,
    stackInOperation,
  });
  if (flags["expect-no-changes"] === true && hasChanges(counts)) {
    const operation = command === "up" ? "update" : command;
    out.stderr(`error: no changes were expected for ${operation} but changes were proposed\n`);
    return EXIT.changes;
  }
  return EXIT.ok;
}

function operationOptions(flags: FlagValues): OperationOptions {
  // URN shapes were checked with the other usage errors (main.ts).
  const urns = (name: string): string[] | undefined => flags[name] as string[] | undefined;
  const replace = urns("replace");
  const target = urns("target");
  return {
    ...(flags.refresh === true ? { refresh: true } : {}),
    ...(replace ? { replace } : {}),
    ...(target ? { target } : {}),
    ...(flags["target-dependents"] === true ? { targetDependents: true } : {}),
    ...(flags["skip-preview"] === true ? { skipPreview: true } : {}),
    ...(flags["run-program"] === true ? { runProgram: true } : {}),
    ...(typeof flags.parallel === "number" ? { parallel: flags.parallel } : {}),
  };
}
