/** Types of the directives screens, inferred from the shared API schemas. */
import type { z } from 'zod';
import type { AssignmentDetail, Directive, ReminderPreference } from '../../../shared/directives/schemas.ts';

export type DirectiveT = z.infer<typeof Directive>;
export type AssignmentT = z.infer<typeof AssignmentDetail>;
export type PreferenceT = z.infer<typeof ReminderPreference>;
