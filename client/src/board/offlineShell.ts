/**
 * Registers the service worker (`/sw.js`, from `client/public/sw.js`) that keeps the app's own
 * files, so that a board page reloads without network and opens from IndexedDB.
 *
 * Only in production builds: in development Vite serves unhashed modules that must never be
 * cached. Only on secure contexts (https, or http on localhost), the only place browsers allow it.
 */
export function registerOfflineShell(): void {
	if (!import.meta.env.PROD || !window.isSecureContext || !('serviceWorker' in navigator)) return
	const serviceWorker = navigator.serviceWorker
	// On the first visit the page loaded its files before any worker could see them. Once the
	// worker controls the page, it is told which files those were so that it keeps them too;
	// later visits are controlled from the start and fetch everything through the worker.
	if (!serviceWorker.controller) reportFilesLoadedBeforeControl(serviceWorker)
	const register = () => {
		serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
			// The app works without it; only offline reloads do not.
			console.warn('Circlespace could not install its service worker:', error)
		})
	}
	if (document.readyState === 'complete') register()
	else window.addEventListener('load', register, { once: true })
}

function reportFilesLoadedBeforeControl(serviceWorker: ServiceWorkerContainer): void {
	const pending = new Set<string>()
	const flush = () => {
		const controller = serviceWorker.controller
		if (!controller || pending.size === 0) return
		controller.postMessage({ type: 'cache-assets', urls: [...pending] })
		pending.clear()
	}
	// Resource entries appear when a download completes: one that was still in flight when
	// the worker took over is reported as it lands (the worker skips files it already holds).
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const url = new URL(entry.name)
			if (url.origin === window.location.origin && url.pathname.startsWith('/assets/'))
				pending.add(entry.name)
		}
		flush()
	})
	observer.observe({ type: 'resource', buffered: true })
	serviceWorker.addEventListener('controllerchange', flush)
}
