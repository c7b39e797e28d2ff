// Lint configuration for `npm run lint:provider`: the repository's rules plus typescript-eslint's
// type-checked set on the published provider code (provider/), where a wrong assumption about a
// value's type reaches users. Separate from eslint.config.mjs until provider/ is clean under it.
import tseslint from "typescript-eslint";
import base from "./eslint.config.mjs";

export default tseslint.config(...base, {
  files: ["provider/**/*.ts"],
  extends: [...tseslint.configs.recommendedTypeChecked],
  languageOptions: {
    parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
  },
  rules: {
    "@typescript-eslint/no-require-imports": "off",
  },
});
