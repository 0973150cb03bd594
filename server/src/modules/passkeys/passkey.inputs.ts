import { z } from 'zod';
import { PASSKEY_LIMITS } from '@brieflock/schema';
import { hasNoNul, NO_NUL_MESSAGE } from '../../validation.js';

const base64Url = z
  .string()
  .max(PASSKEY_LIMITS.responseFieldMaxLength, 'is too long')
  .regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

/** The JSON `startRegistration` (@simplewebauthn/browser) resolves to. */
export const RegistrationResponseSchema = z.object({
  id: base64Url.min(1),
  rawId: base64Url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64Url.min(1),
    attestationObject: base64Url.min(1),
    transports: z.array(z.string().max(32)).max(8).optional(),
    authenticatorData: base64Url.optional(),
    publicKey: base64Url.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

/** The JSON `startAuthentication` (@simplewebauthn/browser) resolves to. */
export const AuthenticationResponseSchema = z.object({
  id: base64Url.min(1),
  rawId: base64Url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64Url.min(1),
    authenticatorData: base64Url.min(37),
    signature: base64Url.min(1),
    userHandle: base64Url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export type RegistrationResponse = z.infer<typeof RegistrationResponseSchema>;
export type AuthenticationResponse = z.infer<typeof AuthenticationResponseSchema>;

/** A passkey's name: what its owner calls it, e.g. "Work laptop". */
export const passkeyName = z
  .string()
  .trim()
  .refine(hasNoNul, NO_NUL_MESSAGE)
  .min(1, 'must not be empty')
  .max(PASSKEY_LIMITS.nameMaxLength, `must be at most ${PASSKEY_LIMITS.nameMaxLength} characters`);
