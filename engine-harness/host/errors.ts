/**
 * Decoding of failed host calls. A create/update that threw an error with a truthy
 * `id` comes back as gRPC UNKNOWN whose trailer `grpc-status-details-bin` holds a
 * `google.rpc.Status` with a packed `pulumirpc.ErrorResourceInitFailed` (a partial failure the
 * engine records in state); everything else is a plain failure.
 */
import type { ServiceError } from "@grpc/grpc-js";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { fromStruct, type PropertyMap } from "./wire";

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

/** The partial-failure detail of a create/update (`ErrorResourceInitFailed`). */
export interface InitFailure {
  readonly id: string;
  readonly properties: PropertyMap;
  readonly reasons: readonly string[];
}

/** A host call that failed: `message` is exactly what the engine would show the user. */
export class HostCallError extends Error {
  readonly hostCallError = true;
  constructor(
    /** RPC name, e.g. `Create`. */
    readonly method: string,
    message: string,
    /** gRPC status code (2 = UNKNOWN for provider exceptions, 12 = UNIMPLEMENTED). */
    readonly code: number,
    readonly initFailed?: InitFailure,
  ) {
    super(message);
    this.name = "HostCallError";
  }
}

/** Guard that works across module copies (no `instanceof`). */
export function isHostCallError(e: unknown): e is HostCallError {
  return (
    typeof e === "object" && e !== null && (e as { hostCallError?: unknown }).hostCallError === true
  );
}

/** Converts a grpc-js ServiceError into a HostCallError, decoding any init-failure detail. */
export function decodeServiceError(method: string, err: ServiceError): HostCallError {
  const message = typeof err.details === "string" && err.details !== "" ? err.details : err.message;
  return new HostCallError(method, message, err.code, decodeInitFailure(err));
}

function decodeInitFailure(err: ServiceError): InitFailure | undefined {
  const raw = err.metadata?.get("grpc-status-details-bin") ?? [];
  for (const value of raw) {
    const bytes = typeof value === "string" ? Buffer.from(value, "base64") : value;
    const status = Status.deserializeBinary(new Uint8Array(bytes));
    for (const any of status.getDetailsList()) {
      if (any.getTypeName() !== INIT_FAILED_TYPE) continue;
      const detail = ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
      return {
        id: detail.getId(),
        properties: fromStruct(detail.getProperties()),
        reasons: detail.getReasonsList(),
      };
    }
  }
  return undefined;
}
