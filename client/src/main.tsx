// First: our CSP has no 'unsafe-eval', so zod must not compile validators (see the module).
import '@circlespace/shared/noEval.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App.tsx'
import { preloadOnIntent } from './app/preloadOnIntent.ts'
import { registerOfflineShell } from './board/offlineShell.ts'
import './app/styles.css'
import './auth/auth.css'
import './spaces/spaces.css'
import './board/board.css'
import './snapshots/snapshots.css'
import './sessions/sessions.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
	<StrictMode>
		<App />
	</StrictMode>,
)

registerOfflineShell()
preloadOnIntent()
