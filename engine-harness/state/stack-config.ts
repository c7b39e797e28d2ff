/**
 * The stack configuration file, the harness's `Pulumi.<stack>.yaml` (JSON here):
 * `{ "encryptionsalt": "v1:…", "config": { "proj:key": "text" | { "secure": "v1:…" } } }`.
 * Keys are namespaced like the CLI's (`pulumi config set orgId x` → `<project>:orgId`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createCrypter, type Crypter } from "../values/secret-crypto";

export interface ConfigValue {
  readonly value: string;
  readonly secret: boolean;
}

/** How callers pass config: plain text, or `{ secret: text }` for `pulumi config set --secret`. */
export type ConfigInput = string | { readonly secret: string };

interface ConfigFile {
  readonly encryptionsalt: string;
  readonly config: Record<string, string | { readonly secure: string }>;
}

export class StackConfig {
  private constructor(
    private readonly file: string,
    readonly crypter: Crypter,
    private readonly values: Map<string, ConfigValue>,
  ) {}

  /** Loads `file` (missing: empty config with a fresh salt, or `saltText` when the state has one). */
  static load(file: string, passphrase: string, saltText?: string): StackConfig {
    if (!existsSync(file))
      return new StackConfig(file, createCrypter(passphrase, saltText), new Map());
    const parsed = JSON.parse(readFileSync(file, "utf8")) as ConfigFile;
    const crypter = createCrypter(passphrase, parsed.encryptionsalt);
    const values = new Map<string, ConfigValue>();
    for (const [key, raw] of Object.entries(parsed.config ?? {})) {
      values.set(
        key,
        typeof raw === "string"
          ? { value: raw, secret: false }
          : { value: crypter.decrypt(raw.secure), secret: true },
      );
    }
    return new StackConfig(file, crypter, values);
  }

  /** `pulumi config set [--secret] key value`; `key` without a namespace gets `project`. */
  set(project: string, key: string, input: ConfigInput): void {
    const value =
      typeof input === "string"
        ? { value: input, secret: false }
        : { value: input.secret, secret: true };
    this.values.set(namespaced(project, key), value);
  }

  remove(project: string, key: string): void {
    this.values.delete(namespaced(project, key));
  }

  entries(): ReadonlyMap<string, ConfigValue> {
    return this.values;
  }

  save(): void {
    const config: ConfigFile["config"] = {};
    for (const [key, v] of [...this.values].sort(([a], [b]) => a.localeCompare(b))) {
      config[key] = v.secret ? { secure: this.crypter.encrypt(v.value) } : v.value;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(
      this.file,
      `${JSON.stringify({ encryptionsalt: this.crypter.saltText, config }, null, 2)}\n`,
    );
  }
}

export function namespaced(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}
