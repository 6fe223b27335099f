/** An error as a sentence a user can act on: the AppError's message (it names the file or field), never a stack. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\s+at\s.*$/s, '');
  return String(error);
}
