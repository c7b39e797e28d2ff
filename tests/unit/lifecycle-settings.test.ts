import { expect } from "chai";
import { configure, dispatch } from "../../provider/lifecycle/index";
import { ProcessRuntime, processRuntime } from "../../provider/lifecycle/runtime";
import { resolveSettings, SettingsError } from "../../provider/lifecycle/settings";

const none = (): undefined => undefined;
const SECRET = "9d3c1a2b-7e6f-4a5b-8c9d-0e1f2a3b4c5d";

function configOf(values: Record<string, string>) {
  return (key: string): string | undefined => values[key];
}

describe("lifecycle settings", () => {
  it("reads stack config first and falls back to the mongocli environment variables", () => {
    const env = {
      MCLI_OPS_MANAGER_URL: "http://env:8080",
      MCLI_PUBLIC_API_KEY: "envpub",
      MCLI_PRIVATE_API_KEY: SECRET,
    };
    const fromEnv = resolveSettings(none, env).client;
    expect(fromEnv).to.include({
      baseUrl: "http://env:8080",
      publicKey: "envpub",
      privateKey: SECRET,
      accessListPath: "auto",
    });
    const fromConfig = resolveSettings(
      configOf({ "opsmanager:baseUrl": "https://om.example.com:8443/" }),
      env,
    ).client;
    expect(fromConfig.baseUrl).to.equal("https://om.example.com:8443");
  });

  it("accepts a base URL that already ends in /api/public/v1.0", () => {
    const settings = resolveSettings(
      configOf({
        "opsmanager:baseUrl": "https://om:8443/api/public/v1.0/",
        "opsmanager:publicKey": "p",
        "opsmanager:privateKey": "k",
      }),
      {},
    );
    expect(settings.client.baseUrl).to.equal("https://om:8443");
  });

  it("parses the optional switches and retry bounds", () => {
    const settings = resolveSettings(
      configOf({
        "opsmanager:baseUrl": "http://om",
        "opsmanager:publicKey": "p",
        "opsmanager:privateKey": "k",
        "opsmanager:accessListPath": "whitelist",
        "opsmanager:insecureSkipVerify": "true",
        "opsmanager:retryMaxAttempts": "4",
        "opsmanager:driftCheck": "state",
      }),
      {
        OPSMANAGER_RETRY_MAX_ELAPSED_MS: "5000",
        OPSMANAGER_RETRY_BASE_DELAY_MS: "1",
        MCLI_OPS_MANAGER_CA_CERTIFICATE: "/ca.pem",
      },
    );
    expect(settings.client).to.deep.include({
      accessListPath: "whitelist",
      insecureSkipVerify: true,
      caCertFile: "/ca.pem",
    });
    expect(settings.client.retry).to.deep.equal({
      maxAttempts: 4,
      maxElapsedMs: 5000,
      baseDelayMs: 1,
    });
    expect(settings.driftCheck).to.equal("state");
  });

  it("fails once, listing every config key and environment variable to set, never a value", () => {
    const error = (() => {
      try {
        resolveSettings(
          configOf({ "opsmanager:privateKey": SECRET, "opsmanager:retryMaxAttempts": "zero" }),
          {},
        );
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).to.be.instanceOf(SettingsError);
    const message = (error as Error).message;
    for (const name of [
      "opsmanager:baseUrl",
      "MCLI_OPS_MANAGER_URL",
      "opsmanager:publicKey",
      "MCLI_PUBLIC_API_KEY",
      "retryMaxAttempts",
    ]) {
      expect(message).to.include(name);
    }
    expect(message).to.not.include(SECRET).and.to.not.include("zero");
  });

  it("rejects a base URL that is not http(s) without echoing it", () => {
    const url = "ftp://user:hunter2@om";
    expect(() =>
      resolveSettings(
        configOf({
          "opsmanager:baseUrl": url,
          "opsmanager:publicKey": "p",
          "opsmanager:privateKey": "k",
        }),
        {},
      ),
    )
      .to.throw(SettingsError, /not an http\(s\) URL/)
      .with.property("message")
      .that.does.not.include("hunter2");
  });

  it("keeps configure()'d values per provider object without writing them onto it", () => {
    const provider = { kind: "OrgApiKey" };
    configure(provider, {
      config: {
        get: (k: string) =>
          ({
            "opsmanager:baseUrl": "http://a",
            "opsmanager:publicKey": "p",
            "opsmanager:privateKey": SECRET,
          })[k],
      },
    });
    expect(Object.keys(provider)).to.deep.equal(["kind"]);
    expect(processRuntime.forProvider(provider).context().settings.client.baseUrl).to.equal(
      "http://a",
    );
  });

  it("reuses resolved settings between calls and resolves again when the environment changes", () => {
    const env: NodeJS.ProcessEnv = {
      MCLI_OPS_MANAGER_URL: "http://first:8080",
      MCLI_PUBLIC_API_KEY: "pub",
      MCLI_PRIVATE_API_KEY: SECRET,
    };
    const runtime = new ProcessRuntime(env, () => undefined);
    const provider = { kind: "OrgApiKey" };
    runtime.configure(provider, { config: { get: () => undefined } });
    const first = runtime.forProvider(provider).context();
    expect(runtime.forProvider(provider).context()).to.equal(first);
    env.MCLI_OPS_MANAGER_URL = "http://second:8080";
    const second = runtime.forProvider(provider).context();
    expect(second.settings.client.baseUrl).to.equal("http://second:8080");
    delete env.MCLI_PRIVATE_API_KEY;
    expect(() => runtime.forProvider(provider).context()).to.throw(SettingsError, /privateKey/);
  });

  it("resolves again when configure() gives the provider object new values", () => {
    const runtime = new ProcessRuntime({}, () => undefined);
    const provider = { kind: "OrgApiKey" };
    const configureWith = (baseUrl: string) =>
      runtime.configure(provider, {
        config: {
          get: (k: string) =>
            ({
              "opsmanager:baseUrl": baseUrl,
              "opsmanager:publicKey": "p",
              "opsmanager:privateKey": SECRET,
            })[k],
        },
      });
    configureWith("http://a");
    expect(runtime.forProvider(provider).context().settings.client.baseUrl).to.equal("http://a");
    configureWith("http://b");
    expect(runtime.forProvider(provider).context().settings.client.baseUrl).to.equal("http://b");
  });

  it("survives a host that has no config (an engine older than 3.139)", () => {
    const provider = { kind: "OrgApiKey" };
    const broken = {
      get: (): string => {
        throw new TypeError("Cannot read properties of undefined");
      },
    };
    expect(() => configure(provider, { config: broken })).to.not.throw();
  });

  it("checks and diffs offline with no settings at all (driftCheck state)", async () => {
    const provider = { kind: "ApiKeyWhitelistEntry" };
    configure(provider, {
      config: { get: (k) => (k === "opsmanager:driftCheck" ? "state" : undefined) },
    });
    const news = {
      orgId: "5f0c8a1e2b3c4d5e6f708192",
      apiKeyId: "60a1b2c3d4e5f60718293a4c",
      ipAddress: "1.2.3.4",
    };
    const checked = (await dispatch(provider, "check", [{}, news])) as { failures: unknown[] };
    expect(checked.failures).to.deep.equal([]);
    const diff = await dispatch(provider, "diff", [
      "id",
      { ...news, cidrBlock: "1.2.3.4/32" },
      news,
    ]);
    expect(diff).to.deep.equal({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("names an unknown resource kind or method instead of guessing", async () => {
    const error = await dispatch({ kind: "Other" }, "check", [{}, {}]).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/unknown resource kind "Other"/);
    const method = await dispatch({ kind: "OrgApiKey" }, "explode" as "check", []).then(
      () => null,
      (e: Error) => e,
    );
    expect(method?.message).to.match(/unknown provider method explode/);
  });

  it("adds the setting to change to the client's warning, by its code", () => {
    const warnings: string[] = [];
    const runtime = new ProcessRuntime({}, (m) => void warnings.push(m));
    const provider = { kind: "OrgApiKey" };
    runtime.configure(provider, {
      config: {
        get: (k: string) =>
          ({
            "opsmanager:baseUrl": "https://127.0.0.1:9",
            "opsmanager:publicKey": "p",
            "opsmanager:privateKey": SECRET,
            "opsmanager:insecureSkipVerify": "true",
          })[k],
      },
    });
    runtime.forProvider(provider).context(); // makes the client, which warns once
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/TLS certificate verification is OFF/);
    expect(warnings[0]).to.match(/opsmanager:caCertFile .* opsmanager:insecureSkipVerify/);
    expect(warnings[0]).to.not.include(SECRET);
  });
});
