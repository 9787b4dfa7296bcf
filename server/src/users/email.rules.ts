/** The login compares addresses regardless of case (and surrounding spaces). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
