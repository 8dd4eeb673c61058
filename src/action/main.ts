// Entry of the GitHub Action (action.yml → dist/action/index.js, bundled by scripts/build.ts).
import { runAction } from './run.js';

await runAction();
