import { Link } from './Link.tsx'

/** Where this page sits: links to the pages above it, the current page last (not a link). */
export function Breadcrumbs({
	trail,
	current,
}: {
	trail: { href: string; label: string }[]
	current?: string
}) {
	return (
		<nav aria-label="Breadcrumb" className="cs-breadcrumbs">
			<ol>
				{trail.map((step) => (
					<li key={step.href}>
						<Link href={step.href}>{step.label}</Link>
					</li>
				))}
				{current && (
					<li>
						<span aria-current="page">{current}</span>
					</li>
				)}
			</ol>
		</nav>
	)
}
