import { useEffect } from 'react'
import { Link } from '../ui/Link.tsx'

/**
 * Shown instead of the canvas when this instance is served over https without a tldraw licence
 * key: tldraw would otherwise hide the editor a few seconds after it appears, which looks like
 * a crash to the person using it. The text is for whoever runs the instance.
 */
export function LicenceRequired() {
	useEffect(() => {
		document.title = 'Licence key needed · Circlespace'
	}, [])
	return (
		<div className="cs-page">
			<main className="cs-main cs-prose">
				<h1>This instance needs a tldraw licence key</h1>
				<p>
					Circlespace draws boards with the tldraw SDK. On a public <code>https://</code> address, tldraw only
					runs with a licence key, and none is configured here, so the board cannot open.
				</p>
				<h2>For the person who runs this instance</h2>
				<ol>
					<li>
						Get a key from tldraw (they offer hobby, trial and commercial licences at <code>tldraw.dev</code>
						).
					</li>
					<li>
						Set it in the server's environment as <code>TLDRAW_LICENSE_KEY</code> (for example in the{' '}
						<code>.env</code> file next to the server).
					</li>
					<li>Restart the server and reload this page.</li>
				</ol>
				<p className="cs-muted">
					Boards and their content are safe: nothing is lost while the key is missing.
				</p>
				<p>
					<Link href="/">Go to your home page</Link>
				</p>
			</main>
		</div>
	)
}
