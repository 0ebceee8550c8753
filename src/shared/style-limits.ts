// Size limits of merchant styles, apart from the allowlist table so the message schemas can
// bound a style on the wire without carrying the table into every bundle. Shared by both realms.

/** Longer values are rejected whole (`style_too_long`): no legitimate value needs more. */
export const MAX_STYLE_VALUE_LENGTH = 200;
/** More properties than this in one state (or variables) rejects that state (`style_too_many_properties`). */
export const MAX_STYLE_PROPERTIES = 30;
/** Property and variable names longer than this are not ours; also bounds what a warning echoes. */
export const MAX_STYLE_NAME_LENGTH = 64;
