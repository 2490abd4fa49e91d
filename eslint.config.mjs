// ESLint for the checklist's modules and their Node tests (make lint-js): the recommended rules,
// plus no global state through `window`: modules share what they need through imports.
import js from "@eslint/js";
import globals from "globals";

const noWindowGlobals = {
  "no-restricted-syntax": [
    "error",
    {
      selector: "AssignmentExpression > MemberExpression.left[object.name=/^(window|globalThis|self)$/]",
      message: "No window globals: export it from a module and import it where it is needed.",
    },
  ],
};

export default [
  { ignores: ["site/", ".site.*/", "node_modules/", ".venv*/", "benchmarks/", "test-artifacts/"] },
  {
    files: ["overrides/assets/javascripts/checklist/**/*.mjs"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.browser, document$: "readonly" },
    },
    rules: { ...js.configs.recommended.rules, ...noWindowGlobals },
  },
  {
    files: ["tests/js/**/*.mjs"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: { ...globals.node } },
  },
];
