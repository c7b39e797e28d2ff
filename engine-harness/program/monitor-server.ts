/**
 * The engine's side of the program connection: a gRPC ResourceMonitor and Engine service
 * (proto/pulumi/resource.proto, engine.proto) on 127.0.0.1, which the real SDK in the program
 * process talks to. Registrations are handed to a MonitorHandler (the deployment), whose answer
 * resolves the resource's outputs in the program.
 */
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import * as resrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { PropertyMap } from "../values/property-values";
import { decodeRegistration, type Registration } from "./registration";

export interface RegisterAnswer {
  readonly urn: string;
  /** "" while unknown (preview of a create). */
  readonly id: string;
  /** Outputs in wire form: secrets wrapped (the SDK accepts secrets), unknowns as the sentinel. */
  readonly outputs: PropertyMap;
  /**
   * The step failed: like the engine (source_eval.go, `supportsResultReporting`), answer with
   * `result: FAIL` rather than an RPC error; the SDK then treats the outputs as unknown.
   */
  readonly failed?: boolean;
}

/** Rejecting a registration with this error answers UNAVAILABLE, as a monitor that shut down after a failure does. */
export class MonitorShutDownError extends Error {
  readonly grpcCode = grpc.status.UNAVAILABLE;
  constructor() {
    super("resource monitor shut down after an earlier failure");
  }
}

export type LogSeverity = "debug" | "info" | "warning" | "error";

export interface MonitorHandler {
  registerResource(registration: Registration): Promise<RegisterAnswer>;
  registerResourceOutputs(urn: string, outputs: PropertyMap): void;
  log(severity: LogSeverity, message: string, urn: string): void;
}

export interface MonitorServer {
  /** `127.0.0.1:PORT`, for `--monitor` and `--engine`. */
  readonly address: string;
  close(): Promise<void>;
}

/** Features the harness answers yes to in SupportsFeature; everything else is "no". */
const SUPPORTED_FEATURES = new Set(["secrets", "deletedWith"]);
const SEVERITIES: Record<number, LogSeverity> = { 0: "debug", 1: "info", 2: "warning", 3: "error" };

type Callback<T> = grpc.sendUnaryData<T>;
type Call<T> = grpc.ServerUnaryCall<T, unknown>;

/** Starts the monitor and engine services on a free loopback port. */
export async function startMonitor(handler: MonitorHandler): Promise<MonitorServer> {
  const server = new grpc.Server();
  let rootUrn = "";
  server.addService(resrpc.ResourceMonitorService, {
    supportsFeature(
      call: Call<resproto.SupportsFeatureRequest>,
      cb: Callback<resproto.SupportsFeatureResponse>,
    ) {
      cb(
        null,
        new resproto.SupportsFeatureResponse().setHassupport(
          SUPPORTED_FEATURES.has(call.request.getId()),
        ),
      );
    },
    registerResource(
      call: Call<resproto.RegisterResourceRequest>,
      cb: Callback<resproto.RegisterResourceResponse>,
    ) {
      handler.registerResource(decodeRegistration(call.request)).then(
        (answer) => {
          const res = new resproto.RegisterResourceResponse();
          res.setUrn(answer.urn).setId(answer.id);
          res.setResult(answer.failed ? resproto.Result.FAIL : resproto.Result.SUCCESS);
          res.setObject(
            structproto.Struct.fromJavaScript(
              answer.outputs as Record<string, structproto.JavaScriptValue>,
            ),
          );
          cb(null, res);
        },
        (e: unknown) =>
          cb(
            {
              code: (e as { grpcCode?: number }).grpcCode ?? grpc.status.UNKNOWN,
              details: (e as Error).message,
            },
            null,
          ),
      );
    },
    registerResourceOutputs(
      call: Call<resproto.RegisterResourceOutputsRequest>,
      cb: Callback<emptyproto.Empty>,
    ) {
      handler.registerResourceOutputs(
        call.request.getUrn(),
        (call.request.getOutputs()?.toJavaScript() ?? {}) as PropertyMap,
      );
      cb(null, new emptyproto.Empty());
    },
    readResource(
      call: Call<resproto.ReadResourceRequest>,
      cb: Callback<resproto.ReadResourceResponse>,
    ) {
      const what = `${call.request.getType()} ${call.request.getName()}`;
      cb(
        {
          code: grpc.status.UNIMPLEMENTED,
          details: `the engine harness does not support reading external resources (.get) (${what})`,
        },
        null,
      );
    },
    invoke(call: Call<resproto.ResourceInvokeRequest>, cb: Callback<unknown>) {
      cb(
        {
          code: grpc.status.UNIMPLEMENTED,
          details: `the engine harness does not support invokes (${call.request.getTok()})`,
        },
        null,
      );
    },
    signalAndWaitForShutdown(_call: Call<emptyproto.Empty>, cb: Callback<emptyproto.Empty>) {
      cb(null, new emptyproto.Empty());
    },
  });
  server.addService(enginerpc.EngineService, {
    log(call: Call<engineproto.LogRequest>, cb: Callback<emptyproto.Empty>) {
      handler.log(
        SEVERITIES[call.request.getSeverity()] ?? "info",
        call.request.getMessage(),
        call.request.getUrn(),
      );
      cb(null, new emptyproto.Empty());
    },
    getRootResource(
      _call: Call<engineproto.GetRootResourceRequest>,
      cb: Callback<engineproto.GetRootResourceResponse>,
    ) {
      cb(null, new engineproto.GetRootResourceResponse().setUrn(rootUrn));
    },
    setRootResource(
      call: Call<engineproto.SetRootResourceRequest>,
      cb: Callback<engineproto.SetRootResourceResponse>,
    ) {
      rootUrn = call.request.getUrn();
      cb(null, new engineproto.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 2000).unref();
      }),
  };
}
