import { z } from 'zod'

/** Server-chosen ids of tribes, circles, invitations and join requests: URL-safe random strings. */
export const spaceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not an id')

/** How a tribe came to be: set up by the admin, or claimed by members. */
export const tribeKindSchema = z.enum(['convened', 'emergent'])
/** How a tribe came to be. */
export type TribeKind = z.infer<typeof tribeKindSchema>

/**
 * Who sees a tribe and how one joins it: `open` (anyone on the instance may join), `listed`
 * (visible; joining a circle by request or invitation), `private` (invisible to non-members).
 */
export const tribeVisibilitySchema = z.enum(['open', 'listed', 'private'])
/** Who sees a tribe and how one joins it. */
export type TribeVisibility = z.infer<typeof tribeVisibilitySchema>

/** A person's role in a tribe. */
export const tribeRoleSchema = z.enum(['steward', 'member'])
/** A person's role in a tribe. */
export type TribeRole = z.infer<typeof tribeRoleSchema>

/** A person's role in a circle. */
export const circleRoleSchema = z.enum(['facilitator', 'member'])
/** A person's role in a circle. */
export type CircleRole = z.infer<typeof circleRoleSchema>

const nameSchema = z.string().trim().min(1, 'A name is required').max(100)
const descriptionSchema = z.string().trim().max(2000)

/** Default number of seats of a circle. */
export const DEFAULT_CIRCLE_CAPACITY = 30
/** Largest capacity a circle may be given. */
export const MAX_CIRCLE_CAPACITY = 500

/** `POST /api/tribes`: the admin convenes a tribe, a member claims one (when the instance allows it). */
export const createTribeSchema = z
	.object({
		name: nameSchema,
		description: descriptionSchema.default(''),
		visibility: tribeVisibilitySchema.default('listed'),
	})
	.strict()
/** Input to create a tribe. */
export type CreateTribe = z.input<typeof createTribeSchema>

/** `PATCH /api/tribes/:id`. */
export const updateTribeSchema = z
	.object({ name: nameSchema, description: descriptionSchema, visibility: tribeVisibilitySchema })
	.partial()
	.strict()
/** Changes to a tribe. */
export type UpdateTribe = z.infer<typeof updateTribeSchema>

/** `PUT /api/tribes/:id/members/:userId`: make someone a steward or a plain member. */
export const setTribeRoleSchema = z.object({ role: tribeRoleSchema }).strict()

/** A tribe as the API shows it to one person. */
export interface Tribe {
	id: string
	name: string
	description: string
	kind: TribeKind
	visibility: TribeVisibility
	/** The asking person's role, or null when they are not a member. */
	myRole: TribeRole | null
	circleCount: number
	memberCount: number
	createdAt: string
}

/** A person as others see them in member lists. */
export interface Person {
	id: string
	displayName: string
	color: string
}

/** A member of a tribe with their role. */
export interface TribeMember extends Person {
	role: TribeRole
	joinedAt: string
}

const capacitySchema = z.number().int().min(1).max(MAX_CIRCLE_CAPACITY)

/** `POST /api/tribes/:id/circles`. */
export const createCircleSchema = z
	.object({
		name: nameSchema,
		description: descriptionSchema.default(''),
		capacity: capacitySchema.default(DEFAULT_CIRCLE_CAPACITY),
	})
	.strict()
/** Input to create a circle. */
export type CreateCircle = z.input<typeof createCircleSchema>

/** `PATCH /api/circles/:id`. */
export const updateCircleSchema = z
	.object({ name: nameSchema, description: descriptionSchema, capacity: capacitySchema })
	.partial()
	.strict()
/** Changes to a circle. */
export type UpdateCircle = z.infer<typeof updateCircleSchema>

/** `PUT /api/circles/:id/members/:userId`: make someone a facilitator or a plain member. */
export const setCircleRoleSchema = z.object({ role: circleRoleSchema }).strict()

/** A circle as the API shows it to one person. */
export interface Circle {
	id: string
	tribeId: string
	tribeName: string
	name: string
	description: string
	capacity: number
	memberCount: number
	/** The asking person's role, or null when they are not a member. */
	myRole: CircleRole | null
	/** Whether the asking person has a join request waiting. */
	myRequestPending: boolean
	createdAt: string
}

/** A member of a circle with their role. */
export interface CircleMember extends Person {
	role: CircleRole
	joinedAt: string
}

/** `POST /api/circles/:id/invitations`. */
export const createInvitationSchema = z
	.object({
		/** Days until the link stops working. */
		expiresInDays: z.number().int().min(1).max(90).default(7),
		/** How many people may join with it; null for no limit. */
		maxUses: z.number().int().min(1).max(MAX_CIRCLE_CAPACITY).nullable().default(null),
	})
	.strict()
/** Input to create an invitation link. */
export type CreateInvitation = z.input<typeof createInvitationSchema>

/** An invitation link as facilitators see it (the token itself is only shown once, at creation). */
export interface Invitation {
	id: string
	circleId: string
	createdBy: Person
	createdAt: string
	expiresAt: string
	maxUses: number | null
	uses: number
	revokedAt: string | null
}

/** The answer to creating an invitation: the only time its token is shown. */
export interface CreatedInvitation extends Invitation {
	token: string
}

/** Invitation tokens: base32, lower case, as the server hands them out. */
export const invitationTokenSchema = z.string().regex(/^[a-z2-7]{32}$/, 'Not an invitation link')

/** What anyone holding an invitation link may learn before accepting it. */
export interface InvitationPreview {
	circleId: string
	circleName: string
	tribeName: string
	invitedBy: string
	expiresAt: string
	/** Why it cannot be used, or null when it can. */
	unusableBecause: 'expired' | 'revoked' | 'used_up' | 'full' | null
	/** Whether the asking person (when signed in) is already a member. */
	alreadyMember: boolean
}

/** A request to join a circle, waiting for a facilitator. */
export interface JoinRequest {
	id: string
	circleId: string
	person: Person
	createdAt: string
}

/** `POST /api/join-requests/:id` by a facilitator. */
export const decideJoinRequestSchema = z.object({ decision: z.enum(['approve', 'decline']) }).strict()

/** Who may create an account. */
export const signupPolicySchema = z.enum(['open', 'invitation'])
/** Who may create an account. */
export type SignupPolicy = z.infer<typeof signupPolicySchema>

/** Settings of the whole instance, changed by its admins. */
export interface InstanceSettings {
	/** `open`: anyone may sign up; `invitation`: only with a circle invitation link. */
	signupPolicy: SignupPolicy
	/** Whether members (not only admins) may claim an emergent tribe. */
	tribeClaiming: boolean
}

/** `PATCH /api/instance/settings`. */
export const updateInstanceSettingsSchema = z
	.object({ signupPolicy: signupPolicySchema, tribeClaiming: z.boolean() })
	.partial()
	.strict()

/** `PUT /api/tribes/:id/stewards`: name a steward by the email address of their account. */
export const addStewardSchema = z
	.object({ email: z.string().trim().toLowerCase().pipe(z.email().max(254)) })
	.strict()
