import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  {
    // .vue files are type-checked by vue-tsc (npm run typecheck); eslint-plugin-vue is not installed.
    ignores: [
      "node_modules/",
      "dist/",
      "data/",
      "coverage/",
      "client/dist/",
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
  {
    // Tests read untyped GraphQL JSON.
    files: ["**/*.spec.ts", "server/test/**", "client/src/test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
