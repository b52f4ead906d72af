import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLSchema } from '@tldraw/tlschema'
import { BOARD_LINK_SHAPE_TYPE, boardLinkShapeMigrations, boardLinkShapeProps } from './boardLinkShape.ts'

let schema: TLSchema | undefined

/**
 * The schema of every Circlespace board: tldraw's default shapes and bindings and our own shapes
 * (the board link), with their validators and migrations. The web client's store, its snapshot
 * viewer and the server's imports and exports all use this one, so a record one writes the
 * others read. Built on first call and then shared (a schema is immutable); the server imports
 * this module only when it first needs it (docs/PERFORMANCE.md, "Memory at rest").
 */
export function boardSchema(): TLSchema {
	schema ??= createTLSchema({
		shapes: {
			...defaultShapeSchemas,
			[BOARD_LINK_SHAPE_TYPE]: { props: boardLinkShapeProps, migrations: boardLinkShapeMigrations },
		},
		bindings: defaultBindingSchemas,
	})
	return schema
}
