import { z } from 'zod'

/**
 * Imported for its effect, before anything else, by a page served under a
 * Content-Security-Policy without `unsafe-eval` (the web app): zod then validates without
 * compiling code at run time. Without this, building the first object schema probes for
 * `Function` support, which the browser reports as a CSP violation.
 */
z.config({ jitless: true })
