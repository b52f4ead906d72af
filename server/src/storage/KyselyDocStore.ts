import type { Kysely } from 'kysely'
import { KyselyLogStateStore, type LogStateTables } from './KyselyLogStateStore.ts'
import type { DocStore } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

/** Boards' docs: `board_updates` and `board_states`, a document per board id. */
const boardDocTables: LogStateTables = {
	log: 'board_updates',
	state: 'board_states',
	columnsOf: (boardId) => ({ key: { board_id: boardId }, recorded: {} }),
}

/** {@link DocStore} of boards on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyDocStore extends KyselyLogStateStore {
	constructor(db: Kysely<DatabaseSchema>) {
		super(db, boardDocTables)
	}
}
