import { type InstanceSettings, signupPolicySchema } from '@circlespace/shared'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { SettingsStore } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

/** The settings of an instance whose admins never changed them. */
export const defaultInstanceSettings: Readonly<InstanceSettings> = Object.freeze({
	signupPolicy: 'open',
	tribeClaiming: false,
})

/** How each setting is read back from its JSON text. */
const settingSchemas: { [Name in keyof InstanceSettings]: z.ZodType<InstanceSettings[Name]> } = {
	signupPolicy: signupPolicySchema,
	tribeClaiming: z.boolean(),
}

const settingNames = Object.keys(settingSchemas) as Array<keyof InstanceSettings>

/**
 * {@link SettingsStore} on any database Kysely speaks: one row per setting in
 * `instance_settings`, its value as JSON text. Only settings that were changed have a row.
 */
export class KyselySettingsStore implements SettingsStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async get(): Promise<InstanceSettings> {
		const rows = await this.#db.selectFrom('instance_settings').select(['name', 'value']).execute()
		const settings: InstanceSettings = { ...defaultInstanceSettings }
		for (const row of rows) readSetting(settings, row.name, row.value)
		return settings
	}

	async update(changes: Partial<InstanceSettings>): Promise<InstanceSettings> {
		const entries = settingNames.flatMap((name) =>
			changes[name] === undefined ? [] : [{ name, value: JSON.stringify(changes[name]) }],
		)
		if (entries.length > 0) {
			await this.#db
				.insertInto('instance_settings')
				.values(entries)
				.onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
				.execute()
		}
		return this.get()
	}
}

/**
 * Copies one stored setting into `settings`. Unknown names and values that no longer parse
 * (a setting of a newer or older version) are ignored, leaving the default in place.
 */
function readSetting(settings: InstanceSettings, name: string, value: string): void {
	if (!Object.hasOwn(settingSchemas, name)) return
	const key = name as keyof InstanceSettings
	let json: unknown
	try {
		json = JSON.parse(value)
	} catch {
		return
	}
	const parsed = settingSchemas[key].safeParse(json)
	if (parsed.success) Object.assign(settings, { [key]: parsed.data })
}
