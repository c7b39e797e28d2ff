/**
 * The Ops Manager emulator: a real HTTP server speaking the org API-key and
 * access-list subset of the Ops Manager public API, with Digest auth and fault injection.
 */
export { startEmulator } from "./server";
export type {
  AccessListMode,
  Emulator,
  EmulatorAdmin,
  EmulatorOptions,
  FaultPlan,
  RequestLogEntry,
} from "./types";
