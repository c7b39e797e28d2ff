/**
 * Typed calls to the host's ResourceProvider gRPC service, with requests shaped like the
 * engine's: urn/name/type set, all values plain (the host answers
 * Configure with acceptSecrets=false, so the engine unwraps secrets before Check…Delete).
 */
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { decodeServiceError } from "./errors";
import type {
  CallExtras,
  CheckResult,
  ConfigureResult,
  CreateResult,
  DiffChanges,
  DiffResult,
  ReadResult,
  UpdateResult,
} from "./types";
import { fromStruct, parseUrn, toStruct, wrapSecret, type PropertyMap } from "./wire";

const CHANGES: Record<number, DiffChanges> = {
  [pb.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "DIFF_UNKNOWN",
  [pb.DiffResponse.DiffChanges.DIFF_NONE]: "DIFF_NONE",
  [pb.DiffResponse.DiffChanges.DIFF_SOME]: "DIFF_SOME",
};

type Unary<Req, Res> = (
  req: Req,
  cb: (err: grpc.ServiceError | null, res?: Res) => void,
) => unknown;

/** The typed gRPC surface of one host. Every method rejects with a `HostCallError`. */
export class HostClient {
  private readonly client: ResourceProviderClient;

  constructor(port: number) {
    this.client = new ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
  }

  /** Configure with the whole stack config, namespaced; keys in `secretKeys` are sent wrapped. */
  async configure(
    config: Record<string, string>,
    secretKeys: readonly string[] = [],
  ): Promise<ConfigureResult> {
    const args: PropertyMap = {};
    for (const [k, v] of Object.entries(config))
      args[k] = secretKeys.includes(k) ? wrapSecret(v) : v;
    const req = new pb.ConfigureRequest().setArgs(toStruct(args, "config"));
    req
      .setAcceptsecrets(true)
      .setAcceptresources(true)
      .setSendsOldInputs(true)
      .setSendsOldInputsToDelete(true);
    for (const [k, v] of Object.entries(config)) req.getVariablesMap().set(k, v);
    const res = await this.call<pb.ConfigureResponse>("Configure", this.client.configure, req);
    return {
      acceptSecrets: res.getAcceptsecrets(),
      supportsPreview: res.getSupportspreview(),
      acceptResources: res.getAcceptresources(),
      acceptOutputs: res.getAcceptoutputs(),
    };
  }

  /** Check(olds = previous inputs or `{}`, news = program inputs + `__provider`). */
  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const { type, name } = parseUrn(urn);
    const req = new pb.CheckRequest().setUrn(urn).setName(name).setType(type);
    req.setOlds(toStruct(olds, "olds")).setNews(toStruct(news, "news"));
    const res = await this.call<pb.CheckResponse>("Check", this.client.check, req);
    return {
      inputs: fromStruct(res.getInputs()),
      failures: res
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** Diff(id, olds = previous OUTPUTS, news = checked inputs). */
  async diff(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    extras: CallExtras = {},
  ): Promise<DiffResult> {
    const { type, name } = parseUrn(urn);
    const req = new pb.DiffRequest().setId(id).setUrn(urn).setName(name).setType(type);
    req.setOlds(toStruct(olds, "olds")).setNews(toStruct(news, "news"));
    if (extras.oldInputs) req.setOldInputs(toStruct(extras.oldInputs, "oldInputs"));
    const res = await this.call<pb.DiffResponse>("Diff", this.client.diff, req);
    return {
      changes: CHANGES[res.getChanges()] ?? "DIFF_UNKNOWN",
      replaces: res.getReplacesList(),
      stables: res.getStablesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
      diffs: res.getDiffsList(),
      hasDetailedDiff: res.getHasdetaileddiff(),
    };
  }

  /** Create(properties = checked inputs). */
  async create(
    urn: string,
    properties: PropertyMap,
    extras: CallExtras = {},
  ): Promise<CreateResult> {
    const { type, name } = parseUrn(urn);
    const req = new pb.CreateRequest().setUrn(urn).setName(name).setType(type);
    req.setProperties(toStruct(properties, "properties")).setPreview(extras.preview ?? false);
    if (extras.timeoutSeconds) req.setTimeout(extras.timeoutSeconds);
    const res = await this.call<pb.CreateResponse>("Create", this.client.create, req);
    return { id: res.getId(), properties: fromStruct(res.getProperties()) };
  }

  /** Read(id, properties = stored outputs, inputs = stored inputs). */
  async read(
    id: string,
    urn: string,
    properties: PropertyMap,
    inputs: PropertyMap = {},
  ): Promise<ReadResult> {
    const { type, name } = parseUrn(urn);
    const req = new pb.ReadRequest().setId(id).setUrn(urn).setName(name).setType(type);
    req.setProperties(toStruct(properties, "properties")).setInputs(toStruct(inputs, "inputs"));
    const res = await this.call<pb.ReadResponse>("Read", this.client.read, req);
    const returnedInputs = res.getInputs();
    return {
      id: res.getId(),
      properties: fromStruct(res.getProperties()),
      ...(returnedInputs ? { inputs: fromStruct(returnedInputs) } : {}),
    };
  }

  /** Update(id, olds = previous OUTPUTS, news = checked inputs). */
  async update(
    id: string,
    urn: string,
    olds: PropertyMap,
    news: PropertyMap,
    extras: CallExtras = {},
  ): Promise<UpdateResult> {
    const { type, name } = parseUrn(urn);
    const req = new pb.UpdateRequest().setId(id).setUrn(urn).setName(name).setType(type);
    req
      .setOlds(toStruct(olds, "olds"))
      .setNews(toStruct(news, "news"))
      .setPreview(extras.preview ?? false);
    if (extras.oldInputs) req.setOldInputs(toStruct(extras.oldInputs, "oldInputs"));
    if (extras.timeoutSeconds) req.setTimeout(extras.timeoutSeconds);
    const res = await this.call<pb.UpdateResponse>("Update", this.client.update, req);
    return { properties: fromStruct(res.getProperties()) };
  }

  /** Delete(id, properties = stored outputs). */
  async delete(
    id: string,
    urn: string,
    properties: PropertyMap,
    extras: CallExtras = {},
  ): Promise<void> {
    const { type, name } = parseUrn(urn);
    const req = new pb.DeleteRequest().setId(id).setUrn(urn).setName(name).setType(type);
    req.setProperties(toStruct(properties, "properties"));
    if (extras.oldInputs) req.setOldInputs(toStruct(extras.oldInputs, "oldInputs"));
    if (extras.timeoutSeconds) req.setTimeout(extras.timeoutSeconds);
    await this.call<unknown>("Delete", this.client.delete, req);
  }

  /** Closes the channel. */
  close(): void {
    this.client.close();
  }

  private call<Res>(method: string, fn: Unary<never, Res>, req: unknown): Promise<Res> {
    return new Promise((resolve, reject) => {
      const cb = (err: grpc.ServiceError | null, res?: Res): void =>
        err ? reject(decodeServiceError(method, err)) : resolve(res as Res);
      (fn as unknown as (r: unknown, c: typeof cb) => unknown).call(this.client, req, cb);
    });
  }
}
