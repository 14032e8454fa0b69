/**
 * The `Authorization` header for what a user pastes: a token (JWT) becomes `Bearer <token>`, an API key
 * (`shq_…`) `ApiKey <key>`; a value that already names its scheme is kept as it is.
 */
export function authorizationFor(pasted: string): string | undefined {
  const value = pasted.trim();
  if (value === '') return undefined;
  if (/^(bearer|apikey)\s+/i.test(value)) return value;
  return value.startsWith('shq_') ? `ApiKey ${value}` : `Bearer ${value}`;
}
