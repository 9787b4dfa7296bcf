import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { createRegistryAccount, registration } from "../../test/factories";
import { registerAndLogin } from "../../test/operations";
import { startTestApp, type TestApp } from "../../test/test-app";

// docs/security.md T11: operations generated from the committed schema.graphql, valid and not, sent
// anonymously and signed in. Never a 5xx, never INTERNAL, no SQL, stack or echoed secret, and a
// refused operation changes no data.
const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const schema: GraphQLSchema = buildSchema(
  readFileSync(join(__dirname, "../../../schema.graphql"), "utf8"),
);

type Draw = fc.GeneratorValue;
const SECRET = "Fz-" + "s3cr3t".repeat(3);
const SECRET_AMOUNT = "987654.31";

const nasty = [
  "",
  " ",
  "' OR 1=1 --",
  '"); DROP TABLE users; --',
  "\u0000",
  "💥".repeat(50),
  "x".repeat(3000),
  "__proto__",
  "1e309",
  "-0",
  "NaN",
  "12,345.67",
  "1 234,5",
  "2026-13",
  "9999-99-99T99:99:99Z",
  "<script>alert(1)</script>",
];

function scalarValue(g: Draw, typeName: string, argName: string): unknown {
  if (/password|token/i.test(argName)) return g(() => fc.constantFrom(SECRET, SECRET + "!", ""));
  if (/amount/i.test(argName)) return g(() => fc.constantFrom(SECRET_AMOUNT, "0", "-1", "1.001"));
  switch (typeName) {
    case "Int":
      return g(() =>
        fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constantFrom(0, 100_000, 2 ** 31 - 1, -1)),
      );
    case "Float":
      return g(() => fc.double({ noNaN: true }));
    case "Boolean":
      return g(() => fc.boolean());
    case "Decimal":
      return g(() => fc.oneof(fc.constantFrom("1500.5", "0.001", "1e3", ...nasty), fc.string()));
    default:
      return g(() =>
        fc.oneof(
          fc.constantFrom(...nasty, "0012345678", "user@example.kz", "8 701 123 45 67", "1"),
          fc.string({ maxLength: 40 }),
        ),
      );
  }
}

function inputValue(g: Draw, type: GraphQLInputType, name: string, depth = 0): unknown {
  // Now and then a null or a wrong type where a value is required: coercion must refuse it.
  if (g(() => fc.integer({ min: 0, max: 29 })) === 0)
    return g(() => fc.constantFrom(null, 7, "x", {}));
  if (isNonNullType(type)) return inputValue(g, type.ofType, name, depth);
  if (isListType(type)) {
    const size = g(() => fc.integer({ min: 0, max: 3 }));
    return Array.from({ length: size }, () => inputValue(g, type.ofType, name, depth + 1));
  }
  if (isEnumType(type)) {
    return g(() => fc.constantFrom(...type.getValues().map((v) => v.name), "NOPE"));
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type);
      if (required || g(() => fc.boolean())) {
        value[field.name] = inputValue(g, field.type, field.name, depth + 1);
      }
    }
    return value;
  }
  return scalarValue(g, getNamedType(type).name, name);
}

class Operation {
  private readonly declarations: string[] = [];
  readonly variables: Record<string, unknown> = {};

  constructor(private readonly g: Draw) {}

  args(args: readonly GraphQLArgument[]): string {
    const parts: string[] = [];
    for (const arg of args) {
      if (!isNonNullType(arg.type) && this.g(() => fc.boolean())) continue;
      const variable = `v${this.declarations.length}`;
      this.declarations.push(`$${variable}: ${String(arg.type)}`);
      this.variables[variable] = inputValue(this.g, arg.type, arg.name);
      parts.push(`${arg.name}: $${variable}`);
    }
    return parts.length > 0 ? `(${parts.join(", ")})` : "";
  }

  selection(type: GraphQLObjectType, depth: number): string {
    const fields = Object.values(type.getFields());
    const count = this.g(() => fc.integer({ min: 1, max: Math.min(4, fields.length) }));
    const picked = this.g(() =>
      fc.shuffledSubarray(fields, { minLength: count, maxLength: count }),
    );
    const parts = picked.map((field) => {
      const alias =
        this.g(() => fc.integer({ min: 0, max: 9 })) === 0 ? `x${depth}_${field.name}: ` : "";
      const named = getNamedType(field.type);
      const sub =
        isLeafType(named) || depth > 6
          ? isLeafType(named)
            ? ""
            : " { __typename }"
          : ` { ${this.selection(named as GraphQLObjectType, depth + 1)} }`;
      return `${alias}${field.name}${this.args(field.args)}${sub}`;
    });
    // Sometimes a field that does not exist, or a typo of one that does.
    if (this.g(() => fc.integer({ min: 0, max: 14 })) === 0) parts.push(`${picked[0].name}x`);
    return parts.join(" ");
  }

  text(kind: "query" | "mutation", body: string): string {
    const vars = this.declarations.length > 0 ? `(${this.declarations.join(", ")})` : "";
    return `${kind} Fuzz${vars} { ${body} }`;
  }
}

function generate(g: Draw): { query: string; variables: Record<string, unknown> } {
  const operation = new Operation(g);
  const kind = g(() => fc.constantFrom("query" as const, "mutation" as const));
  const root = (kind === "query" ? schema.getQueryType() : schema.getMutationType())!;
  // Logging out would only end the signed-in runs' session (tested on their own).
  const fields = Object.values(root.getFields()).filter((f) => !/^logout/.test(f.name));
  const field = g(() => fc.constantFrom(...fields));
  const named = getNamedType(field.type);
  const args = operation.args(field.args);
  const body = isObjectType(named) ? ` { ${operation.selection(named, 1)} }` : "";
  const query = operation.text(kind, `${field.name}${args}${body}`);
  // Now and then a broken document.
  const mangle = g(() => fc.integer({ min: 0, max: 19 }));
  if (mangle === 0)
    return { query: query.slice(0, query.length / 2), variables: operation.variables };
  if (mangle === 1) return { query: query + " }", variables: operation.variables };
  return { query, variables: operation.variables };
}

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await startTestApp();
  const account = await createRegistryAccount(t.db.dataSource);
  const client = t.client();
  await registerAndLogin(
    client,
    registration(account, { password: SECRET, passwordConfirmation: SECRET }),
    true,
  );
  token = client.accessToken!;
});
afterAll(() => t.close());

const TABLES = ["users", "account_links", "readings", "sessions"];
async function counts(): Promise<string> {
  const rows = await Promise.all(
    TABLES.map((table) => t.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)),
  );
  return rows.map((r) => String(r[0].n)).join(",");
}

it(`survives ${RUNS} generated operations`, async () => {
  const seen = { ok: 0, refused: 0, status: new Map<number, number>() };
  await fc.assert(
    fc.asyncProperty(fc.gen(), fc.boolean(), async (g, signedIn) => {
      const { query, variables } = generate(g);
      const before = await counts();
      const response = await fetch(`${t.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(signedIn ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      seen.status.set(response.status, (seen.status.get(response.status) ?? 0) + 1);
      expect(response.status).toBeLessThan(500);
      const body = JSON.parse(text) as {
        data?: Record<string, unknown> | null;
        errors?: Array<{ extensions?: { code?: string } }>;
      };
      expect(body.errors?.map((e) => e.extensions?.code) ?? []).not.toContain("INTERNAL");
      expect(text).not.toMatch(
        /\bSELECT\b|\bINSERT\b|QueryFailedError|SQLITE_|\bER_[A-Z_]+|\n\s+at /,
      );
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET_AMOUNT);
      const refused = !body.data || Object.values(body.data).every((v) => v === null);
      if (refused && body.errors?.length) {
        seen.refused++;
        expect(await counts()).toBe(before);
      } else {
        seen.ok++;
      }
    }),
    { numRuns: RUNS, interruptAfterTimeLimit: 90_000 },
  );
  // The generator must reach past validation, not only bounce off it.
  expect(seen.ok).toBeGreaterThan(RUNS / 20);
  expect(seen.status.get(200)).toBeGreaterThan(RUNS / 10);
}, 180_000);
