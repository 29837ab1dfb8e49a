/**
 * CEL expressions (`if`, `cancel.if`, trigger `expression`, flow-control keys).
 * Missing fields make an expression false rather than an error, like Inngest.
 */
import { isCelError, parse, plan, celEnv, type CelValue } from "@bufbuild/cel";

type Evaluator = (vars: Record<string, unknown>) => CelValue | undefined;

const env = celEnv();
const cache = new Map<string, Evaluator | null>();
const CACHE_LIMIT = 5000;

function build(expression: string): Evaluator {
  const program = plan(env, parse(expression));
  return (vars) => {
    const result = program(vars as Parameters<typeof program>[0]);
    return isCelError(result) ? undefined : result;
  };
}

function compile(expression: string): Evaluator | null {
  let compiled = cache.get(expression);
  if (compiled !== undefined) return compiled;
  try {
    compiled = build(expression);
  } catch {
    compiled = null;
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expression, compiled);
  return compiled;
}

/**
 * Why the expression does not compile, or undefined when it does. Meant for
 * expressions as written (few distinct ones), which the cache then holds.
 */
export function compileError(expression: string): string | undefined {
  if (compile(expression)) return undefined;
  try {
    build(expression);
    return undefined;
  } catch (err) {
    return String(err);
  }
}

/** True only when the expression evaluates to boolean true. */
export function matches(expression: string | null | undefined, vars: Record<string, unknown>): boolean {
  if (!expression) return true;
  const evaluator = compile(expression);
  if (!evaluator) return false;
  try {
    return evaluator(toCelInput(vars) as Record<string, unknown>) === true;
  } catch {
    return false;
  }
}

/** Evaluates a key expression (concurrency, throttle ...) to a string. */
export function evaluateKey(expression: string, vars: Record<string, unknown>): string {
  const evaluator = compile(expression);
  if (!evaluator) return "";
  try {
    const value = evaluator(toCelInput(vars) as Record<string, unknown>);
    if (value === undefined || value === null) return "";
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
    return JSON.stringify(value);
  } catch {
    return "";
  }
}

// JSON has no undefined; CEL maps reject it, so strip it the way JSON would.
function toCelInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCelInput);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toCelInput(v);
    return out;
  }
  return value;
}

export function valueAtPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function celLiteral(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  return JSON.stringify(value);
}

/**
 * Replaces every `event.<path>` outside string literals by the literal value
 * from the triggering event, as the Inngest server does when a wait is created.
 */
export function substituteEvent(expression: string, event: unknown): string {
  let out = "";
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i] ?? "";
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < expression.length && expression[j] !== ch) j += expression[j] === "\\" ? 2 : 1;
      out += expression.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? expression[i - 1] ?? "" : "";
    if (!/[\w.]/.test(prev)) {
      const match = /^event((?:\.[A-Za-z_]\w*)+)/.exec(expression.slice(i));
      if (match && match[1]) {
        out += celLiteral(valueAtPath(event, match[1].slice(1)));
        i += match[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

export interface WaitIndex {
  key: string;
  value: string;
  /** Whether the whole expression must still be evaluated on a hit. */
  needsEval: boolean;
}

const PATH = String.raw`async((?:\.[A-Za-z_]\w*)+)`;
const LITERAL = String.raw`("[^"\\]*"|'[^'\\]*'|-?\d+(?:\.\d+)?|true|false)`;
const EQ_LEFT = new RegExp(String.raw`^\s*${PATH}\s*==\s*${LITERAL}\s*$`);
const EQ_RIGHT = new RegExp(String.raw`^\s*${LITERAL}\s*==\s*${PATH}\s*$`);

function parseLiteral(text: string): unknown {
  if (text.startsWith("'")) return text.slice(1, -1);
  return JSON.parse(text);
}

/** Canonical form of a value used both when indexing and when looking up. */
export function indexValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value);
}

/**
 * Finds an `async.<path> == <literal>` conjunct in an already-substituted
 * expression so waits can be found by (key, value) instead of evaluated one by
 * one. Returns undefined for shapes it cannot index.
 */
export function extractWaitIndex(expression: string): WaitIndex | undefined {
  if (expression.includes("||") || expression.includes("(")) return undefined;
  const conjuncts = splitOutsideStrings(expression, "&&");
  for (const conjunct of conjuncts) {
    const left = EQ_LEFT.exec(conjunct);
    const right = left ? undefined : EQ_RIGHT.exec(conjunct);
    const path = left ? left[1] : right?.[2];
    const literal = left ? left[2] : right?.[1];
    if (!path || !literal) continue;
    const value = indexValue(parseLiteral(literal));
    if (value === undefined) continue;
    return { key: path.slice(1), value, needsEval: conjuncts.length > 1 };
  }
  return undefined;
}

function splitOutsideStrings(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
