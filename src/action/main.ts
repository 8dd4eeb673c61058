// Entry of the GitHub Action (action.yml → dist/action/index.js, bundled by scripts/build.ts).
import { installSignalHandlers } from '../cli/output.js';
import { runAction } from './run.js';

// A cancelled workflow run sends SIGINT, then SIGTERM: waits stop, gate process groups are
// killed, nothing more is committed, the temporary clone is removed.
installSignalHandlers();
await runAction();
