import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const serverOrigin = 'http://localhost:3000'

export default defineConfig({
	plugins: [react()],
	// Vite 8's dependency optimiser crashes on the asset-import map of @tldraw/assets.
	optimizeDeps: { exclude: ['@tldraw/assets'] },
	build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
	server: {
		proxy: {
			'/api': serverOrigin,
			'/sync': { target: serverOrigin, ws: true },
		},
	},
})
