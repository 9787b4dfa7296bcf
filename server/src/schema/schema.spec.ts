import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isEnumType, isInputObjectType, isObjectType, isScalarType, printSchema } from "graphql";
import { graphqlSchema } from "../graphql/schema";

const schema = graphqlSchema();
const ownTypes = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith("__"));

describe("schema.graphql", () => {
  it("is the schema the resolvers build (run `npm run schema:emit`)", () => {
    const committed = readFileSync(join(__dirname, "../../../schema.graphql"), "utf8");
    expect(committed).toBe(printSchema(schema) + "\n");
  });

  it("describes every type, field, argument and enum value", () => {
    const missing: string[] = [];
    for (const type of ownTypes) {
      const builtIn =
        isScalarType(type) && ["String", "Boolean", "Int", "Float", "ID"].includes(type.name);
      if (builtIn) continue;
      if (!type.description && !["Query", "Mutation"].includes(type.name)) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of "args" in field ? field.args : []) {
            if (!arg.description) {
              missing.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description) missing.push(`${type.name}.${value.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
