import type { CodegenConfig } from "@graphql-codegen/cli";

/**
 * Paths are relative to the repository root (`npm run codegen`). Operations are checked against
 * the server's emitted contract (a change there breaks the build) and emitted as
 * `TypedDocumentNode`s, the parsed documents Apollo Client's cache reads.
 */
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: [
    "client/src/**/*.ts",
    "client/src/**/*.vue",
    "!client/src/gql/**/*",
    "!client/src/**/*.spec.ts",
  ],
  ignoreNoDocuments: false,
  generates: {
    "client/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { Decimal: "string", DateTime: "string", Period: "string", LocalDate: "string" },
      },
    },
  },
  hooks: { afterAllFileWrite: ["prettier --write"] },
};

export default config;
