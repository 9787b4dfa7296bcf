import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

// The layers (docs/architecture.md): core/ is framework-free and bundled by the client; features
// use one another only through entities, services, rules and types, and the GraphQL layer only
// through graphql/index.ts.
const FEATURES = [
  "accounts",
  "auth",
  "integrators",
  "operators",
  "push",
  "readings",
  "recovery",
  "registry",
  "reminders",
  "submit-links",
  "users",
  "webhooks",
];
const SOURCE_ONLY = ["**/*.spec.ts"];

const featureBoundaries = FEATURES.map((feature) => ({
  files: [`server/src/${feature}/**/*.ts`],
  ignores: SOURCE_ONLY,
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: "^(\\.\\./)+graphql/",
            message:
              "Features use the GraphQL layer through its public face: import from ../graphql.",
          },
          ...FEATURES.filter((other) => other !== feature).map((other) => ({
            regex: `^(\\.\\./)+${other}/(?![\\w.-]+\\.(entity|service|rules|type|types)$)`,
            message: `That is ${other}/'s internals: another feature imports its entities, services, rules and types only.`,
          })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  {
    // .vue files are type-checked by vue-tsc (npm run typecheck); eslint-plugin-vue is not installed.
    ignores: [
      "node_modules/",
      "dist/",
      "data/",
      "coverage/",
      "client/dist/",
      "client/explorer/dist/",
      "client/src/gql/",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  ...featureBoundaries,
  {
    files: ["server/src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!\\./|libphonenumber-js(/|$))",
              message:
                "core/ is framework-free and bundled by the client: it imports only itself and libphonenumber-js.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["client/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)server/src/(?!core/)",
              message: "The client takes only server/src/core/ from the server, through @core/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.ts", "**/*.mjs"],
    ignores: [...SOURCE_ONLY, "server/test/**", "client/src/test/**", "e2e/**", "**/migrations/**"],
    rules: { "max-lines": ["error", { max: 300 }] },
  },
  {
    // Tests read untyped GraphQL JSON.
    files: ["**/*.spec.ts", "server/test/**", "client/src/test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
