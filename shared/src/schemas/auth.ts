import { z } from 'zod'

/** Shortest password accepted; checked before any hashing; no composition rules (NIST SP 800-63B). */
export const PASSWORD_MIN_LENGTH = 10
/** Longest password accepted, so that hashing cost stays bounded. */
export const PASSWORD_MAX_LENGTH = 256

/** An email address, trimmed and lower-cased before it is checked or stored. */
export const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254))

/** A password chosen now (sign-up, new password). */
export const newPasswordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH)

/** A name shown to others. */
export const displayNameSchema = z.string().trim().min(1).max(60)

/** A cursor colour, `#rrggbb`, stored lower-case. */
export const colorSchema = z
	.string()
	.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3366ff')
	.transform((value) => value.toLowerCase())

/** Input of sign-up. */
export type SignUp = z.infer<typeof signUpSchema>

/** `POST /api/auth/signup`. */
export const signUpSchema = z.object({
	email: emailSchema,
	displayName: displayNameSchema,
	password: newPasswordSchema,
	/** An invitation link's token: required when the instance takes new accounts by invitation only. */
	invitationToken: z
		.string()
		.regex(/^[a-z2-7]{32}$/, 'Not an invitation link')
		.optional(),
})

/** `POST /api/auth/signin`. Any length up to the maximum: an old password may be shorter. */
export const signInSchema = z.object({
	email: emailSchema,
	password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
})

/** `POST /api/auth/password`. */
export const changePasswordSchema = z.object({
	currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
	newPassword: newPasswordSchema,
})

/** `PATCH /api/auth/me`. */
export const updateProfileSchema = z.object({
	displayName: displayNameSchema.optional(),
	color: colorSchema.optional(),
})
