/**
 * An error as a sentence a user can act on: the AppError's message (it names the file or field),
 * never a stack. Only stack frames (lines starting with "at") are cut: a message may say "at byte 19".
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message.replace(/\n\s*at\s.*$/s, '');
  return String(error);
}
