// The errors the practice REST API answers with: Discord's status, JSON error code and message, and
// a form's field errors. Below the guild and the REST routes alike, so either can raise them.
export class SimApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

export const unknownChannel = () => new SimApiError(404, 10003, 'Unknown Channel');
export const unknownGuild = () => new SimApiError(404, 10004, 'Unknown Guild');
export const unknownMember = () => new SimApiError(404, 10007, 'Unknown Member');
export const unknownMessage = () => new SimApiError(404, 10008, 'Unknown Message');
export const unknownUser = () => new SimApiError(404, 10013, 'Unknown User');
export const unknownBan = () => new SimApiError(404, 10026, 'Unknown Ban');
export const missingPermissions = () => new SimApiError(403, 50013, 'Missing Permissions');
export const missingAccess = () => new SimApiError(403, 50001, 'Missing Access');
export const invalidForm = (errors: unknown) => new SimApiError(400, 50035, 'Invalid Form Body', errors);
export const cannotMessageUser = () => new SimApiError(403, 50007, 'Cannot send messages to this user');
