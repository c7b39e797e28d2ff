#!/usr/bin/env node
// Fails when a tracked (or untracked, non-ignored) text file cites something a reader of this
// repository cannot open: a section of a document that is not in it (the word design or spec
// followed by a section sign and a number), an entry of a private tracker (the word issue
// followed by a number, or "#1836" without its repository), a private decision
// log, or a path outside the repository. Public sources are fine: full URLs and
// `owner/repo#N` links to public GitHub issues. `§` citations are allowed inside docs/, which
// is where this repository's own documents live.
//
// Usage: node scripts/check-references.js   (exit 1 and a file:line list on any hit)
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

/**
 * One rule: `pattern` (global) finds the offending text in a line; `where(file)` says whether the
 * rule applies to a repository-relative path.
 */
const RULES = [
  {
    name: "citation of a design or spec section",
    pattern: /\b(?:design|spec)\s+(?:§\s*[\w.–-]*|rule\s+\d+|decision\s+\d+)/gi,
    where: () => true,
  },
  {
    name: "section citation (§) outside docs/",
    pattern: /§\s*[\w.–-]*/g,
    where: (file) => !file.startsWith("docs/"),
  },
  {
    name: "reference to an issue of a private tracker",
    pattern: /\bissues?\s+#?\d+(?:\s*(?:,|and|&)\s*#?\d+)*/gi,
    where: () => true,
  },
  {
    // `pulumi/pulumi#4981` names its repository and is allowed; a bare `#4981` or `PR #1836`
    // does not say which tracker it means.
    name: "issue or pull-request number without its repository (write owner/repo#N)",
    pattern: /(?<![\w&])(?:PR\s*)?#\d+\b/g,
    where: () => true,
  },
  {
    name: "reference to a private decision log",
    pattern:
      /\bbrief\s+decisions?\b|\bdecision\s+\d+\s+of\s+the\s+brief\b|(?<=[(/,]\s*)brief\s*\)/gi,
    where: () => true,
  },
  {
    name: "path outside the repository",
    pattern:
      /(?:\.\.\/)+shared\b|\bshared\/(?:spec|design)\b|\/work\/|\bspec\/[\w-]+\.md\b|\bops-manager-api\.md\b|\bpulumi-dynamic-provider\.md\b|\bdesign\.md\b|(?<=^|[\s"'`(=])(?:\/home\/|\/Users\/|\/root\/)[\w.-]+/g,
    where: () => true,
  },
];

/** Files the check never reads: this script and its test quote every pattern on purpose. */
const EXEMPT = new Set([
  "package-lock.json",
  "scripts/check-references.js",
  "tests/unit/check-references.test.ts",
]);

/**
 * Offending texts in one line of `file` (a repository-relative path with `/` separators):
 * `[{ rule, text }]`, empty when the line is clean.
 */
function findReferences(line, file) {
  const found = [];
  for (const rule of RULES) {
    if (!rule.where(file)) continue;
    for (const match of line.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      // One report per offending text: a later rule's match inside an earlier one is the same
      // citation (a design-section citation is not also reported as a bare section sign).
      if (found.some((hit) => start < hit.end && hit.start < end)) continue;
      found.push({ start, end, rule: rule.name, text: match[0].trim().replace(/[.,;:–-]+$/, "") });
    }
  }
  return found.sort((a, b) => a.start - b.start).map(({ rule, text }) => ({ rule, text }));
}

/** Every hit in a file's text: `[{ file, line, rule, text }]` with 1-based line numbers. */
function checkText(file, text) {
  const hits = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const hit of findReferences(line, file)) hits.push({ file, line: index + 1, ...hit });
  });
  return hits;
}

/** Tracked files plus untracked files git does not ignore, minus the exempt ones. */
function listFiles(root) {
  const run = (args) =>
    execFileSync("git", args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
      .split("\0")
      .filter(Boolean);
  const files = new Set([
    ...run(["ls-files", "-z"]),
    ...run(["ls-files", "-z", "--others", "--exclude-standard"]),
  ]);
  return [...files].filter((file) => !EXEMPT.has(file)).sort();
}

/** Every hit under `root`; binary files (a NUL byte) and files deleted from the tree are skipped. */
function checkRepository(root) {
  const hits = [];
  for (const file of listFiles(root)) {
    let buffer;
    try {
      buffer = fs.readFileSync(path.join(root, file));
    } catch {
      continue; // Tracked but deleted in the working tree.
    }
    if (buffer.includes(0)) continue;
    hits.push(...checkText(file, buffer.toString("utf8")));
  }
  return hits;
}

function main() {
  const root = path.resolve(__dirname, "..");
  const hits = checkRepository(root);
  if (hits.length === 0) {
    console.log("check-references: no references to documents outside the repository.");
    return;
  }
  for (const hit of hits) console.log(`${hit.file}:${hit.line}: ${hit.rule}: ${hit.text}`);
  const files = new Set(hits.map((hit) => hit.file)).size;
  console.error(
    `check-references: ${hits.length} reference(s) in ${files} file(s) point outside the repository. ` +
      "Rewrite each so it stands on its own, or cite a file under docs/ or a public URL.",
  );
  process.exitCode = 1;
}

if (require.main === module) main();

module.exports = { RULES, EXEMPT, findReferences, checkText, listFiles, checkRepository };
