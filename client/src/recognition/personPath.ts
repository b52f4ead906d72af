/** The path of a person's page (`/people/:id`), where what they were recognised for shows. */
export function personPath(personId: string): string {
	return `/people/${encodeURIComponent(personId)}`
}
