import type { JourneyTemplateDetail } from '@circlespace/shared'
import type { ReactNode } from 'react'
import { getCircle } from '../../api/circles.ts'
import { getJourneyTemplate } from '../../api/journeys.ts'
import { getTribe } from '../../api/tribes.ts'
import { AppShell } from '../../app/AppShell.tsx'
import { NotFoundPage } from '../../app/NotFoundPage.tsx'
import { circlePath, tribePath } from '../../app/router.ts'
import { Breadcrumbs } from '../../ui/Breadcrumbs.tsx'
import { PageHeading } from '../../ui/PageHeading.tsx'
import { LoadError, Loading } from '../../ui/States.tsx'
import { usePageTitle } from '../../ui/usePageTitle.ts'
import { isNotFound, useResource } from '../../ui/useResource.ts'
import { JourneyTemplatesSection } from './JourneyTemplatesSection.tsx'
import { apiOwnerOf, type TemplateOwner, templatesPath } from './owner.ts'
import { TemplateEditor } from './TemplateEditor.tsx'

/** The tribe or circle the templates belong to: its name, its page and whether one may write. */
interface OwnerInfo {
	trail: { href: string; label: string }[]
	name: string
	canEdit: boolean
}

async function loadOwner(owner: TemplateOwner, signal: AbortSignal): Promise<OwnerInfo> {
	if (owner.kind === 'tribe') {
		const tribe = await getTribe(owner.tribeId, signal)
		return {
			trail: [{ href: tribePath(tribe.id), label: tribe.name }],
			name: tribe.name,
			canEdit: tribe.can.manage,
		}
	}
	const circle = await getCircle(owner.circleId, signal)
	return {
		trail: [
			{ href: tribePath(circle.tribeId), label: circle.tribeName },
			{ href: circlePath(circle.id), label: circle.name },
		],
		name: circle.name,
		canEdit: circle.can.manage,
	}
}

function ownerKey(owner: TemplateOwner): string {
	const { kind, id } = apiOwnerOf(owner)
	return `${kind}/${id}`
}

function Failed({ error, what, onRetry }: { error: unknown; what: string; onRetry: () => void }): ReactNode {
	return (
		<AppShell>
			<PageHeading>Journey templates</PageHeading>
			<LoadError what={what} error={error} onRetry={onRetry} />
		</AppShell>
	)
}

/** `/t/:tribeId/templates` (or a circle's): the owner's journey templates on a page of their own. */
export function JourneyTemplatesPage({ owner }: { owner: TemplateOwner }) {
	const [info, controls] = useResource((signal) => loadOwner(owner, signal), [ownerKey(owner)])
	usePageTitle(info.status === 'ready' ? `Journey templates · ${info.data.name}` : 'Journey templates')
	if (info.status === 'loading') {
		return (
			<AppShell>
				<Loading>Loading the journey templates…</Loading>
			</AppShell>
		)
	}
	if (info.status === 'error') {
		if (isNotFound(info)) return <NotFoundPage title="Not found" />
		return <Failed error={info.error} what="This page" onRetry={controls.reload} />
	}
	return (
		<AppShell>
			<Breadcrumbs trail={info.data.trail} current="Journey templates" />
			<p className="cs-eyebrow">{owner.kind === 'tribe' ? 'Tribe' : 'Circle'}</p>
			<PageHeading>Journey templates of {info.data.name}</PageHeading>
			<JourneyTemplatesSection owner={owner} canEdit={info.data.canEdit} />
		</AppShell>
	)
}

/**
 * `/t/:tribeId/templates/:templateId` (or a circle's): one template in the editor, read-only for
 * those who may not change it.
 */
export function JourneyTemplateEditorPage({
	owner,
	templateId,
}: {
	owner: TemplateOwner
	templateId: string
}) {
	const [loaded, controls] = useResource(
		async (signal) => {
			const [info, detail] = await Promise.all([
				loadOwner(owner, signal),
				getJourneyTemplate(apiOwnerOf(owner), templateId, signal),
			])
			return { info, detail }
		},
		[ownerKey(owner), templateId],
	)
	usePageTitle(loaded.status === 'ready' ? loaded.data.detail.template.name : 'Journey template')
	if (loaded.status === 'loading') {
		return (
			<AppShell>
				<Loading>Loading the template…</Loading>
			</AppShell>
		)
	}
	if (loaded.status === 'error') {
		if (isNotFound(loaded)) {
			return (
				<NotFoundPage title="Template not found">
					<p>This journey template does not exist, or it is not one you may see.</p>
				</NotFoundPage>
			)
		}
		return <Failed error={loaded.error} what="This template" onRetry={controls.reload} />
	}
	const { info, detail } = loaded.data
	return (
		<AppShell>
			<Breadcrumbs
				trail={[...info.trail, { href: templatesPath(owner), label: 'Journey templates' }]}
				current={detail.template.name}
			/>
			<p className="cs-eyebrow">Journey template</p>
			<PageHeading>{detail.template.name}</PageHeading>
			<TemplateMeta detail={detail} />
			<TemplateEditor
				owner={owner}
				detail={detail}
				readOnly={!detail.can.edit}
				onSaved={(next: JourneyTemplateDetail) => controls.set({ info, detail: next })}
			/>
		</AppShell>
	)
}

function TemplateMeta({ detail }: { detail: JourneyTemplateDetail }) {
	const follows =
		detail.usedBy === 0
			? 'No circle follows it yet.'
			: detail.usedBy === 1
				? '1 circle follows it: it sees every change once saved.'
				: `${detail.usedBy} circles follow it: they see every change once saved.`
	return (
		<p className="cs-muted cs-template-meta">
			{follows}
			{!detail.can.edit && ' You may read it; its writers change it.'}
		</p>
	)
}
