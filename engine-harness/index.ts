/**
 * The engine harness: runs Pulumi programs with the real @pulumi/pulumi SDK and the real Node
 * dynamic-provider host, playing the engine's part (see README.md for what it honours).
 */
export * from "./stack"; // openStack and the types of its options and results
export type { OperationCounts } from "./deploy/operation-counts";
export type { Diagnostic, ProviderCall, StepRecord, StepOp } from "./deploy/operation-log";
export type { ResourceState, Snapshot } from "./state/snapshot";
export type { ConfigInput } from "./state/stack-config";
export { prepareExampleProgram, EXAMPLE_ENTRY, EXAMPLE_PROJECT } from "./example-program";
export { SECRET_SIG, SIG_KEY, UNKNOWN, isSecret } from "./values/property-values";
