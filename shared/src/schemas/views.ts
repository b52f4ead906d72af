import type { CirclePermissions, InstancePermissions, TribePermissions } from '../permissions/permissions.ts'
import type { Board } from './board.ts'
import type { Circle, InstanceSettings, Tribe } from './spaces.ts'

/** `GET /api/tribes/:id`: a tribe with what the asking person may do with it. */
export interface TribeDetail extends Tribe {
	can: TribePermissions
}

/** `GET /api/circles/:id`: a circle with what the asking person may do with it. */
export interface CircleDetail extends Circle {
	can: CirclePermissions
}

/** `GET /api/home`: what the home page shows a signed-in person. */
export interface Home {
	/** Circles I am a member of. */
	circles: Circle[]
	/** Tribes I am a member of. */
	tribes: Tribe[]
	/** Recently changed boards of my circles. */
	recentBoards: Board[]
}

/** `GET /api/instance`: the instance's settings and what the asking person may do on it. */
export interface InstanceInfo {
	settings: InstanceSettings
	can: InstancePermissions
	/** True while the instance has no tribe yet (the first user is guided to create one). */
	firstRun: boolean
}
