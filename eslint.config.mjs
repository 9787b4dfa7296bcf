import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "coverage/", "client/"] },
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
    files: ["**/*.spec.ts", "server/test/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
