// Preloaded by `pnpm start` and `pnpm dev` (`node --import ./scripts/loadEnvFile.js …`): reads
// the repository's `.env` when there is one. The file is optional, and Node's own
// `--env-file-if-exists` prints ".env not found. Continuing without it." on every start without
// one, which reads like a problem to someone trying the app. As with `--env-file`, variables
// already set in the environment win over the file.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const envFile = fileURLToPath(new URL('../.env', import.meta.url))
if (existsSync(envFile)) process.loadEnvFile(envFile)
