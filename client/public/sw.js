// Circlespace's service worker: it keeps the app shell (index.html and the hashed files under
// /assets/) so that a board page reloads without network; the board itself comes from
// IndexedDB. Written by hand and served as is from the origin root, so its scope is the whole
// app. The build (client/vite.config.ts) fills in the line below: `version` changes with every
// build and names the cache, `precache` lists what that build's index.html references and
// every script and style sheet of the build, including the board's code that pages load on
// demand (src/app/lazyPages.tsx), with the fonts, icons and English messages tldraw fetches: a
// board opens offline even when this build only ever showed another page online.
const BUILD = { version: 'dev', precache: [] }

const CACHE_PREFIX = 'circlespace-shell-'
const CACHE = `${CACHE_PREFIX}${BUILD.version}`
const SHELL = '/index.html'
// A page may ask for at most this many files at once (it only ever needs a few dozen).
const MAX_URLS_PER_MESSAGE = 200
const GATEWAY_ERRORS = new Set([502, 503, 504])

self.addEventListener('install', (event) => {
	event.waitUntil(precache())
})

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name)
			}
			// Take the page that registered us at once: the very first visit must already leave
			// the board reloadable offline, not only the second one.
			await self.clients.claim()
		})(),
	)
	// No skipWaiting(): a new build's worker waits until no tab runs the old one, so an open
	// tab never loses the files of the build it is running.
})

self.addEventListener('fetch', (event) => {
	const request = event.request
	// Writes, the API and the WebSocket (`/sync`) are the network's business only.
	if (request.method !== 'GET') return
	const url = new URL(request.url)
	if (url.origin !== self.location.origin) return
	if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/')) return
	if (request.mode === 'navigate') {
		event.respondWith(navigation(request))
	} else if (url.pathname.startsWith('/assets/')) {
		event.respondWith(asset(event, request))
	}
})

// The page reports the files it loaded before this worker controlled it (the first visit), so
// that they are kept too; see client/src/board/offlineShell.ts.
self.addEventListener('message', (event) => {
	const data = event.data
	if (data?.type !== 'cache-assets' || !Array.isArray(data.urls)) return
	event.waitUntil(cacheAssets(data.urls.slice(0, MAX_URLS_PER_MESSAGE)))
})

async function precache() {
	const cache = await caches.open(CACHE)
	await cache.addAll(BUILD.precache.filter((path) => path !== SHELL))
	// Past the HTTP cache: the shell must be the one of the build being installed.
	const shell = await fetch(SHELL, { cache: 'no-cache' })
	if (!isAppShell(shell)) throw new Error(`${SHELL} answered ${shell.status}`)
	await cache.put(SHELL, shell)
}

/**
 * Network first, so a new deploy shows at once; the cached shell only when the network
 * fails. Every route of the app is the same index.html, so one cached copy serves them all.
 */
async function navigation(request) {
	try {
		// Revalidated with the server every time (a cheap 304 when nothing changed): the HTTP
		// cache's own freshness guess must not hide a new deploy either.
		const response = await fetch(request, { cache: 'no-cache' })
		if (isAppShell(response)) {
			const copy = response.clone()
			// Kept after the response is handed over: the page does not wait for the cache.
			caches
				.open(CACHE)
				.then((cache) => cache.put(SHELL, copy))
				.catch(() => {})
		}
		// Behind a reverse proxy a stopped server is a gateway error, not a network failure.
		if (GATEWAY_ERRORS.has(response.status)) return (await cachedShell()) ?? response
		return response
	} catch (error) {
		const cached = await cachedShell()
		if (cached) return cached
		throw error
	}
}

function cachedShell() {
	return caches.open(CACHE).then((cache) => cache.match(SHELL))
}

/** Files under /assets/ are named by their content hash and never change: cache first. */
async function asset(event, request) {
	const cache = await caches.open(CACHE)
	const cached = await cache.match(request)
	if (cached) return cached
	const response = await fetch(request)
	if (isAssetFile(response)) event.waitUntil(cache.put(request, response.clone()))
	return response
}

async function cacheAssets(urls) {
	const cache = await caches.open(CACHE)
	for (const raw of urls) {
		if (typeof raw !== 'string') continue
		let url
		try {
			url = new URL(raw, self.location.origin)
		} catch {
			continue
		}
		if (url.origin !== self.location.origin || !url.pathname.startsWith('/assets/')) continue
		const key = url.origin + url.pathname
		if (await cache.match(key)) continue
		try {
			const response = await fetch(key)
			if (isAssetFile(response)) await cache.put(key, response)
		} catch {
			// Offline already: it will be cached the next time it is fetched.
		}
	}
}

/**
 * A file of the build. The server answers an unknown path, even under /assets/, with the app's
 * index.html: a chunk of an older deploy, asked for by a tab still running it, must not be
 * kept as that page (it would fail as a script on every later load).
 */
function isAssetFile(response) {
	return response.status === 200 && !(response.headers.get('content-type') ?? '').startsWith('text/html')
}

/** A successful HTML answer, i.e. the app itself rather than an error or a redirect. */
function isAppShell(response) {
	return (
		response.status === 200 &&
		!response.redirected &&
		(response.headers.get('content-type') ?? '').startsWith('text/html')
	)
}
