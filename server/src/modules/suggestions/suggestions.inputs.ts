import { z } from 'zod';
import { hasNoNul, NO_NUL_MESSAGE } from '../../validation.js';

export const SuggestChangeSchema = z.object({
  proposalId: z.string(),
  section: z.string().max(50, 'must be a section key'),
  itemId: z.string().max(100, 'must be a list item id').nullish(),
  field: z.string().max(50, 'must be a field key'),
  value: z.string().refine(hasNoNul, NO_NUL_MESSAGE).nullish(),
});
export type SuggestChange = z.infer<typeof SuggestChangeSchema>;
