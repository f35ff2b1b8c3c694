/** The message of a thrown value: an Error's message, anything else as text (a rejected string, a number). */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
