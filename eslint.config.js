import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  {
    ignores: ["build/**", "app/generated/**", "tools/**", "node_modules/**", "data/**", "test-results/**", "bench/results/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      // Prisma is reached only through app/models and app/utils/db.server.ts (STYLE.md).
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["#app/generated/*"], message: "Use app/utils/db.server.ts from a model." }] },
      ],
    },
  },
  {
    files: ["app/utils/db.server.ts", "app/models/**", "prisma/**", "tests/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
