/**
 * What every kind's check does besides its own properties, and the write-time re-check: create
 * and update validate again, because they must never send an unknown or malformed value.
 */
import { checkedIgnoreChanges, IGNORE_CHANGES_INPUT, BOOKKEEPING_INPUTS } from "./ignore-changes";
import type { CheckedInputs } from "./results";
import { containsUnknown } from "./sentinel";

/** Copies the bookkeeping inputs (`__provider`, a valid `__ignoreChanges`) into `inputs`. */
export function keepBookkeeping(
  bag: Record<string, unknown>,
  inputs: Record<string, unknown>,
): void {
  if ("__provider" in bag) inputs.__provider = bag.__provider;
  const ignored = checkedIgnoreChanges(bag[IGNORE_CHANGES_INPUT]);
  if (ignored !== undefined) inputs[IGNORE_CHANGES_INPUT] = ignored;
}

/**
 * The checked inputs for a write, or an error naming every problem (`kind` names the resource
 * type in the message).
 */
export function inputsForWrite(kind: string, result: CheckedInputs): Record<string, unknown> {
  const unknown = Object.entries(result.inputs).filter(
    ([k, v]) => !BOOKKEEPING_INPUTS.includes(k) && containsUnknown(v),
  );
  const problems = [
    ...result.failures.map((f) => f.reason),
    ...unknown.map(([k]) => `${k} is still unknown (an unresolved output)`),
  ];
  if (problems.length > 0) throw new Error(`${kind} inputs are invalid: ${problems.join("; ")}.`);
  return result.inputs;
}
