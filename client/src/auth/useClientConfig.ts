import { useEffect, useState } from 'react'
import { type ClientConfig, getConfig } from '../api/config.ts'

const CACHE_KEY = 'circlespace:config'

/**
 * The instance configuration, or `undefined` while it loads. The last answer is kept in
 * localStorage so a board still opens when the page is reloaded offline.
 */
export function useClientConfig(): ClientConfig | undefined {
	const [config, setConfig] = useState<ClientConfig | undefined>(undefined)
	useEffect(() => {
		const controller = new AbortController()
		getConfig(controller.signal).then(
			(fresh) => {
				setConfig(fresh)
				try {
					localStorage.setItem(CACHE_KEY, JSON.stringify(fresh))
				} catch {
					// Nothing to do: the cache only helps offline reloads.
				}
			},
			() => {
				if (!controller.signal.aborted) setConfig(readCached())
			},
		)
		return () => controller.abort()
	}, [])
	return config
}

function readCached(): ClientConfig {
	const fallback: ClientConfig = { tldrawLicenseKey: null, signupPolicy: 'open', hasAccounts: true }
	try {
		const raw = localStorage.getItem(CACHE_KEY)
		const parsed: unknown = raw ? JSON.parse(raw) : null
		if (!parsed || typeof parsed !== 'object') return fallback
		const { tldrawLicenseKey, signupPolicy, hasAccounts } = parsed as Record<string, unknown>
		return {
			tldrawLicenseKey: typeof tldrawLicenseKey === 'string' ? tldrawLicenseKey : null,
			signupPolicy: signupPolicy === 'invitation' ? 'invitation' : 'open',
			hasAccounts: hasAccounts !== false,
		}
	} catch {
		return fallback
	}
}
