/**
 * The README's TypeScript snippets, type-checked with the TypeScript compiler API against the
 * package's own types: `pulumi-opsmanager-apikeys` resolves to provider/index.ts through the
 * `paths` mapping of tsconfig.json, and `@pulumi/pulumi` to the installed SDK.
 */
import * as path from "node:path";
import ts from "typescript";

/** One fenced ```ts block: its code and the 1-based line of its first code line in the file. */
export interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/** A type error, located in the markdown file. */
export interface SnippetError {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** Every ```ts / ```typescript block of `markdown`, in order. */
export function extractSnippets(file: string, markdown: string): Snippet[] {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (start < 0 && /^```(ts|typescript)\s*$/.test(text)) start = i + 1;
    else if (start >= 0 && /^```\s*$/.test(text)) {
      snippets.push({ file, line: start + 1, code: lines.slice(start, i).join("\n") });
      start = -1;
    }
  }
  return snippets;
}

/** Compiler options of the repository's tsconfig.json, for type-checking only. */
function compilerOptions(repoRoot: string): ts.CompilerOptions {
  const configPath = path.join(repoRoot, "tsconfig.json");
  const read = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, repoRoot);
  return { ...parsed.options, noEmit: true, declaration: false, sourceMap: false, types: ["node"] };
}

/**
 * Type-checks each snippet as its own module (a virtual file under `tests/readme/`, so module
 * resolution sees the repository's node_modules). Errors carry the markdown file and line.
 */
export function typeCheckSnippets(repoRoot: string, snippets: readonly Snippet[]): SnippetError[] {
  const options = compilerOptions(repoRoot);
  const virtual = new Map<string, Snippet>();
  snippets.forEach((snippet, index) => {
    virtual.set(path.join(repoRoot, "tests", "readme", `__snippet_${index}.ts`), snippet);
  });
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const snippet = virtual.get(path.resolve(fileName));
    return snippet
      ? ts.createSourceFile(fileName, snippet.code, languageVersion, true)
      : getSourceFile(fileName, languageVersion, onError, shouldCreate);
  };
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists(fileName);
  host.readFile = (fileName) => virtual.get(path.resolve(fileName))?.code ?? readFile(fileName);

  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const errors: SnippetError[] = [];
  for (const [fileName, snippet] of virtual) {
    const source = program.getSourceFile(fileName);
    if (!source) throw new Error(`snippet of ${snippet.file}:${snippet.line} was not loaded`);
    for (const diagnostic of ts.getPreEmitDiagnostics(program, source)) {
      const offset =
        diagnostic.file === source && diagnostic.start !== undefined
          ? source.getLineAndCharacterOfPosition(diagnostic.start).line
          : 0;
      errors.push({
        file: snippet.file,
        line: snippet.line + offset,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
      });
    }
  }
  return errors;
}
